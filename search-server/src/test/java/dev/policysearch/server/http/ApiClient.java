package dev.policysearch.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: talks to a running server over real HTTP on loopback. */
public final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final int port;

  public ApiClient(int port) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
  }

  public record Response(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  /** GET with parameters given as name, value, name, value... (values are URL-encoded here). */
  public Response get(String path, String... params) {
    StringBuilder uri = new StringBuilder(base).append(path);
    for (int i = 0; i + 1 < params.length; i += 2) {
      uri.append(i == 0 ? '?' : '&')
          .append(URLEncoder.encode(params[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return send(HttpRequest.newBuilder(URI.create(uri.toString())).GET());
  }

  /** A request to {@code path} on this server, to add headers, a method or a body to. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Sends a request line exactly as given, bytes the JDK client refuses to send (invalid
   * percent-encoding, raw control characters), and returns the status code of the answer.
   */
  public int rawStatus(String requestTarget) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  /** A raw exchange: the status code and body of the answer to exactly these request bytes. */
  public record Raw(int status, String body) {}

  public Raw raw(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      byte[] all = socket.getInputStream().readAllBytes();
      String text = new String(all, StandardCharsets.UTF_8);
      if (text.length() < 12) {
        throw new IOException("no HTTP answer: '" + text + "'");
      }
      int status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      return new Raw(status, split < 0 ? "" : text.substring(split + 4));
    }
  }

  public static List<String> ids(JsonNode searchResponse) {
    List<String> ids = new ArrayList<>();
    searchResponse.get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }
}
