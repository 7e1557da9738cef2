package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full re-index of the shared corpus (or, without it, a large generated one) while 32 clients
 * search without pause: no request fails, and every answer comes whole from one generation, the
 * old or the new, never a mix.
 */
class ReindexUnderLoadIT {

  static final int CLIENTS = 32;

  /**
   * Pause between one client's requests. Without it 32 clients keep both cores of a small CI
   * machine busy and starve the re-index they are meant to run beside (10 minutes instead of 3).
   */
  static final long THINK_MILLIS = 200;
  static final String[] QUERIES = {"发展", "光伏", "press conference", "国务院 通知"};

  @TempDir Path tmp;

  private record Answer(int status, String generation, long total, String query) {}

  @Test
  void searchesNeverFailAndNeverMixGenerationsDuringAReindex() throws Exception {
    Path index = SampleIndex.build(tmp.resolve("index"));
    Path shared = SharedCorpusIT.sharedCorpus();
    Path input = Files.isDirectory(shared) ? shared : IndexerProcess.bigCorpus(tmp.resolve("big.jsonl"), 300);
    try (PolicySearchServer server =
        PolicySearchServer.start(ServerSettings.defaults(index).withReloadSeconds(1).withMaxConcurrentSearches(4 * CLIENTS))) {
      ApiClient api = new ApiClient(server.port());
      Map<String, Long> oldTotals = totals(api);
      String oldGeneration = api.get("/healthz").json().get("generation").asText();

      Process indexer = IndexerProcess.start(tmp.resolve("indexer.log"), "--input", input.toString(), IndexerProcess.sampleCorpus().toString(), "--index", index.toString());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong sent = new AtomicLong();
      ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        running.add(
            clients.submit(
                () -> {
                  for (int i = 0; !stop.get(); i++) {
                    String q = QUERIES[(client + i) % QUERIES.length];
                    ApiClient.Response r = api.get("/api/search", "q", q, "size", "5");
                    sent.incrementAndGet();
                    JsonNode body = r.status() == 200 ? r.json() : null;
                    answers.add(
                        new Answer(r.status(), body == null ? "" : body.get("generation").asText(), body == null ? -1 : body.get("total").asLong(), q));
                    try {
                      Thread.sleep(THINK_MILLIS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                }));
      }
      assertTrue(indexer.waitFor(20, TimeUnit.MINUTES), "the re-index finished");
      assertEquals(0, indexer.exitValue(), Files.readString(tmp.resolve("indexer.log")));
      String newGeneration = oldGeneration;
      for (int i = 0; i < 100 && newGeneration.equals(oldGeneration); i++) {
        Thread.sleep(100);
        newGeneration = api.get("/healthz").json().get("generation").asText();
      }
      assertNotEquals(oldGeneration, newGeneration, "the server switched to the new generation");
      long afterSwitch = sent.get();
      while (sent.get() < afterSwitch + 2L * CLIENTS) {
        Thread.sleep(20);
      }
      stop.set(true);
      for (Future<?> f : running) {
        f.get();
      }
      clients.shutdown();
      Map<String, Long> newTotals = totals(api);

      List<String> problems = new ArrayList<>();
      int fromOld = 0;
      int fromNew = 0;
      for (Answer a : answers) {
        if (a.status() != 200) {
          problems.add(a.query() + " -> HTTP " + a.status());
        } else if (a.generation().equals(oldGeneration) && a.total() == oldTotals.get(a.query())) {
          fromOld++;
        } else if (a.generation().equals(newGeneration) && a.total() == newTotals.get(a.query())) {
          fromNew++;
        } else {
          problems.add(a.query() + " -> " + a.generation() + " total " + a.total() + " (old " + oldTotals + ", new " + newTotals + ")");
        }
      }
      assertTrue(problems.isEmpty(), problems.size() + " bad answers of " + answers.size() + ": " + problems.subList(0, Math.min(5, problems.size())));
      assertTrue(fromOld > 0 && fromNew > 0, "answers from both generations: old " + fromOld + ", new " + fromNew);
    }
  }

  private static Map<String, Long> totals(ApiClient api) {
    Map<String, Long> totals = new HashMap<>();
    for (String q : QUERIES) {
      totals.put(q, api.get("/api/search", "q", q, "size", "5").json().get("total").asLong());
    }
    return totals;
  }
}
