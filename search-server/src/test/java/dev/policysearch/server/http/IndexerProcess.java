package dev.policysearch.server.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: runs the indexer's packaged command line ({@code indexer/target/
 * policy-search-indexer.jar}, built earlier in the same Maven run), exactly as the launcher does.
 * The server module does not depend on the indexer; the test goes through the command line.
 */
public final class IndexerProcess {
  private IndexerProcess() {}

  public record Result(int exitCode, String output) {}

  public static Path jar() {
    Path jar = Path.of("..", "indexer", "target", "policy-search-indexer.jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is missing: build the whole project (mvn verify from the top folder), not this module alone");
    }
    return jar;
  }

  /** Starts {@code index ARGS...} and returns the running process (output to {@code log}). */
  public static Process start(Path log, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString(), "index"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * Writes a corpus of {@code copies} x the sample corpus, every copy with its own ids (and its
   * pairs rewired), for tests that need an indexing run that lasts a while.
   */
  public static Path bigCorpus(Path file, int copies) throws IOException {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> lines = Files.readAllLines(sampleCorpus().resolve("policy-releases.jsonl"), StandardCharsets.UTF_8);
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int c = 0; c < copies; c++) {
        for (String line : lines) {
          var node = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(line);
          node.put("id", node.get("id").asText() + "-copy" + c);
          if (node.hasNonNull("pair_id")) {
            node.put("pair_id", node.get("pair_id").asText() + "-copy" + c);
          }
          out.write(mapper.writeValueAsString(node));
          out.write('\n');
        }
      }
    }
    return file;
  }

  public static Result index(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("index"));
    all.addAll(List.of(args));
    return run(timeoutSeconds, all.toArray(String[]::new));
  }

  /** Runs any indexer command ({@code crawl ...}, {@code check-profile ...}) and waits for it. */
  public static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("indexer did not finish within " + timeoutSeconds + " s");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** The bundled sample corpus of the project. */
  public static Path sampleCorpus() {
    return Path.of("..", "corpus", "sample").toAbsolutePath().normalize();
  }
}
