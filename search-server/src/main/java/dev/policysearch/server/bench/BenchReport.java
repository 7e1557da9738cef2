package dev.policysearch.server.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Prints a run's figures as plain-text tables (what docs/BENCHMARKS.md copies) and writes them as
 * JSON. Sections that did not run are left out.
 */
final class BenchReport {
  private final PrintWriter out;

  BenchReport(PrintWriter out) {
    this.out = out;
  }

  static void writeJson(BenchResults results, Path file) throws IOException {
    ObjectMapper mapper =
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    mapper.writeValue(file.toFile(), results);
  }

  void print(BenchResults r, BenchSettings s) {
    environment(r.environment());
    if (r.corpus() != null) {
      out.printf(
          "%nCorpus: %s, %d files, %,d documents, %.1f MB compressed, %.1f MB title+body (UTF-8, uncompressed)%n",
          s.corpus(), r.corpus().files().size(), r.corpus().documents(), r.corpus().compressedBytes() / 1e6, r.corpus().textBytes() / 1e6);
    }
    if (r.indexing() != null) {
      indexing(r.indexing());
    }
    if (r.startup() != null) {
      startup(r.startup());
    }
    if (r.queries() != null) {
      section(r.queries(), s);
    }
    if (r.queriesUncached() != null) {
      section(r.queriesUncached(), s);
    }
    if (r.growth() != null) {
      growth(r.growth());
    }
    out.flush();
  }

  private void environment(BenchResults.Environment e) {
    out.printf("policy-search benchmark, %s%n", e.started());
    out.printf("  JDK %s, %s; %s; %d cores; seed %d%n", e.java(), e.vm(), e.os(), e.cores(), e.seed());
    out.printf("  child JVM options: %s%n", String.join(" ", e.childJvmOptions()));
    out.printf("  arguments: %s%n", e.arguments());
  }

  private void indexing(BenchResults.IndexingComparison c) {
    BenchResults.Indexing o = c.ours();
    Optional<BenchResults.Indexing> b = Optional.ofNullable(c.baseline());
    out.printf("%nIndexing (child JVM, from start to exit, %d threads)%n", o.threads());
    if (c.classDataArchive() != null) {
      out.printf("  ours as ./policy-search index runs it, with the class-data archive %s%n", c.classDataArchive());
    }
    out.printf("  %-34s %12s %12s %14s%n", "", "ours", "baseline", "ours/baseline");
    indexingRow("wall time (s)", "%.1f", o.seconds(), b.map(BenchResults.Indexing::seconds));
    indexingRow("CPU time, user + system (s)", "%.1f", o.cpuSeconds(), b.map(BenchResults.Indexing::cpuSeconds));
    out.printf("  %-34s %,12d %12s%n", "documents", o.documents(), b.map(x -> String.format("%,d", x.documents())).orElse("-"));
    indexingRow("documents/s", "%,.0f", o.docsPerSecond(), b.map(BenchResults.Indexing::docsPerSecond));
    indexingRow("MB/s (title+body, uncompressed)", "%.2f", o.mbPerSecond(), b.map(BenchResults.Indexing::mbPerSecond));
    indexingRow("index size (MB)", "%,.1f", o.indexBytes() / 1e6, b.map(x -> x.indexBytes() / 1e6));
    indexingRow("peak RSS (MB)", "%,.0f", o.peakRssBytes() / 1e6, b.map(x -> x.peakRssBytes() / 1e6));
    if (c.oursRunSeconds().size() > 1) {
      out.printf("  median of %d runs each, the order rotating by round; wall time of each run (s): ours %s", c.oursRunSeconds().size(), runs(c.oursRunSeconds()));
      out.printf("%s%n", c.baselineRunSeconds() == null ? "" : "; baseline " + runs(c.baselineRunSeconds()));
      if (c.baselineRunSeconds() != null) {
        // A round's runs follow each other, so a round's ratio is less touched by the machine's
        // drift than the ratio of medians, which may come from different rounds.
        out.printf("  ours/baseline documents/s in each round: %s%n", roundRatios(c.oursRunSeconds(), c.baselineRunSeconds()));
      }
      out.printf("  CPU time of each run (s): ours %s", runs(c.oursRunCpuSeconds()));
      out.printf("%s%n", c.baselineRunCpuSeconds() == null ? "" : "; baseline " + runs(c.baselineRunCpuSeconds()));
    }
    BenchResults.WithoutArchive plain = c.withoutArchive();
    if (plain != null) {
      out.printf(
          "  ours without the class-data archive (java -jar): %.1f s, %,.0f documents/s%s; runs (s): %s; CPU (s): %s%n",
          plain.ours().seconds(), plain.ours().docsPerSecond(),
          plain.docsPerSecondRatio() == null ? "" : String.format(", ours/baseline %.2f", plain.docsPerSecondRatio()), runs(plain.runSeconds()),
          runs(plain.runCpuSeconds()));
      if (c.baselineRunSeconds() != null && plain.runSeconds().size() > 1) {
        out.printf("  ours without the archive / baseline in each round: %s%n", roundRatios(plain.runSeconds(), c.baselineRunSeconds()));
      }
    }
  }

