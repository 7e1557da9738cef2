package dev.policysearch.server.http;

import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.opensearch.ClusterClient;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.query.Expansions;
import dev.policysearch.corpus.query.UserQueryParser;
import dev.policysearch.server.search.SearchHit;
import dev.policysearch.server.search.SearchResult;
import dev.policysearch.server.search.SearchBackend;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;

/** {@code GET /api/search}: ranked, highlighted hits with facet counts. */
final class SearchHandler implements HttpHandler {

  /**
   * The response body; field names become snake_case ({@code took_ms}). {@code hits} and {@code
   * facets} are the result's lists, or the same already written as JSON ({@link RawValue}).
   * {@code expansions}: what the query was searched for besides the words as typed (lexicon
   * equivalents, other wordings, the other language), the same for either backend, as JSON.
   */
  record SearchResponse(
      String query,
      long total,
      int page,
      int size,
      long tookMs,
      Object hits,
      Object facets,
      String generation,
      boolean timedOut,
      boolean countsEstimated,
      boolean cached,
      Object expansions) {}

  private final SearchBackend search;
  private final int maxQueryChars;
  private final UserQueryParser parser = new UserQueryParser();
  private final Expansions expansions = new Expansions(PolicyLexicon.bundled(), Glossary.bundled());

  /**
   * Expansions by query text, as JSON: they depend on nothing else, and working them out and
   * writing them again costs a tenth of an answer given from the result cache.
   */
  private final Cache<String, RawValue> expanded = Caffeine.newBuilder().maximumSize(10_000).build();

  /**
   * The hits and facets of answers kept by the result cache, as JSON: an answer given again is
   * then not written again. Keyed by the identity of the answer's hit list, which every answer
   * given from the cache shares, and held only as long as that list is (weak keys).
   */
  private final Cache<List<SearchHit>, Rendered> rendered = Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();

  private record Rendered(RawValue hits, RawValue facets) {}

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
    SearchResult result;
    try {
      result = search.search(request);
    } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
      tooComplex(exchange);
      return;
    } catch (ClusterClient.ClusterException e) {
      // The cluster refuses the same query for the same reason (its own clause limit).
      if (e.status() == 400 && e.getMessage() != null && e.getMessage().contains("clause")) {
        tooComplex(exchange);
        return;
      }
      throw e;
    }
    Object hits = result.hits();
    Object facets = result.facets();
    if (result.cached() && !result.hits().isEmpty()) {
      Rendered json = rendered.get(result.hits(), h -> new Rendered(raw(result.hits()), raw(result.facets())));
      hits = json.hits();
      facets = json.facets();
    }
    Json.send(
        exchange,
        200,
        new SearchResponse(
            request.q(), result.total(), request.page(), request.size(), result.tookMillis(), hits, facets,
            result.generation(), result.timedOut(), result.countsEstimated(), result.cached(),
            expanded.get(request.q(), q -> raw(expansions.of(parser.parse(q))))));
  }

  private static void tooComplex(HttpServerExchange exchange) {
    Json.error(
        exchange,
        ApiError.of(
            400, "query_too_complex", "q", "the query asks for too much at once (too many terms and forms to search); use fewer or shorter terms"));
  }

  /**
   * {@code value} written as JSON once; its UTF-8 bytes are kept with it on first use, so that an
   * answer given again copies them instead of encoding the text again.
   */
  private static RawValue raw(Object value) {
    return new RawValue(new SerializedString(Json.string(value)));
  }
}
