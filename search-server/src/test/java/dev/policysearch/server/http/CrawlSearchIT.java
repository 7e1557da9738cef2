package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.policysearch.server.PolicySearchServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawl -> store -> index -> search, end to end: the crawler (the indexer's command line, as an
 * admin runs it) crawls the State Council fixture sites served on 127.0.0.1 with {@code --index},
 * and the running server answers from what it stored, with the zh/en pairs linked; a second crawl
 * adds the English site while the server runs, and the server picks it up by itself.
 */
class CrawlSearchIT {

  @TempDir static Path tmp;

  private static HttpServer site;
  private static PolicySearchServer server;
  private static ApiClient api;

  static final String ZH_POLICY = "govcn-zh-content_6936178";
  static final String EN_POLICY = "govcn-en-content_WS65e6f1a2c6d0868f4e8e4b01";

  @BeforeAll
  static void crawlAndServe() throws Exception {
    Path fixtures = Path.of("..", "indexer", "src", "test", "resources", "fixture-sites").toAbsolutePath().normalize();
    site = serve(fixtures.resolve("gov-cn").resolve("pages"), fixtures.resolve("gov-cn-en").resolve("pages"));
    String base = "http://127.0.0.1:" + site.getAddress().getPort();
    IndexerProcess.Result crawl = IndexerProcess.run(120, "crawl", "--site", "gov-cn", "--store", tmp.resolve("store").toString(),
        "--index", tmp.resolve("index").toString(), "--base-url", base, "--delay-ms", "0", "--quiet");
    assertEquals(0, crawl.exitCode(), crawl.output());
    server = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")).withReloadSeconds(1));
    api = new ApiClient(server.port());

    // While the server runs: crawl the English site too; pairing updates the Chinese releases.
    IndexerProcess.Result more = IndexerProcess.run(120, "crawl", "--site", "gov-cn-en", "--store", tmp.resolve("store").toString(),
        "--index", tmp.resolve("index").toString(), "--base-url", base, "--delay-ms", "0", "--quiet");
    assertEquals(0, more.exitCode(), more.output());
    assertTrue(more.output().contains("paired"), more.output());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (site != null) {
      site.stop(0);
    }
  }

  @Test
  void aCrawledPolicyIsFoundByItsDocumentNumberWithItsEnglishVersionLinked() throws Exception {
    JsonNode hit = awaitFirstHit("国发〔2024〕7号", ZH_POLICY);
    assertEquals("国发〔2024〕7号", hit.get("doc_number").asText());
    assertEquals(EN_POLICY, hit.get("pair_id").asText());
    assertTrue(hit.get("url").asText().startsWith("https://www.gov.cn/zhengce/content/"), "stored under the public URL, not the mirror");
  }

  @Test
  void theEnglishVersionIsSearchableAndLinksBack() throws Exception {
    JsonNode hit = awaitFirstHit("county-level commerce rural consumption", EN_POLICY);
    assertEquals(ZH_POLICY, hit.get("pair_id").asText());
    JsonNode document = api.get("/api/documents/" + EN_POLICY).json();
    assertEquals(ZH_POLICY, document.get("pair_id").asText());
  }

  @Test
  void groupingByPairFoldsTheTwoVersionsIntoOneHit() throws Exception {
    awaitFirstHit("county-level commerce rural consumption", EN_POLICY);
    JsonNode hits = api.get("/api/search", "q", "县域商业 county-level commerce", "group", "pairs").json().get("hits");
    long both = 0;
    for (JsonNode hit : hits) {
      if (hit.get("id").asText().equals(ZH_POLICY) || hit.get("id").asText().equals(EN_POLICY)) {
        both++;
        assertTrue(hit.has("pair"), "the other version rides along: " + hit);
      }
    }
    assertEquals(1, both, "one hit for the pair: " + hits);
  }

  /** The first hit for {@code q} once the server has switched to the generation that has {@code id}. */
  private static JsonNode awaitFirstHit(String q, String id) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    JsonNode first = null;
    while (System.nanoTime() < deadline) {
      JsonNode hits = api.get("/api/search", "q", q).json().get("hits");
      first = hits.isEmpty() ? null : hits.get(0);
      if (first != null && first.get("id").asText().equals(id) && first.hasNonNull("pair_id")) {
        return first;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no paired first hit " + id + " for " + q + "; last first hit: " + first);
  }

  /** A static fixture site: the folders as one web root, index.html for folder URLs. */
  static HttpServer serve(Path... roots) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
    http.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getRawPath().substring(1);
      if (path.isEmpty() || path.endsWith("/")) {
        path += "index.html";
      }
      Path file = null;
      for (Path root : roots) {
        Path candidate = root.resolve(path).normalize();
        if (candidate.startsWith(root) && Files.isRegularFile(candidate)) {
          file = candidate;
          break;
        }
      }
      byte[] body = file == null ? "not found".getBytes() : Files.readAllBytes(file);
      exchange.getResponseHeaders().add("Content-Type", file == null || !file.toString().endsWith(".txt") ? "text/html" : "text/plain");
      exchange.sendResponseHeaders(file == null ? 404 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.start();
    return http;
  }
}
