package dev.policysearch.server.bench;

import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.server.http.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run, in the order that keeps measurements from disturbing each other: corpus
 * figures, indexing (children, one at a time), start-up (a child while this JVM idles), queries
 * (ours, then the baseline), then the growth curve.
 */
final class BenchRun {
  private final BenchSettings settings;
  private final ProgressLog log;

  BenchRun(BenchSettings settings, ProgressLog log) {
    this.settings = settings;
    this.log = log;
  }

  BenchResults run(String arguments) throws IOException, InterruptedException {
    BenchResults.Environment environment = environment(arguments);
    List<Path> files = CorpusStats.filesIn(settings.corpus());
    Files.createDirectories(settings.logs());
    IndexingBench indexing = new IndexingBench(settings.jvm(), settings.threads(), log, settings.logs());
    CorpusStats corpus = null;
    BenchResults.IndexingComparison indexed = null;
    BenchResults.Startup startup = null;
    BenchResults.QueryComparison queries = null;
    BenchResults.QueryComparison queriesUncached = null;
    if (!settings.growthOnly()) {
      if (settings.skipIndexing()) {
        requireIndexes();
      } else {
        log.say("corpus: reading %d files for document and byte counts", files.size());
        corpus = CorpusStats.measure(files);
        indexed = indexing(indexing, files, corpus);
      }
      if (!settings.skipStartup()) {
        startup =
            new StartupBench(settings.jvm(), log)
                .run(settings.serverJar(), settings.oursIndex(), settings.startupRuns(), settings.logs(), settings.classDataArchive());
      }
      if (!settings.skipQueries()) {
        BenchResults.EngineQueries baseline = settings.skipBaseline() ? null : baselineQueries();
        queries = compare(oursQueries("ours", ServerSettings.DEFAULT_RESULT_CACHE_MB), baseline);
        if (!settings.skipUncached()) {
          queriesUncached = compare(oursQueries("ours-uncached", 0), baseline);
        }
      }
    }
    List<BenchResults.GrowthPoint> growth = settings.growth().isEmpty() ? null : new GrowthBench(settings, indexing, log).run(files);
    return new BenchResults(environment, corpus, indexed, startup, queries, queriesUncached, growth);
  }

  /**
   * {@code --indexing-runs} rounds of one run of each indexer, so that a slow spell of the machine
   * falls on both; the median run of each is compared. With the indexer's class-data archive, ours
   * runs with it (as {@code ./policy-search index} runs it) and once more without it in each
   * round. The order within a round rotates from one round to the next.
   */
  private BenchResults.IndexingComparison indexing(IndexingBench indexing, List<Path> files, CorpusStats corpus)
      throws IOException, InterruptedException {
    int runs = settings.indexingRuns();
    Path archive = settings.indexerClassDataArchive();
    if (archive != null && !Files.isRegularFile(archive)) {
      indexing.writeClassDataArchive(archive, settings.indexerJar(), settings.corpus(), settings.oursIndex(), corpus);
    }
    List<String> mapped = archive == null ? List.of() : IndexingBench.archiveOptions(archive, null);
    List<BenchResults.Indexing> ours = new ArrayList<>();
    List<BenchResults.Indexing> baseline = new ArrayList<>();
    List<BenchResults.Indexing> plain = new ArrayList<>();
    // The runs of a round, in the order of the first round; each later round starts one further
    // along (ours, baseline, plain; then baseline, plain, ours; ...), so that no indexer always
    // runs first in its round.
    for (int run = 1; run <= runs; run++) {
      String suffix = runs == 1 ? "" : "-" + run;
      List<IndexingRun> round = new ArrayList<>();
      round.add(() -> ours.add(indexing.ours("ours" + suffix, settings.indexerJar(), settings.corpus(), settings.oursIndex(), corpus, mapped)));
      if (!settings.skipBaseline()) {
        round.add(() -> baseline.add(indexing.baseline("baseline" + suffix, files, settings.baselineIndex(), corpus)));
      }
      if (archive != null) {
        round.add(() -> plain.add(indexing.ours("ours-without-archive" + suffix, settings.indexerJar(), settings.corpus(), settings.oursIndex(), corpus)));
      }
      Collections.rotate(round, -((run - 1) % round.size()));
      for (IndexingRun r : round) {
        r.run();
      }
    }
    BenchResults.Indexing oursMedian = median("ours", ours);
    BenchResults.Indexing baselineMedian = baseline.isEmpty() ? null : median("baseline", baseline);
    BenchResults.WithoutArchive withoutArchive = null;
    if (archive != null) {
      BenchResults.Indexing plainMedian = median("ours-without-archive", plain);
      withoutArchive =
          new BenchResults.WithoutArchive(
              plainMedian, baselineMedian == null ? null : plainMedian.docsPerSecond() / baselineMedian.docsPerSecond(), seconds(plain), cpuSeconds(plain));
    }
    return new BenchResults.IndexingComparison(
        oursMedian,
        baselineMedian,
        baselineMedian == null ? null : oursMedian.docsPerSecond() / baselineMedian.docsPerSecond(),
        seconds(ours),
        baselineMedian == null ? null : seconds(baseline),
        archive == null ? null : archive.toString(),
        withoutArchive,
        cpuSeconds(ours),
        baselineMedian == null ? null : cpuSeconds(baseline));
  }

