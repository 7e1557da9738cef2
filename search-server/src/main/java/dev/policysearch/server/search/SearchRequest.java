package dev.policysearch.server.search;

import java.time.LocalDate;
import java.util.List;

/**
 * A validated search: the query text, the page wanted and the filters. Each filter list holds the
 * values a field may take (any of them); an empty list does not filter.
 */
public record SearchRequest(
    String q,
    int page,
    int size,
    List<String> langs,
    List<String> types,
    List<String> themes,
    List<String> years,
    List<String> issuers,
    LocalDate from,
    LocalDate to,
    Sort sort,
    boolean groupPairs) {

  public enum Sort {
    RELEVANCE,
    DATE
  }

  public static SearchRequest of(String q) {
    return new SearchRequest(q, 1, 10, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, Sort.RELEVANCE, false);
  }

  /** The filters that take any of a list of values, by the field they filter, in a fixed order. */
  public java.util.Map<String, List<String>> valueFilters() {
    java.util.Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
    filters.put(dev.policysearch.corpus.schema.Fields.LANG, langs);
    filters.put(dev.policysearch.corpus.schema.Fields.TYPE, types);
    filters.put(dev.policysearch.corpus.schema.Fields.THEME, themes);
    filters.put(dev.policysearch.corpus.schema.Fields.YEAR, years);
    filters.put(dev.policysearch.corpus.schema.Fields.ISSUER, issuers);
    return filters;
  }

  public SearchRequest withPage(int page, int size) {
    return new SearchRequest(q, page, size, langs, types, themes, years, issuers, from, to, sort, groupPairs);
  }

  public SearchRequest withLangs(List<String> langs) {
    return new SearchRequest(q, page, size, langs, types, themes, years, issuers, from, to, sort, groupPairs);
  }
}
