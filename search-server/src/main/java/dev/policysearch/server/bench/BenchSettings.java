package dev.policysearch.server.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A benchmark run's validated settings (see {@link BenchCommand} for what each means).
 *
 * @param work scratch folder: indexes, logs, grown corpora
 * @param tasks the query tasks, already cut to --queries-per-kind
 * @param keepWork keep what is otherwise deleted: the grown corpora and indexes, a temporary work folder
 * @param classDataArchive the server's class-data archive for the start-up runs, or null
 * @param serverOwnJvm run our server for the query figures in a JVM of its own instead of the
 *     benchmark's
 * @param indexerClassDataArchive the indexer's class-data archive our indexing runs use as {@code
 *     ./policy-search index} runs them, or null for plain runs only
 */
record BenchSettings(
    Path corpus,
    Path work,
    List<QueryTask> tasks,
    Duration warmup,
    Duration seconds,
    List<Integer> clients,
    int latencyRounds,
    int threads,
    Path indexerJar,
    Path serverJar,
    ChildJvm jvm,
    boolean skipIndexing,
    boolean skipStartup,
    boolean skipQueries,
    boolean skipBaseline,
    boolean skipUncached,
    int startupRuns,
    int indexingRuns,
    Path classDataArchive,
    Path indexerClassDataArchive,
    List<Integer> growth,
    boolean growthOnly,
    boolean keepWork,
    boolean serverOwnJvm,
    long seed) {

  BenchSettings {
    tasks = List.copyOf(tasks);
    clients = List.copyOf(clients);
    growth = List.copyOf(growth);
  }

  /** Our index (generations + CURRENT), built by our indexer. */
  Path oursIndex() {
    return work.resolve("ours");
  }

  /** The baseline's plain Lucene index. */
  Path baselineIndex() {
    return work.resolve("baseline");
  }

  Path logs() {
    return work.resolve("logs");
  }
}
