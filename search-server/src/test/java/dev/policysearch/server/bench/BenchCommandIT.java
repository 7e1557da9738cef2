package dev.policysearch.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} as an admin runs it from the top folder ({@code java -jar
 * search-server/target/policy-search-server.jar bench ...}, what the launcher runs), on the
 * bundled sample corpus with every duration cut short: the figures mean nothing here, the test
 * checks that every part runs and that the tables and the JSON report what was run.
 */
class BenchCommandIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private record Run(int exitCode, String output) {}

  @Test
  void indexesEachEngineSeveralTimesInTurnAndReportsTheMedianRun() throws Exception {
    Path json = tmp.resolve("bench.json");
    Run run =
        bench(
            "--corpus", ROOT.resolve("corpus").resolve("sample").toString(), "--work", tmp.resolve("work").toString(),
            "--indexing-runs", "2", "--startup-runs", "1", "--warmup-seconds", "1", "--seconds", "1",
            "--latency-rounds", "1", "--clients", "1,2", "--queries-per-kind", "2", "--skip-uncached",
            "--json", json.toString());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("median of 2 runs each, the order rotating by round"), run.output());
    assertTrue(Files.isRegularFile(tmp.resolve("work").resolve("logs").resolve("indexer-ours-2.log")), "one log per run");
    assertTrue(Files.isRegularFile(tmp.resolve("work").resolve("logs").resolve("indexer-baseline-2.log")), "one log per run");

    JsonNode indexing = new ObjectMapper().readTree(json.toFile()).get("indexing");
    assertNotNull(indexing, "indexing figures in the JSON");
    int documents = sampleDocuments();
    for (String engine : List.of("ours", "baseline")) {
      JsonNode median = indexing.get(engine);
      assertEquals(documents, median.get("documents").asInt(), engine + " indexed every sample release");
      JsonNode runs = indexing.get(engine + "_run_seconds");
      assertEquals(2, runs.size(), engine + ": one wall time per run");
      double slower = Math.max(runs.get(0).asDouble(), runs.get(1).asDouble());
      assertEquals(slower, median.get("seconds").asDouble(), 1e-9, engine + ": of two runs the slower is the median");
      // A JVM that indexes uses at least some CPU time, and never more than its cores over its wall time.
      JsonNode cpu = indexing.get(engine + "_run_cpu_seconds");
      assertEquals(2, cpu.size(), engine + ": one CPU time per run");
      for (int i = 0; i < 2; i++) {
        double seconds = cpu.get(i).asDouble();
        assertTrue(seconds > 0 && seconds <= runs.get(i).asDouble() * Runtime.getRuntime().availableProcessors() + 0.5, engine + " CPU " + seconds);
      }
      assertEquals(Math.max(cpu.get(0).asDouble(), cpu.get(1).asDouble()), median.get("cpu_seconds").asDouble(), 1e-9, engine + ": median CPU");
    }
    assertTrue(run.output().contains("CPU time, user + system (s)"), run.output());
    double ratio = indexing.get("ours").get("docs_per_second").asDouble() / indexing.get("baseline").get("docs_per_second").asDouble();
    assertEquals(ratio, indexing.get("docs_per_second_ratio").asDouble(), 1e-9);
    JsonNode ours = indexing.get("ours_run_seconds");
    JsonNode base = indexing.get("baseline_run_seconds");
    String perRound =
        String.format("%.2f, %.2f", base.get(0).asDouble() / ours.get(0).asDouble(), base.get(1).asDouble() / ours.get(1).asDouble());
    assertTrue(run.output().contains("ours/baseline documents/s in each round: " + perRound), "each round's ratio: " + run.output());

    assertTrue(run.output().contains("ours over HTTP (server in the benchmark's JVM)"), run.output());
    assertEquals("in the benchmark's JVM", new ObjectMapper().readTree(json.toFile()).get("environment").get("our_server").asText());
  }

  @Test
  void runsOurServerInAJvmOfItsOwnWhenAsked() throws Exception {
    Path json = tmp.resolve("own-jvm.json");
    Run run =
        bench(
            "--corpus", ROOT.resolve("corpus").resolve("sample").toString(), "--work", tmp.resolve("own-jvm").toString(),
            "--indexing-runs", "1", "--skip-startup", "--skip-baseline", "--skip-uncached", "--server-own-jvm",
            "--warmup-seconds", "0", "--seconds", "1", "--latency-rounds", "1", "--clients", "1", "--queries-per-kind", "1",
            "--json", json.toString());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("ours over HTTP (server in a JVM of its own)"), run.output());
    Path serverLog = tmp.resolve("own-jvm").resolve("logs").resolve("ours-server.log");
    assertTrue(Files.readString(serverLog).contains("Search at http://"), "the server's own log: " + serverLog);
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("in a JVM of its own", root.get("environment").get("our_server").asText());
    JsonNode ours = root.get("queries").get("ours");
    assertTrue(ours.get("latency").size() > 0, "latency figures: " + ours);
    assertTrue(ours.get("server_peak_rss_bytes").asLong() > 10_000_000L, "the server's peak RSS: " + ours);
    assertTrue(ours.get("result_cache").get("hits").asLong() + ours.get("result_cache").get("misses").asLong() > 0, "cache counts read from /metrics: " + ours);
  }

  @Test
  void timesOurIndexerWithItsClassDataArchiveBesideTheSameRunsWithout() throws Exception {
    Path json = tmp.resolve("cached.json");
    Path cache = tmp.resolve("indexer.jsa");
    Run run =
        bench(
            "--corpus", ROOT.resolve("corpus").resolve("sample").toString(), "--work", tmp.resolve("cached").toString(),
            "--indexing-runs", "2", "--skip-startup", "--skip-queries", "--indexer-class-data-archive", cache.toString(), "--json", json.toString());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(Files.isRegularFile(cache) && Files.size(cache) > 0, "the archive was written first: " + run.output());
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains(".bench-")).toList(), "nothing pending is left");
    }
    assertTrue(run.output().contains("with the class-data archive " + cache), run.output());
    assertTrue(run.output().contains("ours without the class-data archive (java -jar)"), run.output());
    assertTrue(Files.isRegularFile(tmp.resolve("cached").resolve("logs").resolve("indexer-ours-without-archive-2.log")), "one log per run");
    // The first round runs ours, the baseline, ours without the archive; the second starts one along.
    List<String> order =
        run.output().lines()
            .filter(line -> line.contains("] indexing, ") && !line.contains("documents in"))
            .map(line -> line.substring(line.indexOf("] indexing, ") + "] indexing, ".length()).replaceAll("[: ].*", ""))
            .toList();
    assertEquals(
        List.of("class-data-archive", "ours-1", "baseline-1", "ours-without-archive-1", "baseline-2", "ours-without-archive-2", "ours-2"),
        order,
        run.output());

    JsonNode indexing = new ObjectMapper().readTree(json.toFile()).get("indexing");
    assertEquals(cache.toString(), indexing.get("class_data_archive").asText());
    JsonNode plain = indexing.get("without_archive");
    assertEquals(sampleDocuments(), plain.get("ours").get("documents").asInt());
    assertEquals(2, plain.get("run_seconds").size(), "one wall time per run without the archive");
    double ratio = plain.get("ours").get("docs_per_second").asDouble() / indexing.get("baseline").get("docs_per_second").asDouble();
    assertEquals(ratio, plain.get("docs_per_second_ratio").asDouble(), 1e-9);
  }

  @Test
  void zeroIndexingRunsIsAUsageError() throws Exception {
    Run run = bench("--corpus", ROOT.resolve("corpus").resolve("sample").toString(), "--indexing-runs", "0");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.output().contains("--indexing-runs must be at least 1, was 0"), run.output());
    assertTrue(!run.output().contains("Exception"), "no stack trace: " + run.output());
  }

  private static int sampleDocuments() throws IOException {
    try (var lines = Files.lines(ROOT.resolve("corpus").resolve("sample").resolve("policy-releases.jsonl"))) {
      return (int) lines.filter(l -> !l.isBlank()).count();
    }
  }

  private static Run bench(String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path jar = ROOT.resolve("search-server").resolve("target").resolve("policy-search-server.jar");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "bench"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bench did not finish within 300 s");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
