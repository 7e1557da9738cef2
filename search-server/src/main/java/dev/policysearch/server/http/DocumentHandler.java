package dev.policysearch.server.http;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.server.search.SearchBackend;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.List;

/** {@code GET /api/documents/{id}}: one whole release, as JSON. */
final class DocumentHandler implements HttpHandler {

  /** The corpus fields of a release, plus the themes it was assigned. */
  record DocumentResponse(
      String id,
      String lang,
      String title,
      String body,
      String date,
      String url,
      String source,
      String issuer,
      String docNumber,
      String type,
      String pairId,
      List<String> themes) {

    static DocumentResponse of(PolicyDocument d, List<String> themes) {
      return new DocumentResponse(
          d.id(), d.lang().code(), d.title(), d.body(), d.date() == null ? null : d.date().toString(), d.url(),
          d.source(), d.issuer(), d.docNumber(), d.type(), d.pairId(), themes);
    }
  }

  private final SearchBackend search;

  DocumentHandler(SearchBackend search) {
    this.search = search;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Deque<String> ids = exchange.getQueryParameters().get("id");
    String id = ids == null || ids.isEmpty() ? "" : ids.getFirst();
    var found = id.isBlank() || id.length() > 512 ? java.util.Optional.<SearchBackend.StoredDocument>empty() : search.document(id);
    if (found.isEmpty()) {
      Json.error(exchange, ApiError.of(404, "not_found", "id", "no document with id '" + abbreviate(id) + "'"));
      return;
    }
    Json.send(exchange, 200, DocumentResponse.of(found.get().document(), found.get().themes()));
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
