package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policysearch.opensearch.testing.OpenSearchNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: one real OpenSearch node with our plugin for every OpenSearch test of the run
 * (started on first use, stopped when the JVM exits), and the indexer's command line writing to
 * it. Each test class uses aliases of its own.
 */
final class OpenSearchCluster {
  private OpenSearchCluster() {}

  private static OpenSearchNode node;

  static synchronized String url() throws Exception {
    if (node == null) {
      node = OpenSearchNode.startWithOurPlugin();
      Runtime.getRuntime().addShutdownHook(new Thread(node::close));
    }
    return node.httpUrl();
  }

  /** {@code index --target opensearch --url URL --alias ALIAS --replicas 0 ARGS...}, which must succeed. */
  static IndexerProcess.Result index(String alias, String... args) throws Exception {
    IndexerProcess.Result result = indexAllowingFailure(alias, args);
    assertEquals(0, result.exitCode(), result.output());
    return result;
  }

  static IndexerProcess.Result indexAllowingFailure(String alias, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--target", "opensearch", "--url", url(), "--alias", alias, "--replicas", "0", "--quiet"));
    all.addAll(List.of(args));
    return IndexerProcess.index(180, all.toArray(String[]::new));
  }
}