  /** One timed indexing run of a round. */
  @FunctionalInterface
  private interface IndexingRun {
    void run() throws IOException, InterruptedException;
  }

  /**
   * The median run by wall time (of two middle runs the slower), with the highest peak RSS of all
   * and the median CPU time (taken the same way, on its own: it may be another run's).
   */
  static BenchResults.Indexing median(String engine, List<BenchResults.Indexing> runs) {
    List<BenchResults.Indexing> sorted = runs.stream().sorted(Comparator.comparingDouble(BenchResults.Indexing::seconds)).toList();
    BenchResults.Indexing m = sorted.get(sorted.size() / 2);
    long peakRss = runs.stream().mapToLong(BenchResults.Indexing::peakRssBytes).max().orElse(-1);
    List<Double> cpu = cpuSeconds(runs).stream().sorted().toList();
    double medianCpu = cpu.contains(-1.0) ? -1 : cpu.get(cpu.size() / 2);
    return new BenchResults.Indexing(
        engine, m.documents(), m.seconds(), m.docsPerSecond(), m.mbPerSecond(), m.indexBytes(), peakRss, m.threads(), medianCpu);
  }

  private static List<Double> seconds(List<BenchResults.Indexing> runs) {
    return runs.stream().map(BenchResults.Indexing::seconds).toList();
  }

  private static List<Double> cpuSeconds(List<BenchResults.Indexing> runs) {
    return runs.stream().map(BenchResults.Indexing::cpuSeconds).toList();
  }

  /**
   * Ours over HTTP. As shipped, the server keeps recent answers ({@code resultCacheMegabytes} =
   * the default), and the task list is repeated, so after the warm-up nearly every answer comes
   * from that cache; with 0 every search is searched, which is what a search never seen costs.
   */
  private BenchResults.EngineQueries oursQueries(String engine, int resultCacheMegabytes) throws IOException, InterruptedException {
    try (HttpQueryBench http = HttpQueryBench.start(settings, settings.oursIndex(), resultCacheMegabytes, engine)) {
      log.say("queries, %s: server at %s (%s), result cache %s, %d tasks", engine, http.base(), serverWhere(settings),
          resultCacheMegabytes == 0 ? "off" : resultCacheMegabytes + " MB", settings.tasks().size());
      BenchResults.EngineQueries measured = measure(engine, http);
      var cache = http.cacheStats();
      long peakRss = http.serverPeakRssBytes();
      if (peakRss > 0) {
        log.say("%s: server peak RSS %s", engine, ChildProcess.megabytes(peakRss));
      }
      BenchResults.CacheUse use = new BenchResults.CacheUse(resultCacheMegabytes, cache.map(c -> c.hits()).orElse(0L), cache.map(c -> c.misses()).orElse(0L));
      return new BenchResults.EngineQueries(engine, measured.latency(), measured.throughput(), use, peakRss);
    }
  }

