package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policysearch.server.PolicySearchServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link RelevanceFeaturesSuite} on the embedded index. */
class RelevanceFeaturesIT extends RelevanceFeaturesSuite {

  @BeforeAll
  static void indexAndServe() throws Exception {
    var indexing = IndexerProcess.index(120, "--input", IndexerProcess.sampleCorpus().toString(), "--index", tmp.resolve("index").toString());
    assertEquals(0, indexing.exitCode(), indexing.output());
    server = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")).withReloadSeconds(1));
    api = new ApiClient(server.port());
  }
}