  /** Per round, ours / baseline documents/s: the same documents, so baseline time / our time. */
  private static String roundRatios(List<Double> oursSeconds, List<Double> baselineSeconds) {
    return IntStream.range(0, Math.min(oursSeconds.size(), baselineSeconds.size()))
        .mapToObj(i -> String.format("%.2f", baselineSeconds.get(i) / oursSeconds.get(i)))
        .collect(Collectors.joining(", "));
  }

  private static String runs(List<Double> seconds) {
    return seconds.stream().map(s -> s < 0 ? "n/a" : String.format("%.1f", s)).collect(Collectors.joining(", "));
  }

  private void indexingRow(String label, String format, double ours, Optional<Double> baseline) {
    String ratio = baseline.filter(v -> v > 0 && ours > 0).map(v -> String.format("%.2f", ours / v)).orElse("");
    out.printf(
        "  %-34s %12s %12s %14s%n", label, ours < 0 ? "n/a" : String.format(format, ours),
        baseline.map(v -> v < 0 ? "n/a" : String.format(format, v)).orElse("-"), ratio);
  }

  private void startup(BenchResults.Startup st) {
    if (st.classDataArchive() == null) {
      out.printf("%nStart-up (java -jar policy-search-server.jar serve --port 0; runs: %d)%n", st.runs());
    } else {
      out.printf("%nStart-up as ./policy-search serve starts it (java -XX:SharedArchiveFile=%s -jar policy-search-server.jar serve --port 0; runs: %d)%n", st.classDataArchive(), st.runs());
    }
    startupTimes(st);
    if (st.withoutArchive() != null) {
      out.printf("Start-up without the class-data archive (java -jar policy-search-server.jar serve --port 0; runs: %d)%n", st.withoutArchive().runs());
      startupTimes(st.withoutArchive());
    }
  }

  private void startupTimes(BenchResults.Startup st) {
    out.printf("  listening (\"Search at\" printed)   median %,6d ms   runs %s%n", st.medianListeningMillis(), joined(st.listeningMillis()));
    out.printf("  first /api/search answer         median %,6d ms   runs %s%n", st.medianFirstAnswerMillis(), joined(st.firstAnswerMillis()));
  }

  private void section(BenchResults.QueryComparison q, BenchSettings s) {
    BenchResults.CacheUse cache = q.ours().resultCache();
    if (cache != null && cache.megabytes() > 0) {
      long all = cache.hits() + cache.misses();
      out.printf(
          "%n== Ours as shipped: result cache on (%d MB); %,d of %,d searches (%.1f%%) were answered from it ==%n",
          cache.megabytes(), cache.hits(), all, all == 0 ? 0.0 : 100.0 * cache.hits() / all);
    } else if (cache != null) {
      out.printf("%n== Ours with the result cache off (--result-cache-mb 0): every search searched ==%n");
    }
    latency(q, s);
    throughput(q, s);
    ratios(q);
    if (q.ours().serverPeakRssBytes() > 0) {
      out.printf("Our server's peak RSS (its own JVM): %s%n", ChildProcess.megabytes(q.ours().serverPeakRssBytes()));
    }
  }

