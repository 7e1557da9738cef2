package dev.policysearch.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code policy-search bench}: measures our engine against a bare-Lucene baseline in one run and
 * prints the tables kept in docs/BENCHMARKS.md. Benchmarks are a program, not timed tests: the
 * figures mean something only on a quiet machine, and only beside the baseline taken with them.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    version = "policy-search 0.1.0",
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Benchmarks policy-search against a bare-Lucene baseline (stock smartcn and English",
      "analyzers, BM25) in one run. Tables go to standard output, progress to standard error;",
      "--json also writes every figure to a file.",
      "",
      "1. Indexing. Our indexer's command line (java -jar INDEXER index --input CORPUS",
      "   --index WORK/ours --quiet) and the baseline indexer, each a child JVM with the same",
      "   JVM options and threads, timed from start to exit: wall time, documents/s, MB/s of",
      "   uncompressed UTF-8 title+body text, index size on disk, peak RSS (VmHWM); the",
      "   median of --indexing-runs rounds of one run of each, the order rotating by round.",
      "2. Start-up. java -jar SERVER serve --index WORK/ours --port 0, timed to its",
      "   'Search at' line and to the first successful /api/search answer.",
      "3. Queries. The task file's queries, grouped by kind. Ours over HTTP (/api/search on a",
      "   server in this JVM, or with --server-own-jvm in one of its own; facets are counted",
      "   with every search), the baseline in-process",
      "   (top 10 + stored titles; no filters, facets, sort or highlighting). Latency",
      "   p50/p95/p99 per kind with 1 client after a warm-up, then queries/s at each",
      "   --clients level in a closed loop, with error counts.",
      "4. Growth curve (only with --growth). Larger corpora derived from CORPUS, indexed by",
      "   ours; zh-term and zh-phrase latency over HTTP at each size.",
      "",
      "Everything random is seeded (--seed). Needs the built jars: ./policy-search build.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ./policy-search bench --corpus ../shared/corpus --json bench.json",
      "  ./policy-search bench --corpus ../shared/corpus --work /tmp/bench        (indexes kept)",
      "  ./policy-search bench --corpus ../shared/corpus --work /tmp/bench --skip-indexing",
      "  ./policy-search bench --corpus ../shared/corpus --growth 100000,300000,1000000 --growth-only",
      "",
      "Exit codes: 0 ok, 1 failure (jars not built, a child process failed, ...), 2 usage error."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Corpus folder: *.jsonl / *.jsonl.gz files (searched recursively), e.g. ../shared/corpus.")
  Path corpus;

  @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder for indexes and logs (kept afterwards; default: a temporary folder, deleted at the end unless --keep-work).")
  Path work;

  @Option(names = "--keep-work", description = "Keep the temporary work folder and the grown corpora and indexes of --growth (they are large).")
  boolean keepWork;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure to FILE as JSON.")
  Path json;

  @Option(names = "--tasks", paramLabel = "FILE", description = "Query task file, kind<TAB>query<TAB>extra-params per line (default: the bundled bench/tasks.tsv).")
  Path tasks;

  @Option(names = "--queries-per-kind", paramLabel = "N", description = "Use only the first N tasks of each kind (default ${DEFAULT-VALUE}: all).")
  int queriesPerKind;

  /**
   * Long enough for the JIT to finish with our server's code: after 8 s the slowest of 1,224
   * answers from the result cache took 11 ms and 20 took over 3.5 ms; after 25 s the slowest
   * took 2.1 ms (docs/BENCHMARKS.md).
   */
  @Option(names = "--warmup-seconds", paramLabel = "S", description = "Warm-up before each engine's latency runs, and at each growth size (default ${DEFAULT-VALUE}).")
  int warmupSeconds = 30;

  @Option(names = "--latency-rounds", paramLabel = "N", description = "Times each task is run for the 1-client latency percentiles (default ${DEFAULT-VALUE}).")
  int latencyRounds = 3;

  @Option(names = "--seconds", paramLabel = "S", description = "Duration of each throughput level (default ${DEFAULT-VALUE}).")
  int seconds = 20;

  @Option(
      names = "--clients", split = ",", defaultValue = "1,2,8,32", paramLabel = "N,N,...", hideParamSyntax = true,
      description = "Concurrent clients (baseline: threads) of each throughput level (default ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(names = "--threads", paramLabel = "N", description = "Indexing threads, for both indexers (default: the number of cores, ${DEFAULT-VALUE}, our indexer's default).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--startup-runs", paramLabel = "N", description = "Server starts to time (default ${DEFAULT-VALUE}; the median is reported).")
  int startupRuns = 3;

  /**
   * One indexing run of each varies by about 5 % from run to run on a quiet machine (the ninth to
   * eleventh sessions in docs/BENCHMARKS.md), as much as the differences worth measuring.
   */
  @Option(
      names = "--indexing-runs", paramLabel = "N",
      description = "Indexing rounds, one run of each indexer in each, the order rotating by round (default ${DEFAULT-VALUE}; the median run is reported).")
  int indexingRuns = 3;

  @Option(names = "--skip-indexing", description = "Reuse the indexes of an earlier run in --work instead of indexing (no indexing figures).")
  boolean skipIndexing;

  @Option(names = "--skip-startup", description = "Do not time server start-up.")
  boolean skipStartup;

  @Option(
      names = "--class-data-archive",
      paramLabel = "FILE",
      description =
          "Time start-up as ./policy-search serve starts the server: with this class-data (CDS) archive, written first"
              + " when missing, beside the same starts without it. The launcher passes the archive serve uses.")
  Path classDataArchive;

  @Option(
      names = "--indexer-class-data-archive",
      paramLabel = "FILE",
      description =
          "Time our indexer as ./policy-search index runs it: with this class-data (CDS) archive, written first by one"
              + " untimed run when missing, beside the same runs without it. The launcher passes the archive index uses.")
  Path indexerClassDataArchive;

  @Option(names = "--skip-queries", description = "Do not run the query benchmarks.")
  boolean skipQueries;

  @Option(names = "--skip-baseline", description = "Measure ours only: no baseline index, no baseline queries, no ratios.")
  boolean skipBaseline;

  @Option(names = "--skip-uncached", description = "Measure our queries only as shipped (result cache on), not a second time with the result cache off.")
  boolean skipUncached;

  /**
   * Not the default: on 2 cores the server's JVM then competes with the benchmark's (two JIT
   * compilers, two collectors) and ours measured slower than in process, the method of every
   * earlier figure (docs/BENCHMARKS.md, fifteenth session).
   */
  @Option(
      names = "--server-own-jvm",
      description = "Run our server for the query figures in a JVM of its own, started as ./policy-search serve starts it (with --class-data-archive when given), instead of in the benchmark's JVM; its peak RSS is reported.")
  boolean serverOwnJvm;

  @Option(names = "--growth", split = ",", paramLabel = "N,N,...", hideParamSyntax = true, description = "Corpus sizes for the growth curve, e.g. 100000,300000,1000000 (default: no growth curve; it takes long and needs disk).")
  List<Integer> growth = new ArrayList<>();

  @Option(names = "--growth-only", description = "Run only the growth curve (needs --growth).")
  boolean growthOnly;

  @Option(names = "--indexer-jar", paramLabel = "JAR", description = "Our indexer's jar (default: ${DEFAULT-VALUE}, relative to the working folder).")
  Path indexerJar = Path.of("indexer", "target", "policy-search-indexer.jar");

  @Option(names = "--server-jar", paramLabel = "JAR", description = "The server jar started for the start-up figure (default: ${DEFAULT-VALUE}).")
  Path serverJar = Path.of("search-server", "target", "policy-search-server.jar");

  @Option(names = "--child-jvm-opts", paramLabel = "OPTS", description = "Extra options for every child JVM (indexers, start-up server), space-separated, e.g. \"-Xmx4g\".")
  String childJvmOpts = "";

  @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice: query order, grown corpora (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    quietAccessLog();
    HttpQueryBench.keepConnectionsOpen();
    validate();
    List<QueryTask> all = tasks == null ? QueryTasks.bundled() : QueryTasks.read(tasks);
    ProgressLog log = new ProgressLog(spec.commandLine().getErr());
    boolean temporary = work == null;
    Path workDir = temporary ? Files.createTempDirectory("policy-search-bench-") : work.toAbsolutePath().normalize();
    Files.createDirectories(workDir);
    BenchSettings settings = settings(workDir, QueryTasks.firstPerKind(all, queriesPerKind));
    log.say("work folder %s; %d query tasks", workDir, settings.tasks().size());
    BenchResults results;
    try {
      results = new BenchRun(settings, log).run(String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    } catch (IOException | RuntimeException e) {
      log.say("failed; the children's logs are kept in %s", settings.logs());
      throw e;
    }
    new BenchReport(spec.commandLine().getOut()).print(results, settings);
    if (json != null) {
      BenchReport.writeJson(results, json);
      log.say("figures written to %s", json.toAbsolutePath());
    }
    if (temporary && !keepWork) {
      IndexingBench.deleteRecursively(workDir);
    } else {
      log.say("work folder kept: %s", workDir);
    }
    return 0;
  }

  private BenchSettings settings(Path workDir, List<QueryTask> selected) {
    List<String> extra = childJvmOpts.isBlank() ? List.of() : Arrays.asList(childJvmOpts.strip().split("\\s+"));
    return new BenchSettings(
        corpus.toAbsolutePath().normalize(), workDir, selected,
        Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds), clients, latencyRounds, threads,
        indexerJar.toAbsolutePath().normalize(), serverJar.toAbsolutePath().normalize(), ChildJvm.current(extra),
        skipIndexing, skipStartup, skipQueries, skipBaseline, skipUncached, startupRuns, indexingRuns,
        classDataArchive == null ? null : classDataArchive.toAbsolutePath().normalize(),
        indexerClassDataArchive == null ? null : indexerClassDataArchive.toAbsolutePath().normalize(), growth, growthOnly, keepWork, serverOwnJvm, seed);
  }

  /** Usage errors first (exit 2), then what must exist on disk (exit 1, with what to do). */
  private void validate() throws IOException {
    atLeast("--queries-per-kind", queriesPerKind, 0);
    atLeast("--warmup-seconds", warmupSeconds, 0);
    atLeast("--latency-rounds", latencyRounds, 1);
    atLeast("--seconds", seconds, 1);
    atLeast("--startup-runs", startupRuns, 1);
    atLeast("--indexing-runs", indexingRuns, 1);
    if (threads < 1 || threads > 256) {
      throw usage("--threads must be between 1 and 256, was " + threads);
    }
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > HttpQueryBench.MAX_CONCURRENT_SEARCHES)) {
      throw usage("--clients must list numbers between 1 and " + HttpQueryBench.MAX_CONCURRENT_SEARCHES + ", was " + clients);
    }
    if (growth.stream().anyMatch(n -> n < 1)) {
      throw usage("--growth must list positive corpus sizes, was " + growth);
    }
    if (growthOnly && growth.isEmpty()) {
      throw usage("--growth-only needs --growth SIZES, e.g. --growth 100000,300000,1000000");
    }
    if (skipIndexing && work == null) {
      throw usage("--skip-indexing reuses the indexes of an earlier run: name its folder with --work DIR");
    }
    if (!Files.isDirectory(corpus)) {
      throw new IOException("--corpus " + corpus.toAbsolutePath() + ": no such folder (the shared corpus is ../shared/corpus beside the checkout)");
    }
    boolean indexes = (!growthOnly && !skipIndexing) || !growth.isEmpty();
    if (indexes) {
      requireJar("--indexer-jar", indexerJar);
    }
    boolean childServer = serverOwnJvm && ((!growthOnly && !skipQueries) || !growth.isEmpty());
    if ((!growthOnly && !skipStartup) || childServer) {
      requireJar("--server-jar", serverJar);
    }
  }

  private static void requireJar(String option, Path jar) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(option + " " + jar.toAbsolutePath() + " is missing: build first: ./policy-search build (and run the benchmark from the checkout's top folder)");
    }
  }

  private void atLeast(String option, int value, int min) {
    if (value < min) {
      throw usage(option + " must be at least " + min + ", was " + value);
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * The server's access log writes one line per request at INFO; a benchmark sends tens of
   * thousands, and writing them would be measured too. Set before the server's loggers exist, and
   * only when the user did not choose a level.
   */
  private static void quietAccessLog() {
    if (System.getProperty(HttpQueryBench.ACCESS_LOG_LEVEL) == null) {
      System.setProperty(HttpQueryBench.ACCESS_LOG_LEVEL, "warn");
    }
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
  }

  /** Runs the command alone (the same exit codes as {@code policy-search bench}). */
  public static void main(String[] args) {
    CommandLine command =
        new CommandLine(new BenchCommand())
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  cmd.getErr().println("error: " + e.getMessage());
                  return 1;
                });
    System.exit(command.execute(args));
  }
}
