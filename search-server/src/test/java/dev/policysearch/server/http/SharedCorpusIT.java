package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance checks of the foundation over the real shared corpus (28,799 releases): indexed
 * through the command line, served over HTTP. The corpus lives outside the repository (in
 * {@code ../shared/corpus} beside the checkout, or where POLICY_SEARCH_SHARED_CORPUS points);
 * without it this test is skipped and says so.
 */
class SharedCorpusIT {

  @TempDir static Path tmp;

  private static PolicySearchServer server;
  private static ApiClient api;
  private static IndexerProcess.Result indexing;

  static Path sharedCorpus() {
    String configured = System.getenv("POLICY_SEARCH_SHARED_CORPUS");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of("..", "..", "shared", "corpus").toAbsolutePath().normalize();
  }

  @BeforeAll
  static void indexAndServe() throws Exception {
    Path corpus = sharedCorpus();
    Assumptions.assumeTrue(
        Files.isDirectory(corpus),
        "shared corpus not found at " + corpus + " (set POLICY_SEARCH_SHARED_CORPUS to run these checks)");
    indexing = IndexerProcess.index(600, "--input", corpus.toString(), "--index", tmp.resolve("index").toString());
    assertEquals(0, indexing.exitCode(), indexing.output());
    server = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")));
    api = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode search(String... params) {
    ApiClient.Response r = api.get("/api/search", params);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static String text(String id) {
    JsonNode doc = api.get("/api/documents/" + id).json();
    return doc.get("title").asText() + "\n" + doc.get("body").asText();
  }

  @Test
  void everyDocumentIsIndexed() {
    assertTrue(indexing.output().contains("Indexed 28,799 documents"), indexing.output());
  }

  @Test
  void newIndustrializationFindsTheMiitReleaseFirst() {
    JsonNode first = search("q", "new industrialization").get("hits").get(0);
    assertEquals("miit-en-2023-new-industrialization-conference", first.get("id").asText());
    assertTrue(first.get("snippets").toString().contains("<mark>"));
  }

  @Test
  void documentNumberIsAmongTheFirstThree() {
    JsonNode hits = search("q", "国发〔2019〕5号").get("hits");
    boolean found = false;
    for (int i = 0; i < Math.min(3, hits.size()); i++) {
      found |= "国发〔2019〕5号".equals(hits.get(i).get("doc_number").asText());
    }
    assertTrue(found, hits.toString());
  }

  @Test
  void everyFirstPageHitOfAChineseWordContainsIt() {
    List<String> ids = ApiClient.ids(search("q", "光伏"));
    assertEquals(10, ids.size());
    for (String id : ids) {
      assertTrue(text(id).contains("光伏"), id);
    }
  }

  @Test
  void firstPageHitsContainEveryTerm() {
    for (JsonNode hit : search("q", "习近平 长江经济带").get("hits")) {
      String id = hit.get("id").asText();
      if (hit.has("placement")) {
        // The best English match, moved up to second place: found through the glossary.
        assertEquals("en", hit.get("lang").asText(), id);
        assertTrue(hit.get("title_html").asText().contains("<mark>"), id);
        continue;
      }
      String text = text(id);
      assertTrue(text.contains("习近平") && text.contains("长江经济带"), id);
    }
  }

  @Test
  void filtersAndDateSort() {
    search("q", "press conference", "lang", "en", "size", "50").get("hits").forEach(h -> assertEquals("en", h.get("lang").asText()));
    for (JsonNode hit : search("q", "发展", "from", "2020-01-01", "to", "2020-12-31", "size", "50").get("hits")) {
      assertTrue(hit.get("date").asText().startsWith("2020-"), hit.toString());
    }
    String previous = "9999";
    for (JsonNode hit : search("q", "发展", "sort", "date", "size", "50").get("hits")) {
      assertTrue(hit.get("date").asText().compareTo(previous) <= 0);
      previous = hit.get("date").asText();
    }
  }

  /**
   * With a low exact-count limit, a broad search is counted from a 1/16 sample of the index: the
   * answer says so, the estimate is close to the exact count, the hits are the same (发展 is one
   * character pair, so it has no title-overlap bonus, which an estimated search leaves out:
   * {@link EstimatedRankingIT}), and the facet counts are scaled estimates of the exact ones. A
   * narrow search stays exact.
   */
  @Test
  void broadSearchesAreCountedFromASampleAboveTheExactLimit() throws Exception {
    try (PolicySearchServer sampling = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")).withExactCountLimit(1000))) {
      ApiClient estimating = new ApiClient(sampling.port());
      JsonNode exact = search("q", "发展", "size", "20");
      ApiClient.Response r = estimating.get("/api/search", "q", "发展", "size", "20");
      assertEquals(200, r.status(), r.body());
      JsonNode estimated = r.json();
      assertEquals(false, exact.get("counts_estimated").asBoolean(), "the default limit counts 发展 exactly");
      assertEquals(true, estimated.get("counts_estimated").asBoolean(), r.body().substring(0, 300));
      long truth = exact.get("total").asLong();
      long guess = estimated.get("total").asLong();
      assertTrue(truth > 5000, "发展 is broad: " + truth);
      assertTrue(Math.abs(guess - truth) < truth * 0.15, "estimate " + guess + " vs exact " + truth);
      assertEquals(ApiClient.ids(exact), ApiClient.ids(estimated), "estimating counts never changes the hits of a one-pair search");
      long exactZh = facetCount(exact, "lang", "zh");
      long estimatedZh = facetCount(estimated, "lang", "zh");
      assertTrue(Math.abs(estimatedZh - exactZh) < exactZh * 0.2, "zh facet " + estimatedZh + " vs " + exactZh);

      JsonNode narrow = estimating.get("/api/search", "q", "光伏").json();
      assertEquals(false, narrow.get("counts_estimated").asBoolean());
      assertEquals(search("q", "光伏").get("total").asLong(), narrow.get("total").asLong());
      assertEquals(search("q", "光伏").get("facets"), narrow.get("facets"));
    }
  }

  private static long facetCount(JsonNode response, String facet, String value) {
    for (JsonNode v : response.get("facets").get(facet)) {
      if (v.get("value").asText().equals(value)) {
        return v.get("count").asLong();
      }
    }
    return 0;
  }

  /**
   * Relevance regression on ../shared/eval, through HTTP: each kind's figure may not fall more
   * than {@link #TOLERANCE} below the one recorded in docs/RELEVANCE.md. A change that moves
   * these figures updates both, and says why in its commit.
   */
  static final double TOLERANCE = 0.02;

  static final java.util.Map<String, Double> RECORDED_MRR =
      java.util.Map.of(
          "known-zh", 1.000, "paraphrase", 0.767, "docnum", 1.000, "cross", 0.875, "en", 1.000, "topic", 0.958);

  static final double RECORDED_TOPIC_NDCG = 0.819;
  static final double RECORDED_KNOWN_ITEM_MRR = 0.933;

  @Test
  void relevanceStaysWithinToleranceOfTheRecordedFigures() throws Exception {
    Path eval = sharedCorpus().resolveSibling("eval");
    Assumptions.assumeTrue(
        Files.isRegularFile(eval.resolve("queries.tsv")), "evaluation set not found at " + eval + "; relevance regression not checked");
    var set = dev.policysearch.server.eval.EvalSet.read(eval.resolve("queries.tsv"), eval.resolve("qrels.txt"));
    dev.policysearch.server.eval.Evaluation.Report report;
    try (var source = dev.policysearch.server.eval.Evaluation.server("http://127.0.0.1:" + server.port())) {
      report = dev.policysearch.server.eval.Evaluation.run(set, source);
    }
    var byKind = report.byKind();
    StringBuilder failures = new StringBuilder();
    RECORDED_MRR.forEach(
        (kind, recorded) -> {
          double now = byKind.get(kind).mrr10();
          if (now < recorded - TOLERANCE) {
            failures.append(String.format("%s MRR@10 %.3f < recorded %.3f; ", kind, now, recorded));
          }
        });
    if (byKind.get("topic").ndcg10() < RECORDED_TOPIC_NDCG - TOLERANCE) {
      failures.append(String.format("topic nDCG@10 %.3f < recorded %.3f; ", byKind.get("topic").ndcg10(), RECORDED_TOPIC_NDCG));
    }
    if (report.knownItem().mrr10() < RECORDED_KNOWN_ITEM_MRR - TOLERANCE) {
      failures.append(String.format("known-item MRR@10 %.3f < recorded %.3f; ", report.knownItem().mrr10(), RECORDED_KNOWN_ITEM_MRR));
    }
    assertTrue(failures.isEmpty(), failures.toString());
  }
}