  private void latency(BenchResults.QueryComparison q, BenchSettings s) {
    out.printf(
        "%nQuery latency, 1 client, ms (each task run %d time(s), after %d s of warm-up); ours over HTTP (server %s), baseline in-process%n",
        s.latencyRounds(), s.warmup().toSeconds(), BenchRun.serverWhere(s));
    out.printf("  %-10s %5s | %8s %8s %8s %6s | %8s %8s %8s %6s | %9s%n",
        "kind", "tasks", "ours p50", "p95", "p99", "errors", "base p50", "p95", "p99", "errors", "p99 ratio");
    for (BenchResults.KindLatency o : q.ours().latency()) {
      Optional<BenchResults.KindLatency> b =
          q.baseline() == null ? Optional.empty() : q.baseline().latency().stream().filter(k -> k.kind().equals(o.kind())).findFirst();
      Double ratio = q.p99RatioByKind() == null ? null : q.p99RatioByKind().get(o.kind());
      out.printf("  %-10s %5d | %8.1f %8.1f %8.1f %6d | %s | %9s%n",
          o.kind(), o.tasks(), o.latency().p50(), o.latency().p95(), o.latency().p99(), o.failed(),
          b.map(k -> String.format("%8.2f %8.2f %8.2f %6d", k.latency().p50(), k.latency().p95(), k.latency().p99(), k.failed()))
              .orElse(String.format("%8s %8s %8s %6s", "-", "-", "-", "-")),
          ratio == null ? "" : String.format("%.1f", ratio));
    }
    long timedOut = q.ours().latency().stream().filter(k -> k.kind().equals("all")).mapToLong(BenchResults.KindLatency::timedOut).sum();
    if (timedOut > 0) {
      out.printf("  (%d of our searches hit the server's time limit and answered partially; they are timed as answered)%n", timedOut);
    }
  }

  private void throughput(BenchResults.QueryComparison q, BenchSettings s) {
    out.printf("%nThroughput, closed loop, all kinds mixed, %d s per level%n", s.seconds().toSeconds());
    out.printf("  %7s | %9s %7s %8s %8s %8s | %9s %7s %8s %8s | %9s%n",
        "clients", "ours q/s", "errors", "timeouts", "p50 ms", "p99 ms", "base q/s", "errors", "p50 ms", "p99 ms", "q/s ratio");
    for (BenchResults.Throughput o : q.ours().throughput()) {
      Optional<BenchResults.Throughput> b =
          q.baseline() == null ? Optional.empty() : q.baseline().throughput().stream().filter(t -> t.clients() == o.clients()).findFirst();
      out.printf("  %7d | %9.1f %7d %8d %8.1f %8.1f | %s | %9s%n",
          o.clients(), o.queriesPerSecond(), o.failed(), o.timedOut(), o.latency().p50(), o.latency().p99(),
          b.map(t -> String.format("%9.1f %7d %8.2f %8.2f", t.queriesPerSecond(), t.failed(), t.latency().p50(), t.latency().p99()))
              .orElse(String.format("%9s %7s %8s %8s", "-", "-", "-", "-")),
          b.filter(t -> t.queriesPerSecond() > 0).map(t -> String.format("%.2f", o.queriesPerSecond() / t.queriesPerSecond())).orElse(""));
    }
  }

  private void ratios(BenchResults.QueryComparison q) {
    if (q.baseline() == null) {
      return;
    }
    Map<String, Double> p99 = q.p99RatioByKind();
    out.printf("%nRatios: our HTTP p99 / baseline in-process p99 (all kinds): %s; our 2-client q/s / baseline 2-thread q/s: %s%n",
        p99.containsKey("all") ? String.format("%.1f", p99.get("all")) : "n/a",
        q.qpsRatioTwoClients() == null ? "n/a (no 2-client level)" : String.format("%.2f", q.qpsRatioTwoClients()));
  }

  private void growth(List<BenchResults.GrowthPoint> points) {
    out.printf("%nGrowth curve (ours; indexing as a child JVM; latency over HTTP, 1 client, ms)%n");
    out.printf("  %10s %9s %8s %10s %10s | %s%n", "documents", "index s", "docs/s", "index MB", "peak RSS", "per kind: p50 / p99");
    for (BenchResults.GrowthPoint p : points) {
      String kinds =
          p.latency().stream()
              .filter(k -> !k.kind().equals("all"))
              .map(k -> String.format("%s %.1f / %.1f", k.kind(), k.latency().p50(), k.latency().p99()))
              .collect(Collectors.joining("   "));
      BenchResults.Indexing i = p.indexing();
      out.printf("  %,10d %9.1f %,8.0f %,10.1f %10s | %s%n",
          p.documents(), i.seconds(), i.docsPerSecond(), i.indexBytes() / 1e6, ChildProcess.megabytes(i.peakRssBytes()), kinds);
    }
  }

  private static String joined(List<Long> millis) {
    return millis.stream().map(m -> String.format("%,d", m)).collect(Collectors.joining(", "));
  }
}
