package dev.policysearch.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.List;

/**
 * Lets the configured origins call the API from a browser (none by default). Preflight requests
 * from an allowed origin are answered here.
 */
final class Cors implements HttpHandler {
  private static final HttpString ORIGIN = new HttpString("Origin");
  private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
  private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
  private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
  private static final HttpString VARY = new HttpString("Vary");

  private final List<String> origins;
  private final HttpHandler next;

  Cors(List<String> origins, HttpHandler next) {
    this.origins = origins;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String origin = exchange.getRequestHeaders().getFirst(ORIGIN);
    boolean allowed = origin != null && (origins.contains(origin) || origins.contains("*"));
    if (allowed && exchange.getRequestPath().startsWith("/api/")) {
      exchange.getResponseHeaders().put(ALLOW_ORIGIN, origins.contains("*") ? "*" : origin);
      exchange.getResponseHeaders().put(VARY, "Origin");
      if (exchange.getRequestMethod().equalToString("OPTIONS")) {
        exchange.getResponseHeaders().put(ALLOW_METHODS, "GET, POST");
        exchange.getResponseHeaders().put(ALLOW_HEADERS, "Authorization, Content-Type");
        exchange.setStatusCode(204);
        exchange.endExchange();
        return;
      }
    }
    next.handleRequest(exchange);
  }
}
