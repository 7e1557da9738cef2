package dev.policysearch.server.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, in milliseconds.
 *
 * <p>Nearest-rank percentiles (the smallest sample with at least p% of the samples at or below
 * it): every figure is a latency that was actually observed, never an interpolation, so a p99
 * over 120 samples is honestly "the second slowest".
 */
public record LatencyStats(int count, double p50, double p95, double p99, double max, double mean) {

  public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0);

  /** The percentiles of {@code nanos} (not modified). */
  public static LatencyStats ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return EMPTY;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new LatencyStats(
        sorted.length,
        millis(rank(sorted, 0.50)),
        millis(rank(sorted, 0.95)),
        millis(rank(sorted, 0.99)),
        millis(sorted[sorted.length - 1]),
        sum / sorted.length / 1e6);
  }

  private static long rank(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
