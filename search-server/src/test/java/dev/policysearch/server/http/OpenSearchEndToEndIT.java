package dev.policysearch.server.http;

import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link EndToEndSuite} on an OpenSearch node with our plugin: {@code index --target opensearch},
 * {@code serve --backend opensearch}.
 */
class OpenSearchEndToEndIT extends EndToEndSuite {

  @BeforeAll
  static void indexAndServe() throws Exception {
    Path badLines = Path.of(OpenSearchEndToEndIT.class.getResource("/fixtures/bad-lines.jsonl").toURI());
    indexing = OpenSearchCluster.index("end-to-end", "--input", IndexerProcess.sampleCorpus().toString(), badLines.toString());
    server = PolicySearchServer.start(ServerSettings.openSearch(OpenSearchCluster.url(), "end-to-end"));
    api = new ApiClient(server.port());
  }
}
