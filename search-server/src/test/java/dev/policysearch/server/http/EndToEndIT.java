package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** {@link EndToEndSuite} on the embedded index: {@code index --index DIR}, {@code serve --index DIR}. */
class EndToEndIT extends EndToEndSuite {

  @BeforeAll
  static void indexAndServe() throws Exception {
    Path badLines = Path.of(EndToEndIT.class.getResource("/fixtures/bad-lines.jsonl").toURI());
    indexing =
        IndexerProcess.index(
            120, "--input", IndexerProcess.sampleCorpus().toString(), badLines.toString(), "--index", tmp.resolve("index").toString());
    assertEquals(0, indexing.exitCode(), indexing.output());
    server = PolicySearchServer.start(ServerSettings.defaults(tmp.resolve("index")).withReloadSeconds(1));
    api = new ApiClient(server.port());
  }
}
