package dev.policysearch.corpus.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The indexer's and the server's connection to an OpenSearch cluster, through the official Java
 * client. Requests and answers are Jackson trees: our queries use the {@code policy} query of our
 * plugin, which the typed client does not know.
 */
public final class ClusterClient implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final ApacheHttpClient5Transport transport;
  private final OpenSearchGenericClient generic;

  private ClusterClient(String url, ApacheHttpClient5Transport transport) {
    this.url = url;
    this.transport = transport;
    this.generic = new OpenSearchClient(transport).generic();
  }

  /** How long a connection may take to open. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** A client for the cluster at {@code url} (http://host:9200), answers awaited up to 2 minutes (bulk loads). */
  public static ClusterClient connect(String url) {
    return connect(url, Duration.ofMinutes(2));
  }

  /**
   * A client for the cluster at {@code url}; nothing is sent yet.
   *
   * @param responseTimeout how long to wait for an answer before the request fails
   */
  public static ClusterClient connect(String url, Duration responseTimeout) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an address of an OpenSearch cluster: '" + url + "' (expected http://HOST:9200)");
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("not an address of an OpenSearch cluster: '" + url + "' (expected http://HOST:9200)");
    }
    int port = uri.getPort() < 0 ? ("https".equals(uri.getScheme()) ? 443 : 9200) : uri.getPort();
    ApacheHttpClient5Transport transport =
        ApacheHttpClient5TransportBuilder.builder(new HttpHost(uri.getScheme(), uri.getHost(), port))
            .setMapper(new JacksonJsonpMapper())
            .setConnectionConfigCallback(
                config -> config.setConnectTimeout(Timeout.of(CONNECT_TIMEOUT)).setSocketTimeout(Timeout.of(responseTimeout)))
            .setRequestConfigCallback(config -> config.setResponseTimeout(Timeout.of(responseTimeout)))
            .build();
    return new ClusterClient(url.strip(), transport);
  }

  public String url() {
    return url;
  }

  /** Sends a request; a JSON answer of status 2xx comes back, any other status is a {@link ClusterException}. */
  public JsonNode send(String method, String path, JsonNode body) throws IOException {
    return send(method, path, Map.of(), body);
  }

  /** Like {@link #send(String, String, JsonNode)}, with URL parameters ({@code search_type=...}). */
  public JsonNode send(String method, String path, Map<String, String> parameters, JsonNode body) throws IOException {
    return send(method, path, parameters, body == null ? null : JSON.writeValueAsBytes(body), "application/json").orElseThrow();
  }

  /** Like {@link #send}, but a 404 is an empty answer instead of an error. */
  public Optional<JsonNode> sendOrMissing(String method, String path, JsonNode body) throws IOException {
    try {
      return send(method, path, Map.of(), body == null ? null : JSON.writeValueAsBytes(body), "application/json");
    } catch (ClusterException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Sends newline-delimited JSON (the bulk API). */
  public JsonNode sendLines(String path, String lines) throws IOException {
    return send("POST", path, Map.of(), lines.getBytes(StandardCharsets.UTF_8), "application/x-ndjson").orElseThrow();
  }

  private Optional<JsonNode> send(String method, String path, Map<String, String> parameters, byte[] body, String contentType)
      throws IOException {
    var request = Requests.builder().method(method).endpoint(path).query(parameters);
    if (body != null) {
      request.body(Body.from(body, contentType));
    }
    try (Response response = generic.execute(request.build())) {
      byte[] answer = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
      JsonNode json = answer.length == 0 ? JSON.createObjectNode() : JSON.readTree(answer);
      if (response.getStatus() / 100 != 2) {
        throw new ClusterException(response.getStatus(), method + " " + path + ": " + reason(json, response.getStatus()));
      }
      return Optional.of(json);
    } catch (ConnectException | SocketTimeoutException | ConnectionClosedException e) {
      throw new UnreachableException("cannot reach OpenSearch at " + url + " (" + e.getMessage() + "); is the cluster running and is --url right?", e);
    }
  }

  private static String reason(JsonNode answer, int status) {
    JsonNode error = answer.path("error");
    if (error.isObject()) {
      String type = error.path("type").asText("");
      String reason = error.path("reason").asText("");
      JsonNode cause = error.path("root_cause").path(0);
      if (reason.isEmpty() && cause.isObject()) {
        reason = cause.path("reason").asText("");
      }
      return "HTTP " + status + " " + type + (reason.isEmpty() ? "" : ": " + reason);
    }
    return "HTTP " + status + (error.isTextual() ? " " + error.asText() : "");
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }

  /** The cluster could not be reached, or did not answer in time. */
  public static final class UnreachableException extends IOException {
    public UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The cluster answered with an error status. */
  public static final class ClusterException extends IOException {
    private final int status;

    public ClusterException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
