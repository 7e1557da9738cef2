package dev.policysearch.indexer.crawl;

import java.util.concurrent.Semaphore;

/**
 * Politeness for one host: at most {@code concurrency} requests in flight, and request starts at
 * least {@code delayMillis} apart.
 */
final class HostGate {
  private final Semaphore inFlight;
  private long delayMillis;
  private long nextStartNanos = System.nanoTime();

  HostGate(int concurrency, long delayMillis) {
    this.inFlight = new Semaphore(concurrency, true);
    this.delayMillis = delayMillis;
  }

  /** Raises the delay (a robots.txt Crawl-delay); never lowers it. */
  synchronized void atLeast(long millis) {
    delayMillis = Math.max(delayMillis, millis);
  }

  void enter() throws InterruptedException {
    inFlight.acquire();
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long start = Math.max(now, nextStartNanos);
      nextStartNanos = start + delayMillis * 1_000_000L;
      wait = start - now;
    }
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      } catch (InterruptedException e) {
        inFlight.release();
        throw e;
      }
    }
  }

  void leave() {
    inFlight.release();
  }
}
