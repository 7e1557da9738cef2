package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the indexer in the middle of a re-index: the server keeps serving the previous
 * generation, and the next re-index completes and is picked up.
 */
class IndexerCrashIT {

  @TempDir Path tmp;

  @Test
  void aKilledReindexLeavesTheServedIndexAloneAndTheNextOneIsPickedUp() throws Exception {
    Path index = SampleIndex.build(tmp.resolve("index"));
    IndexLayout layout = new IndexLayout(index);
    Path served = layout.current().orElseThrow();
    Path big = IndexerProcess.bigCorpus(tmp.resolve("big.jsonl"), 400);
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(index).withReloadSeconds(1))) {
      ApiClient api = new ApiClient(server.port());
      long total = api.get("/api/search", "q", "发展").json().get("total").asLong();

      Process indexer = IndexerProcess.start(tmp.resolve("killed.log"), "--input", big.toString(), "--index", index.toString());
      // Wait until it is writing its generation, then kill it hard (SIGKILL, like kill -9).
      Path writing = index.resolve("gen-000002");
      for (int i = 0; i < 600 && !hasSegmentFiles(writing); i++) {
        Thread.sleep(50);
      }
      assertTrue(indexer.isAlive(), "the indexer was still running when killed: " + Files.readString(tmp.resolve("killed.log")));
      indexer.destroyForcibly();
      assertTrue(indexer.waitFor(30, TimeUnit.SECONDS));

      assertEquals(served, layout.current().orElseThrow(), "CURRENT still names the previous generation");
      assertEquals(served.getFileName().toString(), api.get("/healthz").json().get("generation").asText());
      assertEquals(total, api.get("/api/search", "q", "发展").json().get("total").asLong(), "the previous index answers as before");

      var again = IndexerProcess.index(600, "--input", IndexerProcess.sampleCorpus().toString(), "--index", index.toString(), "--quiet");
      assertEquals(0, again.exitCode(), again.output());
      Path published = layout.current().orElseThrow();
      assertNotEquals(served, published);
      String generation = "";
      for (int i = 0; i < 100 && !generation.equals(published.getFileName().toString()); i++) {
        Thread.sleep(100);
        generation = api.get("/healthz").json().get("generation").asText();
      }
      assertEquals(published.getFileName().toString(), generation, "the server picked up the new generation");
      assertEquals(200, api.get("/api/search", "q", "发展").status());
      assertFalse(Files.exists(writing), "the killed run's unfinished generation was cleaned up");
      assertTrue(Files.isDirectory(served), "the previous generation is kept for requests still on it");
    }
  }

  private static boolean hasSegmentFiles(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.list(dir)) {
      List<Path> all = files.toList();
      return all.stream().anyMatch(p -> !p.getFileName().toString().equals("write.lock"));
    }
  }
}
