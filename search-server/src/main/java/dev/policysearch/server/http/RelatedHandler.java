package dev.policysearch.server.http;

import dev.policysearch.server.search.RelatedDocuments;
import dev.policysearch.server.search.SearchHit;
import dev.policysearch.server.search.SearchBackend;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.List;

/** {@code GET /api/documents/{id}/related}: releases like this one. */
final class RelatedHandler implements HttpHandler {

  record RelatedResponse(String id, List<SearchHit> hits) {}

  private final SearchBackend search;

  RelatedHandler(SearchBackend search) {
    this.search = search;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Deque<String> ids = exchange.getQueryParameters().get("id");
    String id = ids == null || ids.isEmpty() ? "" : ids.getFirst();
    int size = Params.integer(exchange, "size", 5, 1, RelatedDocuments.MAX_RELATED);
    if (size < 0) {
      return;
    }
    var related = id.isBlank() || id.length() > 512 ? java.util.Optional.<List<SearchHit>>empty() : search.related(id, size);
    if (related.isEmpty()) {
      Json.error(exchange, ApiError.of(404, "not_found", "id", "no document with id '" + (id.length() <= 80 ? id : id.substring(0, 80) + "…") + "'"));
      return;
    }
    Json.send(exchange, 200, new RelatedResponse(id, related.get()));
  }
}
