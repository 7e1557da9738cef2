package dev.policysearch.server.search;

import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.ThemeClassifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * Counts, over all releases matching a search, the values of the facet fields: type, theme, year,
 * issuer and language, from each document's values read once per index generation
 * ({@link FacetOrdinals}).
 */
final class FacetCounter {

  /** API name of each facet and the field it counts, in the order the API returns them. */
  static final Map<String, String> FACETS = facets();

  /** Values listed per facet, the most frequent first. */
  static final int TOP = 20;

  private final ThemeClassifier themes;
  private final Map<IndexReader.CacheKey, FacetOrdinals[]> ordinals = new ConcurrentHashMap<>();

  FacetCounter(ThemeClassifier themes) {
    this.themes = themes;
  }

  private static Map<String, String> facets() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("type", Fields.TYPE);
    m.put("theme", Fields.THEME);
    m.put("year", Fields.YEAR);
    m.put("issuer", Fields.ISSUER);
    m.put("lang", Fields.LANG);
    return m;
  }

  /** Every facet with no values, for a search that matched nothing. */
  Map<String, List<SearchResult.FacetValue>> empty() {
    Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
    FACETS.keySet().forEach(name -> out.put(name, List.of()));
    return out;
  }

  /**
   * @param scale each count is multiplied by this and rounded (1 for exact counts; more when
   *     {@code collector} holds a sample of the matches)
   */
  Map<String, List<SearchResult.FacetValue>> count(IndexReader reader, FacetsCollector collector, double scale) throws IOException {
    FacetOrdinals[] ordinals = ordinals(reader);
    int[][] counts = new int[ordinals.length][];
    for (int f = 0; f < ordinals.length; f++) {
      counts[f] = ordinals[f] == null ? null : new int[ordinals[f].size()];
    }
    // One pass over the matches for all the facets.
    for (FacetsCollector.MatchingDocs matching : collector.getMatchingDocs()) {
      if (matching.totalHits() == 0) {
        continue;
      }
      DocIdSetIterator docs = matching.bits().iterator();
      int base = matching.context().docBase;
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        for (int f = 0; f < ordinals.length; f++) {
          if (ordinals[f] != null) {
            ordinals[f].count(base + doc, counts[f]);
          }
        }
      }
    }
    Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
    int f = 0;
    for (String facet : FACETS.keySet()) {
      List<SearchResult.FacetValue> values = new ArrayList<>();
      if (ordinals[f] != null) {
        for (int ord : FacetOrdinals.top(counts[f], TOP)) {
          String value = ordinals[f].label(ord);
          values.add(new SearchResult.FacetValue(value, label(facet, value, true), label(facet, value, false), Math.round(counts[f][ord] * scale)));
        }
      }
      out.put(facet, values);
      f++;
    }
    return out;
  }

  private String label(String facet, String value, boolean chinese) {
    if (facet.equals("theme")) {
      return themes.theme(value).map(t -> chinese ? t.zh() : t.en()).orElse(null);
    }
    return null;
  }

  /**
   * Reads the facet values of {@code reader} now, so that its first search does not (about 0.8 s
   * on a million releases); a warmer of each index generation ({@link IndexGenerations}).
   */
  void prepare(IndexReader reader) throws IOException {
    ordinals(reader);
  }

  /**
   * The values of each facet field in this reader (in {@link #FACETS} order; null for a field no
   * document has), read once per open index: when the generation is warmed, or else by its first
   * search.
   */
  private FacetOrdinals[] ordinals(IndexReader reader) throws IOException {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    FacetOrdinals[] kept = ordinals.get(helper.getKey());
    if (kept != null) {
      return kept;
    }
    FacetOrdinals[] read = new FacetOrdinals[FACETS.size()];
    int f = 0;
    for (String field : FACETS.values()) {
      read[f++] = FacetOrdinals.read(reader, field);
    }
    if (ordinals.putIfAbsent(helper.getKey(), read) == null) {
      helper.addClosedListener(ordinals::remove);
    }
    return ordinals.get(helper.getKey());
  }
}
