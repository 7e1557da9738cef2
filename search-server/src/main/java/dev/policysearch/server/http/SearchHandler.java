package dev.policysearch.server.http;

import dev.policysearch.server.search.SearchHit;
import dev.policysearch.server.search.SearchResult;
import dev.policysearch.server.search.SearchBackend;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;

/** {@code GET /api/search}: ranked, highlighted hits with facet counts. */
final class SearchHandler implements HttpHandler {

  /** The response body; field names become snake_case ({@code took_ms}). */
  record SearchResponse(
      String query,
      long total,
      int page,
      int size,
      long tookMs,
      List<SearchHit> hits,
      Map<String, List<SearchResult.FacetValue>> facets,
      String generation,
      boolean timedOut,
      boolean countsEstimated,
      boolean cached) {}

  private final SearchBackend search;
  private final int maxQueryChars;

  SearchHandler(SearchBackend search, int maxQueryChars) {
    this.search = search;
    this.maxQueryChars = maxQueryChars;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    SearchParams.Outcome outcome = SearchParams.read(exchange.getQueryParameters(), maxQueryChars);
    if (!outcome.problems().isEmpty()) {
      Json.error(exchange, ApiError.of(outcome.problems()));
      return;
    }
    var request = outcome.request();
    SearchResult result = search.search(request);
    Json.send(
        exchange,
        200,
        new SearchResponse(
            request.q(), result.total(), request.page(), request.size(), result.tookMillis(), result.hits(), result.facets(),
            result.generation(), result.timedOut(), result.countsEstimated(), result.cached()));
  }
}
