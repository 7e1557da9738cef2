package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.opensearch.ClusterClient;
import dev.policysearch.server.search.QueryLog;
import dev.policysearch.server.search.SearchBackend;
import dev.policysearch.server.search.SearchRequest;
import dev.policysearch.server.search.SearchResult;
import dev.policysearch.server.search.Suggestion;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;

/**
 * A search the engine refuses as too large (Lucene's clause limit, or the cluster's) is the
 * user's query, not the server's failure: a 400 that says what to do, never a 500.
 */
class SearchHandlerTest {

  /** A backend whose every search fails with {@code failure}. */
  private record Refusing(RuntimeException unchecked, IOException checked) implements SearchBackend {
    @Override
    public SearchResult search(SearchRequest request) throws IOException {
      if (checked != null) {
        throw checked;
      }
      throw unchecked;
    }

    @Override
    public Optional<StoredDocument> document(String id) {
      return Optional.empty();
    }

    @Override
    public Optional<List<dev.policysearch.server.search.SearchHit>> related(String id, int limit) {
      return Optional.empty();
    }

    @Override
    public List<Suggestion> suggest(String typed, int limit) {
      return List.of();
    }

    @Override
    public QueryLog queryLog() {
      return new QueryLog(1000);
    }

    @Override
    public Served served() {
      return new Served("test", 0, 0);
    }

    @Override
    public void close() {}
  }

  private static HttpResponse<String> search(SearchBackend backend) throws Exception {
    Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(new SearchHandler(backend, 1000)).build();
    server.start();
    try {
      int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search?q=%E5%85%89%E4%BC%8F")).build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } finally {
      server.stop();
    }
  }

  @Test
  void aQueryOverLucenesClauseLimitIsA400() throws Exception {
    HttpResponse<String> r = search(new Refusing(new IndexSearcher.TooManyNestedClauses(), null));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"query_too_complex\"") && r.body().contains("fewer or shorter terms"), r.body());
  }

  @Test
  void aQueryOverTheClustersClauseLimitIsA400() throws Exception {
    HttpResponse<String> r = search(new Refusing(null, new ClusterClient.ClusterException(400, "too_many_nested_clauses: Query contains too many nested clauses")));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"query_too_complex\""), r.body());
  }

  @Test
  void anyOtherRefusalByTheClusterIsNotBlamedOnTheQuery() throws Exception {
    // Passed on to the error boundary (a 500 with a request id in the real server).
    HttpResponse<String> r = search(new Refusing(null, new ClusterClient.ClusterException(400, "illegal_argument_exception: no mapping")));
    assertEquals(500, r.statusCode(), r.body());
    assertTrue(!r.body().contains("query_too_complex"), r.body());
  }
}
