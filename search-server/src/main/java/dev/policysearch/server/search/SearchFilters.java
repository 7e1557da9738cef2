package dev.policysearch.server.search;

import dev.policysearch.corpus.schema.Fields;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** The filters of a search request as Lucene queries, for the embedded index. */
public final class SearchFilters {
  private SearchFilters() {}

  /** Filters: every list is "any of these values"; dates are inclusive. */
  public static List<Query> of(SearchRequest request) {
    List<Query> filters = new ArrayList<>();
    request.valueFilters().forEach((field, values) -> anyOf(filters, field, values));
    if (request.from() != null || request.to() != null) {
      int from = request.from() == null ? Integer.MIN_VALUE : (int) request.from().toEpochDay();
      int to = request.to() == null ? Integer.MAX_VALUE : (int) request.to().toEpochDay();
      filters.add(IntPoint.newRangeQuery(Fields.DATE_DAYS, from, to));
    }
    return filters;
  }

  private static void anyOf(List<Query> filters, String field, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    if (values.size() == 1) {
      filters.add(new TermQuery(new Term(field, values.get(0))));
    } else {
      filters.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()));
    }
  }
}
