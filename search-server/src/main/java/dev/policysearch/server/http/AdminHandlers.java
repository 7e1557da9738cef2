package dev.policysearch.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.server.admin.ReindexJobs;
import dev.policysearch.server.search.QueryLog;
import dev.policysearch.server.search.SearchBackend;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API: {@code GET /api/admin/status}, {@code GET /api/admin/stats}, {@code POST
 * /api/admin/reindex}. Every route needs {@code Authorization: Bearer TOKEN}; without a token
 * configured the admin API does not exist (404).
 */
final class AdminHandlers {

  record StatusResponse(String generation, long documents, long sizeBytes, String lastUpdate, ReindexJobs.Status reindex) {}

  private final SearchBackend search;
  private final ReindexJobs jobs;
  private final byte[] token;
  private final Path index;

  AdminHandlers(SearchBackend search, ReindexJobs jobs, String token, Path index) {
    this.search = search;
    this.jobs = jobs;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.index = index;
  }

  /** Wraps an admin route in the token check. */
  HttpHandler guarded(HttpHandler next) {
    return exchange -> {
      if (token == null) {
        Routes.notFound(exchange);
        return;
      }
      String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"policy-search admin\"");
        Json.error(exchange, ApiError.of(401, "unauthorized", null, "the admin API needs Authorization: Bearer <token>"));
        return;
      }
      byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(given, token)) {
        Json.error(exchange, ApiError.of(403, "forbidden", null, "wrong admin token"));
        return;
      }
      next.handleRequest(exchange);
    };
  }

  void status(HttpServerExchange exchange) throws IOException {
    SearchBackend.Served served = search.served();
    Path current = index == null ? null : index.resolve(dev.policysearch.corpus.schema.IndexLayout.CURRENT);
    String lastUpdate = current != null && Files.exists(current) ? Files.getLastModifiedTime(current).toInstant().toString() : null;
    Json.send(exchange, 200, new StatusResponse(served.name(), served.documents(), served.sizeBytes(), lastUpdate, jobs.status()));
  }

  void stats(HttpServerExchange exchange) {
    int limit = Params.integer(exchange, "limit", 20, 1, 1000);
    if (limit < 0) {
      return;
    }
    QueryLog.Stats stats = search.queryLog().stats(limit);
    Json.send(exchange, 200, stats);
  }

  void reindex(HttpServerExchange exchange) throws IOException {
    if (index == null) {
      Json.error(
          exchange,
          ApiError.of(
              409, "reindex_unavailable", null,
              "this server searches an OpenSearch alias; re-index with: policy-search index --input DIR --target opensearch --url URL --alias NAME"));
      return;
    }
    if (!jobs.available()) {
      Json.error(
          exchange,
          ApiError.of(503, "reindex_unavailable", null, "re-index is not available: start the server with --indexer-jar (./policy-search serve does)"));
      return;
    }
    byte[] body;
    try {
      body = exchange.getInputStream().readAllBytes();
    } catch (RequestTooBigException e) {
      Json.error(exchange, ApiError.of(413, "too_large", null, "the request body is too large"));
      return;
    }
    JsonNode json;
    try {
      json = body.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      Json.error(exchange, ApiError.of(400, "bad_body", null, "the body must be JSON: {\"inputs\":[\"/path/a.jsonl\"],\"mode\":\"full\"}"));
      return;
    }
    if (json == null || !json.isObject()) {
      Json.error(exchange, ApiError.of(400, "bad_body", null, "the body must be a JSON object"));
      return;
    }
    String mode = json.path("mode").asText("full");
    if (!mode.equals("full") && !mode.equals("update")) {
      Json.error(exchange, ApiError.of(400, "bad_parameter", "mode", "mode must be full or update, was '" + mode + "'"));
      return;
    }
    List<String> inputs = strings(json.path("inputs"));
    List<String> deletes = strings(json.path("delete"));
    if (inputs.isEmpty() && (mode.equals("full") || deletes.isEmpty())) {
      Json.error(exchange, ApiError.of(400, "bad_parameter", "inputs", "inputs must list the corpus files or folders to index"));
      return;
    }
    if (!deletes.isEmpty() && mode.equals("full")) {
      Json.error(exchange, ApiError.of(400, "bad_parameter", "delete", "delete needs mode update"));
      return;
    }
    List<String> missing = inputs.stream().filter(p -> !Files.exists(Path.of(p))).toList();
    if (!missing.isEmpty()) {
      Json.error(exchange, ApiError.of(400, "bad_parameter", "inputs", "not found on the server: " + String.join(", ", missing)));
      return;
    }
    var started = jobs.start(new ReindexJobs.Request(inputs, mode.equals("update"), deletes));
    if (started.isEmpty()) {
      Json.error(exchange, ApiError.of(409, "reindex_running", null, "a re-index is running already; see GET /api/admin/status"));
      return;
    }
    Json.send(exchange, 202, java.util.Map.of("reindex", started.get(), "accepted_at", Instant.now().toString()));
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> {
        if (n.isTextual() && !n.asText().isBlank()) {
          out.add(n.asText().strip());
        }
      });
    } else if (node.isTextual() && !node.asText().isBlank()) {
      out.add(node.asText().strip());
    }
    return out;
  }
}