  private BenchResults.EngineQueries baselineQueries() throws IOException, InterruptedException {
    try (BaselineQueryBench lucene = BaselineQueryBench.open(settings.baselineIndex())) {
      return measure("baseline", lucene);
    }
  }

  private static BenchResults.QueryComparison compare(BenchResults.EngineQueries ours, BenchResults.EngineQueries baseline) {
    if (baseline == null) {
      return new BenchResults.QueryComparison(ours, null, null, null);
    }
    return new BenchResults.QueryComparison(ours, baseline, p99Ratios(ours, baseline), qpsRatio(ours, baseline, 2));
  }

  private BenchResults.EngineQueries measure(String engine, QueryRunner runner) throws InterruptedException {
    LoadDriver driver = new LoadDriver(engine, runner, log);
    driver.warmUp(settings.tasks(), settings.warmup(), settings.seed());
    List<BenchResults.KindLatency> latency = driver.latencyByKind(settings.tasks(), settings.latencyRounds(), settings.seed());
    List<BenchResults.Throughput> throughput = new ArrayList<>();
    for (int clients : settings.clients()) {
      BenchResults.Throughput t = driver.throughput(settings.tasks(), clients, settings.seconds(), settings.seed());
      log.say("%s: %d client%s: %,.1f queries/s, %d failed", engine, clients, clients == 1 ? "" : "s", t.queriesPerSecond(), t.failed());
      throughput.add(t);
    }
    return new BenchResults.EngineQueries(engine, latency, throughput, null, -1);
  }

  private static Map<String, Double> p99Ratios(BenchResults.EngineQueries ours, BenchResults.EngineQueries baseline) {
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (BenchResults.KindLatency kind : ours.latency()) {
      baseline.latency().stream()
          .filter(b -> b.kind().equals(kind.kind()) && b.latency().p99() > 0)
          .findFirst()
          .ifPresent(b -> ratios.put(kind.kind(), kind.latency().p99() / b.latency().p99()));
    }
    return ratios;
  }

  /** Ours / baseline queries per second at {@code clients}, or null when either did not run it. */
  private static Double qpsRatio(BenchResults.EngineQueries ours, BenchResults.EngineQueries baseline, int clients) {
    var o = ours.throughput().stream().filter(t -> t.clients() == clients).findFirst();
    var b = baseline.throughput().stream().filter(t -> t.clients() == clients && t.queriesPerSecond() > 0).findFirst();
    return o.isPresent() && b.isPresent() ? o.get().queriesPerSecond() / b.get().queriesPerSecond() : null;
  }

  private void requireIndexes() throws IOException {
    if (new IndexLayout(settings.oursIndex()).current().isEmpty()) {
      throw new IOException("--skip-indexing: no index of ours in " + settings.oursIndex() + "; run once without --skip-indexing with this --work");
    }
    if (!settings.skipBaseline() && !Files.isDirectory(settings.baselineIndex())) {
      throw new IOException("--skip-indexing: no baseline index in " + settings.baselineIndex() + "; run once without --skip-indexing with this --work");
    }
  }

  /** Where our server ran for the query figures, as the report and the JSON say it. */
  static String serverWhere(BenchSettings settings) {
    return settings.serverOwnJvm() ? "in a JVM of its own" : "in the benchmark's JVM";
  }

  private BenchResults.Environment environment(String arguments) {
    return new BenchResults.Environment(
        Instant.now().toString(),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory(),
        settings.jvm().options(),
        settings.seed(),
        arguments,
        serverWhere(settings));
  }
}
