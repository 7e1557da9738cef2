package dev.policysearch.server.bench;

import java.util.List;
import java.util.Map;

/**
 * Every figure of one benchmark run, in the shape written by {@code --json} (snake_case keys). A
 * section is null when the run skipped it. Sizes are bytes, times milliseconds unless a name says
 * seconds; memory is peak resident set size (VmHWM) of the process, -1 where it could not be read.
 */
public record BenchResults(
    Environment environment,
    CorpusStats corpus,
    IndexingComparison indexing,
    Startup startup,
    QueryComparison queries,
    QueryComparison queriesUncached,
    List<GrowthPoint> growth) {

  /** Where and how the figures were taken. */
  public record Environment(
      String started, String java, String vm, String os, int cores, long benchMaxHeapBytes,
      List<String> childJvmOptions, long seed, String arguments, String ourServer) {}

  /**
   * One indexing run, as a child process from start to exit.
   *
   * @param mbPerSecond uncompressed UTF-8 bytes of title + body per second (MB = 10^6 bytes)
   * @param indexBytes size of the finished index folder (for ours: the published generation)
   * @param cpuSeconds user plus system CPU time of the process, all threads (-1 when unknown);
   *     for a median of runs, the median of their CPU times
   */
  public record Indexing(
      String engine, long documents, double seconds, double docsPerSecond, double mbPerSecond,
      long indexBytes, long peakRssBytes, int threads, double cpuSeconds) {}

  /**
   * Ours beside the baseline, each the median of its runs (by wall time; of an even number of
   * runs the slower of the middle two), with the highest peak RSS of its runs; the ratio is ours /
   * baseline docs per second.
   *
   * @param oursRunSeconds the wall time of each of our runs, in the order run
   * @param baselineRunSeconds the same for the baseline, each in the round of ours of the same number
   * @param classDataArchive the indexer's class-data archive {@code ours} ran with, as {@code
   *     ./policy-search index} runs it, or null when ours ran without one
   * @param withoutArchive ours without the archive (plain {@code java -jar}), each run in the round
   *     of the baseline's of the same number; null when {@code ours} ran without one
   * @param oursRunCpuSeconds the CPU time of each of our runs, in the order run (-1 when unknown)
   * @param baselineRunCpuSeconds the same for the baseline
   */
  public record IndexingComparison(
      Indexing ours, Indexing baseline, Double docsPerSecondRatio, List<Double> oursRunSeconds, List<Double> baselineRunSeconds,
      String classDataArchive, WithoutArchive withoutArchive, List<Double> oursRunCpuSeconds, List<Double> baselineRunCpuSeconds) {}

  /**
   * Our indexer run without its class-data archive, beside the baseline of the same rounds.
   *
   * @param docsPerSecondRatio ours without the archive / baseline docs per second; null without a baseline
   */
  public record WithoutArchive(Indexing ours, Double docsPerSecondRatio, List<Double> runSeconds, List<Double> runCpuSeconds) {}

  /**
   * Latency of one kind of query with one client.
   *
   * @param tasks distinct queries of the kind
   * @param runs queries sent (tasks x rounds); failed ones are not in {@code latency}
   */
  public record KindLatency(String kind, int tasks, long runs, long failed, long timedOut, LatencyStats latency) {}

  /** A closed-loop run: {@code clients} threads, each sending its next query when one answers. */
  public record Throughput(
      int clients, double seconds, long completed, long failed, long timedOut, double queriesPerSecond,
      LatencyStats latency) {}

  /**
   * One engine's query figures.
   *
   * @param serverPeakRssBytes our server's peak resident set size (VmHWM) when it ran in a JVM of
   *     its own, at the end of the measurements; -1 otherwise
   */
  public record EngineQueries(
      String engine, List<KindLatency> latency, List<Throughput> throughput, CacheUse resultCache, long serverPeakRssBytes) {}

  /**
   * How many of our searches, from the warm-up to the last throughput level, the server answered
   * from its result cache and how many it searched; null for the baseline.
   */
  public record CacheUse(int megabytes, long hits, long misses) {}

  /**
   * Ours beside the baseline.
   *
   * @param p99RatioByKind our HTTP p99 / baseline in-process p99, per kind and "all"
   * @param qpsRatioTwoClients our queries/s with 2 clients / the baseline's with 2 threads
   */
  public record QueryComparison(
      EngineQueries ours, EngineQueries baseline, Map<String, Double> p99RatioByKind, Double qpsRatioTwoClients) {}

  /**
   * Server start-up: from launching the process to the "Search at" line (listening) and to the
   * first successful {@code /api/search} answer.
   *
   * @param classDataArchive the class-data archive the starts used, as {@code ./policy-search
   *     serve} uses one; null when started as plain {@code java -jar}
   * @param withoutArchive with an archive, the same starts without it, for comparison; else null
   */
  public record Startup(
      int runs, List<Long> listeningMillis, List<Long> firstAnswerMillis, long medianListeningMillis,
      long medianFirstAnswerMillis, String classDataArchive, Startup withoutArchive) {}

  /**
   * One size of the growth curve: indexing, and latency of two query kinds over HTTP.
   *
   * @param serverPeakRssBytes the server's peak RSS with {@code --server-own-jvm}; else -1
   */
  public record GrowthPoint(long documents, Indexing indexing, List<KindLatency> latency, long serverPeakRssBytes) {}
}
