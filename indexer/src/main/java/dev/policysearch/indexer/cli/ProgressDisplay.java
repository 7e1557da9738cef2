package dev.policysearch.indexer.cli;

import dev.policysearch.indexer.index.IndexProgress;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows indexing progress: a progress bar on a terminal, a line every few seconds otherwise (a
 * log file or CI output should not fill up with redraws), nothing when asked to be quiet.
 */
abstract class ProgressDisplay implements IndexProgress, AutoCloseable {

  static ProgressDisplay create(boolean quiet, PrintWriter err) {
    if (quiet) {
      return new Silent();
    }
    return System.console() != null ? new Bar() : new Periodic(err);
  }

  @Override
  public void close() {}

  private static final class Silent extends ProgressDisplay {
    @Override
    public void start(long totalBytes) {}

    @Override
    public void advance(long bytesRead, long documentsIndexed) {}

    @Override
    public void finish() {}
  }

  private static final class Bar extends ProgressDisplay {
    private ProgressBar bar;

    @Override
    public void start(long totalBytes) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("Indexing")
              .setInitialMax(Math.max(1, totalBytes))
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" MB", 1 << 20)
              .showSpeed()
              .build();
    }

    @Override
    public void advance(long bytesRead, long documentsIndexed) {
      bar.stepTo(bytesRead);
      bar.setExtraMessage(String.format(" %,d docs", documentsIndexed));
    }

    @Override
    public void finish() {
      bar.setExtraMessage(" committing");
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private static final class Periodic extends ProgressDisplay {
    private static final long EVERY_NANOS = 5_000_000_000L;
    private final PrintWriter err;
    private long totalBytes;
    private long lastNanos = System.nanoTime();

    Periodic(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void start(long totalBytes) {
      this.totalBytes = Math.max(1, totalBytes);
    }

    @Override
    public void advance(long bytesRead, long documentsIndexed) {
      long now = System.nanoTime();
      if (now - lastNanos >= EVERY_NANOS) {
        lastNanos = now;
        err.printf("Indexing: %d%% of input read, %,d documents%n", bytesRead * 100 / totalBytes, documentsIndexed);
        err.flush();
      }
    }

    @Override
    public void finish() {
      err.println("Indexing: committing");
      err.flush();
    }
  }
}
