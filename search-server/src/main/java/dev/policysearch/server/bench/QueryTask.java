package dev.policysearch.server.bench;

import java.util.Map;
import java.util.Objects;

/**
 * One line of the task file: a query of a kind, with the extra {@code /api/search} parameters it
 * is sent with (filters, sort).
 *
 * @param kind the group it is reported under, e.g. {@code zh-term}
 * @param query the text typed by a user
 * @param params extra request parameters in file order (empty for a plain query)
 */
public record QueryTask(String kind, String query, Map<String, String> params) {

  public QueryTask {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(query, "query");
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }
}
