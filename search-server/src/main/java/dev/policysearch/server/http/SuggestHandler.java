package dev.policysearch.server.http;

import dev.policysearch.server.search.SearchBackend;
import dev.policysearch.server.search.SuggestService;
import dev.policysearch.server.search.Suggestion;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.List;

/** {@code GET /api/suggest?q=}: lexicon terms and titles for the search box. */
final class SuggestHandler implements HttpHandler {

  static final int MAX_CHARS = 100;

  record SuggestResponse(String query, List<Suggestion> suggestions) {}

  private final SearchBackend suggestions;

  SuggestHandler(SearchBackend suggestions) {
    this.suggestions = suggestions;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Deque<String> values = exchange.getQueryParameters().get("q");
    if (values == null || values.isEmpty()) {
      Json.error(exchange, ApiError.of(400, "missing_parameter", "q", "q is required: the text typed so far"));
      return;
    }
    String q = values.getFirst();
    if (q.length() > MAX_CHARS) {
      Json.error(exchange, ApiError.of(400, "bad_parameter", "q", "q must be at most " + MAX_CHARS + " characters, was " + q.length()));
      return;
    }
    int size = Params.integer(exchange, "size", 8, 1, SuggestService.MAX_SUGGESTIONS);
    if (size < 0) {
      return;
    }
    Json.send(exchange, 200, new SuggestResponse(q, suggestions.suggest(q, size)));
  }
}
