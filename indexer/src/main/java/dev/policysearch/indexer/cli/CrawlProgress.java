package dev.policysearch.indexer.cli;

import dev.policysearch.indexer.crawl.CrawlCounters;
import dev.policysearch.indexer.crawl.SiteCrawler;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a crawl going: a progress bar of pages on a terminal (the total is unknown, so it counts
 * up), a line every few seconds otherwise. Each problem is printed once, as it happens, with the
 * site, URL and reason, and kept for the summary.
 */
final class CrawlProgress implements SiteCrawler.Listener, AutoCloseable {
  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final boolean quiet;
  private final ProgressBar bar;
  private final AtomicLong pages = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final Set<String> problems = new LinkedHashSet<>();
  private long lastNanos = System.nanoTime();

  CrawlProgress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
    this.bar = !quiet && System.console() != null
        ? new ProgressBarBuilder().setTaskName("Crawling").setInitialMax(-1).setStyle(ProgressBarStyle.ASCII).setUnit(" pages", 1).build()
        : null;
  }

  @Override
  public synchronized void problem(String site, String url, String reason) {
    String line = "[" + site + "] " + url + ": " + reason;
    if (problems.add(line)) {
      err.println("problem: " + line);
      err.flush();
    }
  }

  @Override
  public synchronized void page(String site, String url, CrawlCounters.Outcome outcome) {
    long n = pages.incrementAndGet();
    if (outcome == CrawlCounters.Outcome.STORED) {
      stored.incrementAndGet();
    }
    if (bar != null) {
      bar.stepTo(n);
      bar.setExtraMessage(String.format(" %,d stored", stored.get()));
    } else if (!quiet && System.nanoTime() - lastNanos >= EVERY_NANOS) {
      lastNanos = System.nanoTime();
      err.printf("Crawling: %,d pages, %,d releases stored, last %s%n", n, stored.get(), url);
      err.flush();
    }
  }

  List<String> problems() {
    synchronized (this) {
      return new ArrayList<>(problems);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
