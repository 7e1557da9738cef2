package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.server.PolicySearchServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path a user takes: the bundled sample corpus (plus a file of bad lines) goes through
 * the indexer's command line, the server opens the index on an ephemeral loopback port, and every
 * check is an HTTP request. Subclasses index and serve on one backend (embedded
 * index or OpenSearch cluster) in a {@code @BeforeAll}; both must pass every check.
 */
abstract class EndToEndSuite {

  @TempDir static Path tmp;

  static PolicySearchServer server;
  static ApiClient api;
  static IndexerProcess.Result indexing;

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode search(String... params) {
    ApiClient.Response response = api.get("/api/search", params);
    assertEquals(200, response.status(), response.body());
    assertTrue(response.contentType().startsWith("application/json"), response.contentType());
    return response.json();
  }

  private static JsonNode document(String id) {
    ApiClient.Response response = api.get("/api/documents/" + id);
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  @Test
  void indexerReportsEveryBadLineWithFileAndLine() {
    String out = indexing.output();
    assertTrue(out.contains("Skipped 4 lines:"), out);
    assertTrue(out.contains("bad-lines.jsonl:1: id e2e-bad-1: unknown lang 'xx'"), out);
    assertTrue(out.contains("bad-lines.jsonl:2: not JSON"), out);
    assertTrue(out.contains("bad-lines.jsonl:3: no id"), out);
    assertTrue(out.contains("bad-lines.jsonl:4: id e2e-bad-2: body missing"), out);
  }

  @Test
  void englishQueryFindsTheEnglishReleaseFirstWithMarkedSnippets() {
    JsonNode result = search("q", "new industrialization");
    JsonNode first = result.get("hits").get(0);
    assertEquals("sample-en-new-industrialization", first.get("id").asText());
    assertEquals("en", first.get("lang").asText());
    assertTrue(first.get("snippets").toString().contains("<mark>"), first.toString());
    assertTrue(first.get("title_html").asText().contains("<mark>"), first.toString());
    assertEquals("sample-zh-new-industrialization", first.get("pair_id").asText());
  }

  @Test
  void chineseQueryFindsTheChineseReleaseFirst() {
    JsonNode first = search("q", "新型工业化 推进大会").get("hits").get(0);
    assertEquals("sample-zh-new-industrialization", first.get("id").asText());
    assertTrue(first.get("title_html").asText().contains("<mark>"), first.toString());
  }

  @Test
  void aChineseWordMatchesOnlyAsAWholeNeverAsScatteredCharacters() {
    JsonNode result = search("q", "光伏", "size", "100");
    List<String> ids = ApiClient.ids(result);
    assertTrue(ids.contains("sample-zh-pv-guideline"), ids.toString());
    assertFalse(ids.contains("sample-zh-light-and-terrain"), "has 光 and 伏 apart, not 光伏: " + ids);
    boolean seenEnglish = false;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      JsonNode doc = document(id);
      String text = doc.get("title").asText() + doc.get("body").asText();
      if (doc.get("lang").asText().equals("zh")) {
        assertFalse(seenEnglish, "Chinese releases with the word rank above English ones found through the glossary: " + ids);
        assertTrue(text.contains("光伏"), id);
      } else {
        // The best English match may be moved up to second place (it says so); the others follow.
        seenEnglish |= !result.get("hits").get(i).has("placement");
        assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("photovoltaic"), id);
      }
    }
    assertTrue(seenEnglish, "the English guideline is found through the glossary: " + ids);
  }

  @Test
  void documentsWithEveryTermRankAboveDocumentsWithSome() {
    JsonNode result = search("q", "习近平 长江经济带", "size", "100");
    List<String> ids = ApiClient.ids(result);
    assertEquals("sample-zh-yangtze-speech", ids.get(0));
    boolean seenPartial = false;
    for (String id : ids) {
      JsonNode doc = document(id);
      String text = doc.get("title").asText() + doc.get("body").asText();
      boolean both = text.contains("习近平") && text.contains("长江经济带");
      if (!both) {
        seenPartial = true;
      } else {
        assertFalse(seenPartial, id + " has both terms but ranks below a document with only one: " + ids);
      }
    }
    assertTrue(seenPartial, "documents with one of the terms are still found: " + ids);
  }

  @Test
  void documentNumberFindsTheDocumentItselfBeforeDocumentsCitingIt() {
    List<String> ids = ApiClient.ids(search("q", "国发〔2024〕5号"));
    assertEquals("sample-zh-state-council-5", ids.get(0), ids.toString());
    assertTrue(ids.contains("sample-zh-cites-5"), ids.toString());
  }

  @Test
  void langFilterReturnsOnlyThatLanguage() {
    JsonNode result = search("q", "development", "lang", "en", "size", "50");
    assertTrue(result.get("total").asLong() > 0);
    result.get("hits").forEach(h -> assertEquals("en", h.get("lang").asText(), h.toString()));
    JsonNode zh = search("q", "发展", "lang", "zh", "size", "50");
    zh.get("hits").forEach(h -> assertEquals("zh", h.get("lang").asText(), h.toString()));
  }

  @Test
  void dateRangeFiltersAndDateSortOrdersNewestFirst() {
    JsonNode ranged = search("q", "发展", "from", "2022-01-01", "to", "2023-12-31", "size", "100");
    assertTrue(ranged.get("total").asLong() > 0);
    for (JsonNode hit : ranged.get("hits")) {
      String date = hit.get("date").asText();
      assertTrue(date.compareTo("2022-01-01") >= 0 && date.compareTo("2023-12-31") <= 0, hit.toString());
    }
    JsonNode sorted = search("q", "发展", "sort", "date", "size", "100");
    String previous = "9999-12-31";
    for (JsonNode hit : sorted.get("hits")) {
      if (hit.get("date").isNull()) {
        previous = "";
        continue;
      }
      String date = hit.get("date").asText();
      assertTrue(date.compareTo(previous) <= 0, "not newest first: " + date + " after " + previous);
      previous = date;
    }
  }

  @Test
  void pagingReturnsTheNextHitsAndTheSameTotal() {
    JsonNode first = search("q", "发展", "size", "5");
    JsonNode second = search("q", "发展", "size", "5", "page", "2");
    assertEquals(first.get("total"), second.get("total"));
    assertEquals(2, second.get("page").asInt());
    List<String> a = ApiClient.ids(first);
    for (String id : ApiClient.ids(second)) {
      assertFalse(a.contains(id), id);
    }
  }

  @Test
  void responseHasTheDocumentedShape() {
    JsonNode result = search("q", "光伏");
    for (String key : List.of("query", "total", "page", "size", "took_ms", "hits")) {
      assertTrue(result.has(key), key);
    }
    JsonNode hit = result.get("hits").get(0);
    for (String key :
        List.of("id", "title", "title_html", "snippets", "lang", "date", "type", "source", "issuer", "doc_number", "url", "score", "pair_id")) {
      assertTrue(hit.has(key), key + " in " + hit);
    }
  }

  @Test
  void documentEndpointReturnsTheWholeReleaseOr404() {
    JsonNode doc = document("sample-zh-pv-guideline");
    assertEquals("zh", doc.get("lang").asText());
    assertTrue(doc.get("body").asText().contains("光伏"));
    assertEquals("sample-en-pv-guideline", doc.get("pair_id").asText());
    ApiClient.Response missing = api.get("/api/documents/no-such-id");
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.json().get("error").get("code").asText());
  }

  @Test
  void healthAndPage() {
    assertEquals(200, api.get("/healthz").status());
    ApiClient.Response page = api.get("/");
    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.body().contains("id=\"q\""), "the page has the search box");
  }

  @Test
  void emptyQueryIsA400NamingQ() {
    for (String q : new String[] {"", "   "}) {
      ApiClient.Response r = api.get("/api/search", "q", q);
      assertEquals(400, r.status());
      assertEquals("q", r.json().get("error").get("param").asText());
    }
    assertEquals("q", api.get("/api/search").json().get("error").get("param").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"page=0", "page=-1", "size=1000", "size=0", "from=notadate", "to=2024-02-30", "sort=random", "lang=fr", "page=abc"})
  void badParametersAre400sNamingTheParameter(String param) {
    String[] kv = param.split("=", 2);
    ApiClient.Response r = api.get("/api/search", "q", "光伏", kv[0], kv[1]);
    assertEquals(400, r.status(), r.body());
    JsonNode error = r.json().get("error");
    assertEquals(kv[0], error.get("param").asText());
    assertEquals(400, error.get("status").asInt());
    assertFalse(error.get("message").asText().isBlank());
  }

  @Test
  void everyBadParameterIsReportedAtOnce() {
    JsonNode body = api.get("/api/search", "q", "x", "page", "0", "size", "1000", "from", "bad").json();
    assertEquals(3, body.get("errors").size(), body.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<script>alert(1)</script>", "\"unbalanced", "光伏 \"高质量", "\u0001\u0002\u0007", "((()))", "AND OR NOT", "title:", "-", "国发〔", "\uD83D\uDE00 emoji"})
  void hostileQueriesNeverFailAndNeverEchoMarkup(String q) {
    ApiClient.Response r = api.get("/api/search", "q", q);
    assertTrue(r.status() < 500, r.status() + " " + r.body());
    assertFalse(r.body().contains("<script"), r.body());
  }

  @Test
  void aTenThousandCharacterQueryIsAClearErrorNotAFailure() {
    ApiClient.Response r = api.get("/api/search", "q", "光伏".repeat(5000));
    assertEquals(400, r.status());
    assertEquals("q", r.json().get("error").get("param").asText());
  }

  @Test
  void invalidPercentEncodingAndRawBytesAreNotServerErrors() throws Exception {
    for (String target : new String[] {"/api/search?q=%zz", "/api/search?q=%E4%B8", "/api/search?q=%", "/api/documents/%zz", "/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd"}) {
      int status = api.rawStatus(target);
      assertTrue(status < 500, target + " -> " + status);
    }
  }

  @Test
  void pathTraversalNeverLeavesTheWebFolder() {
    for (String path : new String[] {"/../pom.xml", "/..%2f..%2fpom.xml", "/web/../../pom.xml", "/dev/policysearch/server/ServerMain.class"}) {
      ApiClient.Response r = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET());
      assertNotEquals(200, r.status(), path);
    }
  }

  @Test
  void wrongMethodIsA405InTheErrorShape() {
    ApiClient.Response r =
        api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/search?q=x")).POST(HttpRequest.BodyPublishers.ofString("x")));
    assertEquals(405, r.status());
    assertEquals(405, r.json().get("error").get("status").asInt());
  }
}
