package dev.policysearch.server.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Rankings from a running server's {@code /api/search}. */
final class HttpRankedSource implements RankedSource {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  HttpRankedSource(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @Override
  public List<String> rank(String query, int depth) throws IOException {
    List<String> ids = new ArrayList<>();
    int size = Math.min(100, depth);
    for (int page = 1; ids.size() < depth; page++) {
      URI uri =
          URI.create(base + "/api/search?size=" + size + "&page=" + page + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
      HttpResponse<String> response;
      try {
        response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (response.statusCode() != 200) {
        throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode hits = MAPPER.readTree(response.body()).get("hits");
      hits.forEach(h -> ids.add(h.get("id").asText()));
      if (hits.size() < size) {
        break;
      }
    }
    return ids.size() > depth ? ids.subList(0, depth) : ids;
  }
}
