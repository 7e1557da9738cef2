package dev.policysearch.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to its end, timing it and following its memory. Output goes to a log file
 * (read back only to explain a failure).
 *
 * <p>Memory is the peak resident set size, Linux's {@code VmHWM} in {@code /proc/PID/status}: a
 * high-water mark the kernel keeps, so polling it every 100 ms loses at most the growth of the
 * last 100 ms before exit. It counts what the process really held (heap, code, mapped index
 * pages), not only the Java heap, and it is measured the same way for every engine. Elsewhere
 * than Linux it is reported as -1.
 *
 * <p>CPU time is the process's user plus system time, all threads together, read at the same
 * polls (the JDK's {@code ProcessHandle.Info}): the last 100 ms before exit are not in it, at most
 * 0.1 s per core. Unknown is -1.
 */
final class ChildProcess {

  /**
   * How a child ended: exit code, wall time from start to exit, peak RSS and CPU time (each -1
   * when unknown).
   */
  record Run(int exitCode, long millis, long peakRssBytes, long cpuMillis, Path log) {}

  private static final long POLL_MILLIS = 100;
  private static final long PROGRESS_EVERY_NANOS = 15_000_000_000L;

  private ChildProcess() {}

  static Run run(List<String> command, Path log, String label, ProgressLog progress) throws IOException, InterruptedException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long peak = -1;
    long cpuMillis = -1;
    long nextProgress = started + PROGRESS_EVERY_NANOS;
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        peak = Math.max(peak, peakRss(process.pid()));
        cpuMillis = process.info().totalCpuDuration().map(Duration::toMillis).orElse(cpuMillis);
        if (System.nanoTime() >= nextProgress) {
          progress.say("%s: still running, %.0f s, peak RSS %s", label, (System.nanoTime() - started) / 1e9, megabytes(peak));
          nextProgress += PROGRESS_EVERY_NANOS;
        }
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new Run(process.exitValue(), millis, peak, cpuMillis, log);
  }

  /** SIGTERM, so a server shuts down the way it does in service; forced if it lingers 30 s. */
  static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** Fails with the command and the end of its output when a child did not exit with 0. */
  static void requireSuccess(Run run, String what) throws IOException {
    if (run.exitCode() != 0) {
      throw new IOException(what + " exited with " + run.exitCode() + "; its output (" + run.log() + ") ends with:\n" + tail(run.log(), 20));
    }
  }

  /** The peak RSS of a running process in bytes, or -1 when /proc does not tell. */
  static long peakRss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024; // the kernel reports kB
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone already, or not Linux: unknown
    }
    return -1;
  }

  static String megabytes(long bytes) {
    return bytes < 0 ? "n/a" : String.format("%,.0f MB", bytes / 1e6);
  }

  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
