package dev.policysearch.server.http;

import dev.policysearch.server.search.SearchBackend;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /healthz}: 200 with the generation and document count while an index is open. */
final class HealthHandler implements HttpHandler {

  record Health(String status, String generation, long documents) {}

  private final SearchBackend search;

  HealthHandler(SearchBackend search) {
    this.search = search;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    SearchBackend.Served served = search.served();
    Json.send(exchange, 200, new Health("ok", served.name(), served.documents()));
  }
}
