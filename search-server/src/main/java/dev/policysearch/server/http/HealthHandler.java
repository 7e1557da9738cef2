package dev.policysearch.server.http;

import dev.policysearch.server.search.SearchService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /healthz}: 200 with the generation and document count while an index is open. */
final class HealthHandler implements HttpHandler {

  record Health(String status, String generation, int documents) {}

  private final SearchService search;

  HealthHandler(SearchService search) {
    this.search = search;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    var generations = search.generations();
    Json.send(exchange, 200, new Health("ok", generations.generation().getFileName().toString(), generations.documents()));
  }
}
