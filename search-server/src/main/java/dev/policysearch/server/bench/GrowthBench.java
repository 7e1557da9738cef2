package dev.policysearch.server.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The growth curve: at each corpus size, grow a corpus ({@link CorpusGrower}), index it with our
 * indexer, then time the two commonest kinds of query over HTTP. It shows how indexing time, index
 * size, memory and latency scale, which one run on the real corpus cannot.
 */
final class GrowthBench {

  /** The query kinds timed at each size: single terms and phrases, most of real traffic. */
  static final List<String> KINDS = List.of("zh-term", "zh-phrase");

  private final BenchSettings settings;
  private final IndexingBench indexing;
  private final ProgressLog log;

  GrowthBench(BenchSettings settings, IndexingBench indexing, ProgressLog log) {
    this.settings = settings;
    this.indexing = indexing;
    this.log = log;
  }

  List<BenchResults.GrowthPoint> run(List<Path> corpusFiles) throws IOException, InterruptedException {
    List<QueryTask> tasks = QueryTasks.ofKinds(settings.tasks(), KINDS);
    if (tasks.isEmpty()) {
      throw new IOException("the task file has no " + String.join(" or ", KINDS) + " queries, which the growth curve times");
    }
    log.say("growth: reading %d corpus files as models", corpusFiles.size());
    CorpusGrower grower = CorpusGrower.load(corpusFiles, settings.seed());
    List<BenchResults.GrowthPoint> points = new ArrayList<>();
    for (int size : settings.growth()) {
      points.add(point(grower, size, tasks));
    }
    return points;
  }

  private BenchResults.GrowthPoint point(CorpusGrower grower, int size, List<QueryTask> tasks) throws IOException, InterruptedException {
    Path dir = settings.work().resolve("growth-" + size);
    log.say("growth: writing a corpus of %,d releases (%,d real, the rest derived)", size, Math.min(size, grower.realDocuments()));
    CorpusStats stats = grower.write(size, dir.resolve("corpus"), log);
    BenchResults.Indexing indexed = indexing.ours("ours-growth-" + size, settings.indexerJar(), dir.resolve("corpus"), dir.resolve("index"), stats);
    List<BenchResults.KindLatency> latency;
    long serverPeakRss;
    // The cost of searching at this size: every search searched, none answered from the cache.
    try (HttpQueryBench http = HttpQueryBench.start(settings, dir.resolve("index"), 0, "growth-" + size)) {
      LoadDriver driver = new LoadDriver("growth " + size, http, log);
      driver.warmUp(tasks, settings.warmup(), settings.seed());
      latency = driver.latencyByKind(tasks, settings.latencyRounds(), settings.seed());
      serverPeakRss = http.serverPeakRssBytes();
      if (serverPeakRss > 0) {
        log.say("growth %,d: server peak RSS %s", size, ChildProcess.megabytes(serverPeakRss));
      }
    }
    if (!settings.keepWork()) {
      IndexingBench.deleteRecursively(dir);
    }
    return new BenchResults.GrowthPoint(size, indexed, latency, serverPeakRss);
  }
}
