package dev.policysearch.server.bench;

import dev.policysearch.server.PolicySearchServer;
import dev.policysearch.server.http.ServerSettings;
import dev.policysearch.server.search.ResultCache;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Our engine as users meet it: a server started in this process on a free loopback port, asked
 * through {@code /api/search} with the JDK's HTTP client. A timing therefore covers query parsing,
 * ranking, highlighting, facet counting, JSON and the HTTP round trip.
 */
final class HttpQueryBench implements QueryRunner, AutoCloseable {

  /** Far above any client count used, so no search is turned away with 503 while measuring. */
  static final int MAX_CONCURRENT_SEARCHES = 256;

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final PolicySearchServer server;
  private final HttpClient http;
  private final String base;

  private HttpQueryBench(PolicySearchServer server) {
    this.server = server;
    // HTTP/1.1 with keep-alive, one connection per client thread, as a browser or proxy would.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    this.base = "http://127.0.0.1:" + server.port();
  }

  /**
   * Starts a server over the index in {@code index} with the default settings, but for the
   * result cache's size (0: off).
   */
  static HttpQueryBench start(Path index, int resultCacheMegabytes) throws IOException {
    return new HttpQueryBench(
        PolicySearchServer.start(
            ServerSettings.defaults(index).withMaxConcurrentSearches(MAX_CONCURRENT_SEARCHES).withResultCacheMegabytes(resultCacheMegabytes)));
  }

  /** The server's result cache counts so far, when it has the cache on. */
  java.util.Optional<ResultCache.Stats> cacheStats() {
    return server.backend().resultCache();
  }

  String base() {
    return base;
  }

  @Override
  public Outcome run(QueryTask task) throws IOException, InterruptedException {
    URI uri = uri(task);
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      String body = response.body();
      throw new IOException(uri + " answered " + response.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
    }
    return response.body().contains("\"timed_out\":true") ? Outcome.TIMED_OUT : Outcome.OK;
  }

  URI uri(QueryTask task) {
    StringBuilder url = new StringBuilder(base).append("/api/search?q=").append(encode(task.query()));
    for (Map.Entry<String, String> param : task.params().entrySet()) {
      url.append('&').append(encode(param.getKey())).append('=').append(encode(param.getValue()));
    }
    return URI.create(url.toString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    http.close();
    server.close();
  }
}
