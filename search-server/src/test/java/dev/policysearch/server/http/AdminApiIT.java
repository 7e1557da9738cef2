package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.server.PolicySearchServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API, its token, metrics, CORS and the security headers, over HTTP. */
class AdminApiIT {

  static final String TOKEN = "test-admin-token-3f9a";

  @TempDir static Path tmp;

  private static PolicySearchServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    SampleIndex.build(tmp.resolve("index"));
    server =
        PolicySearchServer.start(
            ServerSettings.defaults(tmp.resolve("index"))
                .withReloadSeconds(1)
                .withAdmin(TOKEN, IndexerProcess.jar())
                .withCorsOrigins(List.of("https://staff.example")));
    api = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static ApiClient.Response admin(String method, String path, String token, String body) {
    HttpRequest.Builder request = api.request(path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return api.send(request);
  }

  private static final List<String[]> ENDPOINTS =
      List.of(new String[] {"GET", "/api/admin/status"}, new String[] {"GET", "/api/admin/stats"}, new String[] {"POST", "/api/admin/reindex"});

  @Test
  void everyAdminEndpointNeedsTheToken() {
    for (String[] e : ENDPOINTS) {
      ApiClient.Response none = admin(e[0], e[1], null, e[0].equals("POST") ? "{}" : null);
      assertEquals(401, none.status(), e[1]);
      assertEquals("unauthorized", none.json().get("error").get("code").asText());
      ApiClient.Response wrong = admin(e[0], e[1], "not-the-token", e[0].equals("POST") ? "{}" : null);
      assertEquals(403, wrong.status(), e[1]);
      assertEquals("forbidden", wrong.json().get("error").get("code").asText());
    }
    assertEquals(200, admin("GET", "/api/admin/status", TOKEN, null).status());
    assertEquals(200, admin("GET", "/api/admin/stats", TOKEN, null).status());
    assertEquals(400, admin("POST", "/api/admin/reindex", TOKEN, "{}").status(), "authorized, but no inputs");
  }

  @Test
  void withoutAConfiguredTokenTheAdminApiDoesNotExist() throws Exception {
    Path other = SampleIndex.build(tmp.resolve("other"));
    try (PolicySearchServer plain = PolicySearchServer.start(ServerSettings.defaults(other))) {
      ApiClient client = new ApiClient(plain.port());
      for (String[] e : ENDPOINTS) {
        var request = client.request(e[1]).header("Authorization", "Bearer " + TOKEN);
        request.method(e[0], HttpRequest.BodyPublishers.noBody());
        assertEquals(404, client.send(request).status(), e[1]);
      }
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(client.request("/api/search?q=x").header("Origin", "https://staff.example").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS origins by default");
    }
  }

  @Test
  void statusReportsTheGenerationBeingServed() {
    JsonNode status = admin("GET", "/api/admin/status", TOKEN, null).json();
    assertTrue(status.get("generation").asText().startsWith("gen-"));
    assertEquals(api.get("/healthz").json().get("documents").asInt(), status.get("documents").asInt());
    assertTrue(status.get("documents").asInt() >= 48);
    assertTrue(status.get("size_bytes").asLong() > 0);
    assertTrue(status.has("reindex"));
  }

  @Test
  void statsListTopZeroHitAndSlowQueries() {
    for (int i = 0; i < 3; i++) {
      api.get("/api/search", "q", "光伏");
    }
    api.get("/api/search", "q", "zzqqxxnothinghere");
    JsonNode stats = admin("GET", "/api/admin/stats", TOKEN, null).json();
    assertTrue(stats.get("searches").asLong() >= 4);
    assertTrue(stats.get("top").toString().contains("光伏"), stats.toString());
    assertTrue(stats.get("zero_hits").toString().contains("zzqqxxnothinghere"), stats.toString());
    assertFalse(stats.get("zero_hits").toString().contains("光伏"));
    assertTrue(stats.has("slow"));
  }

  @Test
  void reindexRunsInTheBackgroundAndTheServerSwitchesToTheNewGeneration() throws Exception {
    String before = api.get("/healthz").json().get("generation").asText();
    Path extra = tmp.resolve("extra.jsonl");
    Files.writeString(
        extra, "{\"id\":\"admin-added\",\"lang\":\"en\",\"title\":\"Quarterly zeppelin report\",\"body\":\"A report on zeppelins.\"}\n");
    String body =
        "{\"mode\":\"full\",\"inputs\":[\"" + IndexerProcess.sampleCorpus().toString().replace("\\", "\\\\") + "\",\"" + extra + "\"]}";
    ApiClient.Response accepted = admin("POST", "/api/admin/reindex", TOKEN, body);
    assertEquals(202, accepted.status(), accepted.body());
    ApiClient.Response second = admin("POST", "/api/admin/reindex", TOKEN, body);
    assertTrue(second.status() == 409 || second.status() == 202, "a second job while one runs is refused: " + second.body());
    String after = before;
    for (int i = 0; i < 120 && after.equals(before); i++) {
      Thread.sleep(500);
      after = api.get("/healthz").json().get("generation").asText();
    }
    assertNotEquals(before, after, "switched to the new generation: " + admin("GET", "/api/admin/status", TOKEN, null).body());
    assertEquals(List.of("admin-added"), ApiClient.ids(api.get("/api/search", "q", "zeppelin").json()));
    JsonNode job = admin("GET", "/api/admin/status", TOKEN, null).json().get("reindex");
    for (int i = 0; i < 60 && job.get("state").asText().equals("running"); i++) {
      Thread.sleep(250);
      job = admin("GET", "/api/admin/status", TOKEN, null).json().get("reindex");
    }
    assertEquals("succeeded", job.get("state").asText(), job.toString());
    assertEquals(0, job.get("exit_code").asInt());
    assertFalse(job.get("output").toString().contains("restricted method"), "no JVM warning in the job's output: " + job.get("output"));
  }

  @Test
  void badReindexRequestsAreClear400s() {
    assertEquals("bad_body", admin("POST", "/api/admin/reindex", TOKEN, "not json").json().get("error").get("code").asText());
    assertEquals("mode", admin("POST", "/api/admin/reindex", TOKEN, "{\"mode\":\"sideways\",\"inputs\":[\"x\"]}").json().get("error").get("param").asText());
    ApiClient.Response missing = admin("POST", "/api/admin/reindex", TOKEN, "{\"inputs\":[\"/no/such/corpus.jsonl\"]}");
    assertEquals(400, missing.status());
    assertTrue(missing.json().get("error").get("message").asText().contains("/no/such/corpus.jsonl"));
    ApiClient.Response tooBig = admin("POST", "/api/admin/reindex", TOKEN, "{\"inputs\":[\"" + "x".repeat(200_000) + "\"]}");
    assertTrue(tooBig.status() == 413 || tooBig.status() == 400, tooBig.status() + " " + tooBig.body());
    assertEquals(405, admin("GET", "/api/admin/reindex", TOKEN, null).status());
  }

  @Test
  void metricsArePrometheusTextWithRequestIndexAndJvmFigures() {
    api.get("/api/search", "q", "光伏");
    ApiClient.Response metrics = api.get("/metrics");
    assertEquals(200, metrics.status());
    assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
    for (String name :
        List.of(
            "policy_search_http_requests_total{endpoint=\"search\",status=\"200\"}",
            "policy_search_http_request_duration_seconds_bucket",
            "policy_search_searches_in_flight",
            "policy_search_index_generation",
            "policy_search_index_documents",
            "policy_search_index_size_bytes",
            // the JVM's own, as the metrics library's standard set registers them
            "jvm_memory_used_bytes",
            "jvm_threads_current",
            "jvm_gc_collection_seconds_count",
            "jvm_classes_currently_loaded",
            "jvm_compilation_time_seconds_total",
            "jvm_buffer_pool_used_bytes",
            "jvm_runtime_info",
            "process_cpu_seconds_total")) {
      assertTrue(metrics.body().contains(name), name);
    }
  }

  @Test
  void corsAllowsOnlyTheConfiguredOrigins() {
    var http = java.net.http.HttpClient.newHttpClient();
    try {
      var ok = http.send(api.request("/api/search?q=x").header("Origin", "https://staff.example").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      assertEquals("https://staff.example", ok.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
      var other = http.send(api.request("/api/search?q=x").header("Origin", "https://evil.example").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
      var page = http.send(api.request("/").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
      assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
