package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crawl --target opensearch}: the State Council fixture sites served on 127.0.0.1 are
 * crawled into the store and straight into an OpenSearch alias (a full build the first time,
 * updates by id afterwards), and a server on that alias finds what was crawled, pairs linked.
 */
class OpenSearchCrawlIT {

  @TempDir Path tmp;

  @Test
  void aCrawlBuildsThenUpdatesTheIndexBehindTheAlias() throws Exception {
    Path fixtures = Path.of("..", "indexer", "src", "test", "resources", "fixture-sites").toAbsolutePath().normalize();
    HttpServer site = CrawlSearchIT.serve(fixtures.resolve("gov-cn").resolve("pages"), fixtures.resolve("gov-cn-en").resolve("pages"));
    try {
      String base = "http://127.0.0.1:" + site.getAddress().getPort();
      String url = OpenSearchCluster.url();
      String[] target = {"--target", "opensearch", "--url", url, "--alias", "crawled", "--replicas", "0"};
      IndexerProcess.Result first = crawl(base, "gov-cn", target);
      assertTrue(first.output().contains("Alias crawled on " + url + ": "), first.output());
      IndexerProcess.Result second = crawl(base, "gov-cn-en", target);
      assertTrue(second.output().contains("paired"), second.output());
      assertTrue(second.output().contains("-> index crawled-2"), second.output());
      IndexerProcess.Result again = crawl(base, "gov-cn-en", target);
      assertTrue(again.output().contains("already up to date"), again.output());

      try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.openSearch(url, "crawled"))) {
        ApiClient api = new ApiClient(server.port());
        JsonNode hit = api.get("/api/search", "q", "国发〔2024〕7号").json().get("hits").get(0);
        assertEquals(CrawlSearchIT.ZH_POLICY, hit.get("id").asText());
        assertEquals(CrawlSearchIT.EN_POLICY, hit.get("pair_id").asText(), "the update linked the English version");
        JsonNode english = api.get("/api/documents/" + CrawlSearchIT.EN_POLICY).json();
        assertEquals(CrawlSearchIT.ZH_POLICY, english.get("pair_id").asText());
      }
    } finally {
      site.stop(0);
    }
  }

  private IndexerProcess.Result crawl(String base, String siteName, String... target) throws Exception {
    String[] args = {"crawl", "--site", siteName, "--store", tmp.resolve("store").toString(), "--base-url", base, "--delay-ms", "0", "--quiet"};
    String[] all = new String[args.length + target.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(target, 0, all, args.length, target.length);
    IndexerProcess.Result result = IndexerProcess.run(180, all);
    assertEquals(0, result.exitCode(), result.output());
    return result;
  }
}
