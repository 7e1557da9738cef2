package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same releases indexed by both backends answer every search the same: the same ranked ids,
 * the same scores, totals and facet counts, the same highlighted titles and snippets, with
 * filters, date sorting, grouped pairs and paging.
 *
 * <p>The releases: the bundled sample corpus and, where the shared corpus lies beside the
 * checkout, its Foreign Ministry file (2,499 real releases, 452 zh-en pairs) and State Council
 * policies (document numbers).
 */
class BackendParityIT {

  @TempDir static Path tmp;

  private static PolicySearchServer embedded;
  private static PolicySearchServer cluster;
  private static PolicySearchServer sharded;
  private static ApiClient embeddedApi;
  private static ApiClient clusterApi;
  private static ApiClient shardedApi;

  @BeforeAll
  static void indexBothAndServe() throws Exception {
    List<String> inputs = new ArrayList<>(List.of(IndexerProcess.sampleCorpus().toString()));
    Path shared = SharedCorpusIT.sharedCorpus();
    for (String file : List.of("mfa.jsonl.gz", "govcn-policy.jsonl.gz")) {
      if (Files.isRegularFile(shared.resolve(file))) {
        inputs.add(shared.resolve(file).toString());
      }
    }
    List<String> args = new ArrayList<>(List.of("--input"));
    args.addAll(inputs);
    OpenSearchCluster.index("parity", args.toArray(String[]::new));
    List<String> threeShards = new ArrayList<>(args);
    threeShards.addAll(List.of("--shards", "3"));
    OpenSearchCluster.index("parity-sharded", threeShards.toArray(String[]::new));
    args.addAll(List.of("--index", tmp.resolve("index").toString(), "--quiet"));
    var indexing = IndexerProcess.index(300, args.toArray(String[]::new));
    assertEquals(0, indexing.exitCode(), indexing.output());
    embedded = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")));
    cluster = PolicySearchServer.start(ServerSettings.openSearch(OpenSearchCluster.url(), "parity"));
    sharded = PolicySearchServer.start(ServerSettings.openSearch(OpenSearchCluster.url(), "parity-sharded"));
    embeddedApi = new ApiClient(embedded.port());
    clusterApi = new ApiClient(cluster.port());
    shardedApi = new ApiClient(sharded.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (embedded != null) {
      embedded.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (sharded != null) {
      sharded.close();
    }
  }

  /** Queries of every kind, each with the parameters it is asked with. */
  static Stream<Arguments> searches() {
    List<String> queries =
        List.of(
            "外交部发言人", "一带一路", "疫情防控", "中美关系", "气候变化", "光伏", "国务院 通知", "\"人类命运共同体\"",
            "联合国安理会", "title:记者会", "碳达峰 -光伏", "国发〔2024〕7号", "国发[2024]7号", "國務院", "新型工业化", "粤港澳大湾区",
            "Belt and Road", "climate change", "spokesperson press conference", "United Nations Security Council",
            "photovoltaic", "光伏 guideline", "一带一路 cooperation", "issuer:国家能源局", "5G", "2019 记者会");
    List<List<String>> variants =
        List.of(
            List.of(),
            List.of("lang", "en"),
            List.of("lang", "zh"),
            List.of("type", "conference"),
            List.of("sort", "date"),
            List.of("group", "pairs"),
            List.of("page", "2", "size", "5"),
            List.of("from", "2019-01-01", "to", "2021-12-31"));
    List<Arguments> out = new ArrayList<>();
    for (String q : queries) {
      for (List<String> variant : variants) {
        List<String> params = new ArrayList<>(List.of("q", q));
        params.addAll(variant);
        out.add(Arguments.of(String.join(" ", params), params));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("searches")
  void bothBackendsAnswerTheSame(String name, List<String> params) {
    assertSameAnswer(search(embeddedApi, params), search(clusterApi, params), 1e-3);
  }

  /**
   * Three shards score with the statistics of the whole index (dfs_query_then_fetch): the same
   * ranking, totals and facets. A few query parts are rewritten on each shard from that shard's
   * terms, so a score may differ by a fraction of a percent.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("searches")
  void aShardedIndexAnswersTheSame(String name, List<String> params) {
    assertSameAnswer(search(embeddedApi, params), search(shardedApi, params), 1e-2);
  }

  private static void assertSameAnswer(JsonNode ours, JsonNode theirs, double scoreTolerance) {
    assertEquals(ApiClient.ids(ours), ApiClient.ids(theirs), "ranked ids");
    assertEquals(ours.get("total").asLong(), theirs.get("total").asLong(), "total");
    assertEquals(ours.get("facets"), theirs.get("facets"), "facet counts");
    for (int i = 0; i < ours.get("hits").size(); i++) {
      JsonNode a = ours.get("hits").get(i);
      JsonNode b = theirs.get("hits").get(i);
      double scoreA = a.get("score").asDouble();
      double scoreB = b.get("score").asDouble();
      assertTrue(Math.abs(scoreA - scoreB) <= scoreTolerance * Math.max(1, Math.abs(scoreA)), "score of " + a.get("id") + ": " + scoreA + " vs " + scoreB);
      assertEquals(a.path("translation_of"), b.path("translation_of"), "translation_of of " + a.get("id"));
      assertEquals(a.path("pair").path("id"), b.path("pair").path("id"), "grouped pair of " + a.get("id"));
      assertEquals(a.get("title"), b.get("title"));
      assertEquals(a.get("title_html"), b.get("title_html"), "highlighted title of " + a.get("id"));
      assertEquals(a.get("snippets"), b.get("snippets"), "snippets of " + a.get("id"));
      assertEquals(a.get("themes"), b.get("themes"));
    }
  }

  private static JsonNode search(ApiClient api, List<String> params) {
    ApiClient.Response r = api.get("/api/search", params.toArray(String[]::new));
    assertEquals(200, r.status(), r.body());
    return r.json();
  }
}
