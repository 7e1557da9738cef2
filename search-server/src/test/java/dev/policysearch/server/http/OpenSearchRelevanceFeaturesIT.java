package dev.policysearch.server.http;

import dev.policysearch.server.PolicySearchServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link RelevanceFeaturesSuite} on an OpenSearch node with our plugin. */
class OpenSearchRelevanceFeaturesIT extends RelevanceFeaturesSuite {

  @BeforeAll
  static void indexAndServe() throws Exception {
    OpenSearchCluster.index("relevance-features", "--input", IndexerProcess.sampleCorpus().toString());
    server = PolicySearchServer.start(ServerSettings.openSearch(OpenSearchCluster.url(), "relevance-features"));
    api = new ApiClient(server.port());
  }
}
