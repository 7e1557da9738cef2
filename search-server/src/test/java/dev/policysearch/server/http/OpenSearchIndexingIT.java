package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.corpus.opensearch.ClusterClient;
import dev.policysearch.opensearch.testing.OpenSearchNode;
import dev.policysearch.server.PolicySearchServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index --target opensearch} as an admin uses it: a rebuild moves the alias while searches
 * go on, a killed rebuild leaves the alias alone, updates and deletes go by id, and a cluster
 * without our plugin gets a clear error.
 */
class OpenSearchIndexingIT {

  @TempDir Path tmp;

  @Test
  void aRebuildMovesTheAliasWhileSearchesGoOnAndDropsTheOldIndex() throws Exception {
    OpenSearchCluster.index("switch", "--input", IndexerProcess.sampleCorpus().toString());
    Path big = IndexerProcess.bigCorpus(tmp.resolve("big.jsonl"), 40);
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.openSearch(OpenSearchCluster.url(), "switch"));
        ClusterClient cluster = ClusterClient.connect(OpenSearchCluster.url())) {
      ApiClient api = new ApiClient(server.port());
      String before = api.get("/healthz").json().get("generation").asText();
      long oldTotal = api.get("/api/search", "q", "发展").json().get("total").asLong();

      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> totals = new ConcurrentLinkedQueue<>();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int c = 0; c < 4; c++) {
        clients.submit(
            () -> {
              while (!stop.get()) {
                ApiClient.Response r = api.get("/api/search", "q", "发展");
                if (r.status() != 200) {
                  problems.add(r.status() + " " + r.body());
                } else {
                  totals.add(r.json().get("total").asLong());
                }
              }
              return null;
            });
      }
      var rebuild = OpenSearchCluster.index("switch", "--input", big.toString(), IndexerProcess.sampleCorpus().toString());
      Thread.sleep(1500);
      stop.set(true);
      clients.shutdown();
      assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));

      assertTrue(problems.isEmpty(), "searches failed during the rebuild: " + problems);
      long newTotal = api.get("/api/search", "q", "发展").json().get("total").asLong();
      assertTrue(newTotal > oldTotal, newTotal + " > " + oldTotal);
      assertTrue(Set.of(oldTotal, newTotal).containsAll(Set.copyOf(totals)), "every answer came whole from the old or the new index: " + Set.copyOf(totals));
      assertTrue(totals.contains(oldTotal) || totals.contains(newTotal));
      String after = api.get("/healthz").json().get("generation").asText();
      assertNotEquals(before, after, rebuild.output());
      assertTrue(rebuild.output().contains("alias switch -> index " + after), rebuild.output());
      assertEquals(List.of(after), indicesNamed(cluster, "switch-2*"), "the old index was dropped");
    }
  }

  @Test
  void aKilledRebuildLeavesTheAliasAndTheNextRebuildCleansUp() throws Exception {
    OpenSearchCluster.index("killed", "--input", IndexerProcess.sampleCorpus().toString());
    Path big = IndexerProcess.bigCorpus(tmp.resolve("big.jsonl"), 400);
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.openSearch(OpenSearchCluster.url(), "killed"));
        ClusterClient cluster = ClusterClient.connect(OpenSearchCluster.url())) {
      ApiClient api = new ApiClient(server.port());
      String served = api.get("/healthz").json().get("generation").asText();
      long total = api.get("/api/search", "q", "发展").json().get("total").asLong();

      List<String> command = new ArrayList<>(List.of("--target", "opensearch", "--url", OpenSearchCluster.url(), "--alias", "killed", "--replicas", "0", "--quiet"));
      command.addAll(List.of("--input", big.toString()));
      Process indexer = IndexerProcess.start(tmp.resolve("killed.log"), command.toArray(String[]::new));
      for (int i = 0; i < 600 && indicesNamed(cluster, "killed-2*").size() < 2; i++) {
        Thread.sleep(50);
      }
      assertTrue(indexer.isAlive(), "the indexer was still running when killed: " + Files.readString(tmp.resolve("killed.log")));
      indexer.destroyForcibly();
      assertTrue(indexer.waitFor(30, TimeUnit.SECONDS));

      assertEquals(served, api.get("/healthz").json().get("generation").asText(), "the alias still names the old index");
      assertEquals(total, api.get("/api/search", "q", "发展").json().get("total").asLong(), "the old index answers as before");
      assertEquals(2, indicesNamed(cluster, "killed-2*").size(), "the unfinished index is left until the next build");

      var again = OpenSearchCluster.index("killed", "--input", IndexerProcess.sampleCorpus().toString());
      List<String> left = indicesNamed(cluster, "killed-2*");
      assertEquals(1, left.size(), "the next build removed the unfinished index and the old one: " + left);
      assertTrue(again.output().contains("-> index " + left.get(0)), again.output());
      assertEquals(total, api.get("/api/search", "q", "发展").json().get("total").asLong());
    }
  }

  @Test
  void anUpdateAddsReplacesAndDeletesById() throws Exception {
    OpenSearchCluster.index("updates", "--input", IndexerProcess.sampleCorpus().toString());
    Path changed = tmp.resolve("changed.jsonl");
    Files.writeString(
        changed,
        """
        {"id":"sample-zh-fullwidth-5g","lang":"zh","title":"５Ｇ网络加速覆盖 新增标题词量子通信","body":"量子通信试点扩大到更多城市。","date":"2021-11-20","url":null,"source":"www.example.gov.cn","issuer":null,"doc_number":null,"type":"news","pair_id":null}
        {"id":"update-new-1","lang":"zh","title":"新增的海洋经济发布","body":"海洋经济高质量发展取得新进展。","date":"2025-01-02","url":null,"source":"www.example.gov.cn","issuer":null,"doc_number":null,"type":"news","pair_id":null}
        """,
        StandardCharsets.UTF_8);
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.openSearch(OpenSearchCluster.url(), "updates"))) {
      ApiClient api = new ApiClient(server.port());
      String index = api.get("/healthz").json().get("generation").asText();
      long documents = api.get("/healthz").json().get("documents").asLong();
      var update =
          OpenSearchCluster.index("updates", "--update", "--input", changed.toString(), "--delete", "sample-zh-decree-777");
      assertTrue(update.output().contains("Deleted 1 id."), update.output());

      assertEquals("sample-zh-fullwidth-5g", ApiClient.ids(api.get("/api/search", "q", "量子通信").json()).get(0));
      assertEquals("update-new-1", ApiClient.ids(api.get("/api/search", "q", "海洋经济").json()).get(0));
      assertEquals(404, api.get("/api/documents/sample-zh-decree-777").status());
      assertFalse(ApiClient.ids(api.get("/api/search", "q", "国务院令第777号").json()).contains("sample-zh-decree-777"));
      Thread.sleep(1100); // the served-index figures are cached for a second
      JsonNode health = api.get("/healthz").json();
      assertEquals(index, health.get("generation").asText(), "an update writes into the index behind the alias");
      assertEquals(documents, health.get("documents").asLong(), "one added, one deleted, one replaced");
    }
  }

  @Test
  void theAdminApiNamesTheIndexBehindTheAliasAndSendsReindexingToTheCommandLine() throws Exception {
    OpenSearchCluster.index("admin", "--input", IndexerProcess.sampleCorpus().toString());
    try (PolicySearchServer server =
        PolicySearchServer.start(ServerSettings.openSearch(OpenSearchCluster.url(), "admin").withAdmin("secret-token", IndexerProcess.jar()))) {
      ApiClient api = new ApiClient(server.port());
      ApiClient.Response status = api.send(api.request("/api/admin/status").header("Authorization", "Bearer secret-token"));
      assertEquals(200, status.status(), status.body());
      assertTrue(status.json().get("generation").asText().startsWith("admin-2"), status.body());
      assertEquals(48, status.json().get("documents").asLong());
      assertTrue(status.json().get("size_bytes").asLong() > 0, status.body());
      ApiClient.Response reindex =
          api.send(
              api.request("/api/admin/reindex")
                  .header("Authorization", "Bearer secret-token")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mode\":\"full\"}")));
      assertEquals(409, reindex.status(), reindex.body());
      assertTrue(reindex.body().contains("--target opensearch"), reindex.body());
      String metrics = api.get("/metrics").body();
      assertTrue(metrics.contains("policy_search_index_documents 48"), metrics);
    }
  }

  @Test
  void aClusterThatStopsAnsweringGivesA503NotA500() throws Exception {
    Path layout = Path.of(System.getProperty(OpenSearchNode.LAYOUT_PROPERTY));
    Path plugin = Path.of(System.getProperty(OpenSearchNode.PLUGIN_PROPERTY));
    OpenSearchNode node = OpenSearchNode.start(layout, List.of(plugin));
    try {
      var indexing =
          IndexerProcess.index(
              120, "--target", "opensearch", "--url", node.httpUrl(), "--replicas", "0", "--quiet", "--input", IndexerProcess.sampleCorpus().toString());
      assertEquals(0, indexing.exitCode(), indexing.output());
      try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.openSearch(node.httpUrl(), "policy-search"))) {
        ApiClient api = new ApiClient(server.port());
        assertEquals(200, api.get("/api/search", "q", "光伏").status());
        node.close();
        Thread.sleep(1100); // past the cached served-index figures
        for (String path : List.of("/api/search?q=%E5%85%89%E4%BC%8F", "/api/documents/sample-zh-pv-guideline", "/api/suggest?q=%E5%85%89", "/healthz")) {
          ApiClient.Response r = api.send(api.request(path));
          assertEquals(503, r.status(), path + ": " + r.body());
          assertEquals("search_unavailable", r.json().get("error").get("code").asText(), r.body());
        }
      }
    } finally {
      node.close();
    }
  }

  @Test
  void aClusterWithoutOurPluginIsAClearErrorAndNothingIsLeftBehind() throws Exception {
    Path layout = Path.of(System.getProperty(OpenSearchNode.LAYOUT_PROPERTY));
    try (OpenSearchNode bare = OpenSearchNode.start(layout, List.of());
        ClusterClient cluster = ClusterClient.connect(bare.httpUrl())) {
      var result =
          IndexerProcess.index(
              120, "--target", "opensearch", "--url", bare.httpUrl(), "--alias", "noplugin", "--replicas", "0", "--quiet",
              "--input", IndexerProcess.sampleCorpus().toString());
      assertEquals(1, result.exitCode(), result.output());
      assertTrue(result.output().contains("opensearch-plugin install"), result.output());
      assertEquals(List.of(), indicesNamed(cluster, "noplugin*"));
    }
  }

  private static List<String> indicesNamed(ClusterClient cluster, String pattern) throws Exception {
    List<String> names = new ArrayList<>();
    cluster.sendOrMissing("GET", "/" + pattern + "/_settings", null).ifPresent(json -> json.fieldNames().forEachRemaining(names::add));
    names.sort(null);
    return names;
  }
}
