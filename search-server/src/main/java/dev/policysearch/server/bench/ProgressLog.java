package dev.policysearch.server.bench;

import java.io.PrintWriter;

/**
 * Progress lines on standard error, each stamped with the time since the run began, so that a run
 * of an hour shows it is alive and where the time went. The report itself goes to standard output.
 */
final class ProgressLog {
  private final PrintWriter err;
  private final long startedNanos = System.nanoTime();

  ProgressLog(PrintWriter err) {
    this.err = err;
  }

  void say(String format, Object... args) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    synchronized (err) {
      err.printf("[bench %7.1fs] %s%n", seconds, String.format(format, args));
      err.flush();
    }
  }
}
