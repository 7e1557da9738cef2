package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.server.PolicySearchServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When every search slot is taken the server sheds load with 503 + Retry-After, never collapses. */
class SaturationIT {

  @TempDir Path tmp;

  @Test
  void aFullServerAnswers503WithRetryAfterAndRecovers() throws Exception {
    SampleIndex.build(tmp.resolve("index"));
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")).withMaxConcurrentSearches(2))) {
      ApiClient api = new ApiClient(server.port());
      server.gate().slots().acquire(2); // every slot busy
      try {
        HttpResponse<String> busy =
            HttpClient.newHttpClient().send(api.request("/api/search?q=%E5%85%89%E4%BC%8F").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, busy.statusCode());
        assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
        assertTrue(busy.body().contains("\"code\":\"overloaded\""), busy.body());
        assertEquals(200, api.get("/healthz").status(), "health and documents do not need a search slot");
      } finally {
        server.gate().slots().release(2);
      }
      assertEquals(200, api.get("/api/search", "q", "光伏").status());
      assertTrue(api.get("/metrics").body().contains("policy_search_searches_rejected_total 1"));
    }
  }

  @Test
  void aBurstBeyondTheLimitGetsOnlyAnswersOr503s() throws Exception {
    SampleIndex.build(tmp.resolve("index"));
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")).withMaxConcurrentSearches(1))) {
      ApiClient api = new ApiClient(server.port());
      ExecutorService clients = Executors.newFixedThreadPool(32);
      var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < 32; c++) {
        done.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    int status = api.get("/api/search", "q", "发展 " + (i % 5), "size", "100").status();
                    statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      clients.shutdown();
      assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503), statuses.toString());
      assertTrue(statuses.containsKey(200), statuses.toString());
      assertEquals(200, api.get("/api/search", "q", "光伏").status(), "still answering after the burst");
    }
  }
}
