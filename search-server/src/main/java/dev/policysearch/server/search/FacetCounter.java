package dev.policysearch.server.search;

import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.ThemeClassifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Counts, over all releases matching a search, the values of the facet fields: type, theme, year,
 * issuer and language. The per-field ordinal maps are built once per index generation.
 */
final class FacetCounter {

  /** API name of each facet and the field it counts, in the order the API returns them. */
  static final Map<String, String> FACETS = facets();

  /** Values listed per facet, the most frequent first. */
  static final int TOP = 20;

  private final ThemeClassifier themes;
  private final Map<IndexReader.CacheKey, Map<String, StringDocValuesReaderState>> states = new ConcurrentHashMap<>();

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
    Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
    for (var facet : FACETS.entrySet()) {
      StringDocValuesReaderState state = state(reader, facet.getValue());
      List<SearchResult.FacetValue> values = new ArrayList<>();
      if (state != null) {
        FacetResult result = new StringValueFacetCounts(state, collector).getTopChildren(TOP, facet.getValue());
        if (result != null) {
          for (LabelAndValue lv : result.labelValues) {
            values.add(
                new SearchResult.FacetValue(
                    lv.label, label(facet.getKey(), lv.label, true), label(facet.getKey(), lv.label, false), Math.round(lv.value.longValue() * scale)));
          }
        }
      }
      out.put(facet.getKey(), values);
    }
    return out;
  }

  private String label(String facet, String value, boolean chinese) {
    if (facet.equals("theme")) {
      return themes.theme(value).map(t -> chinese ? t.zh() : t.en()).orElse(null);
    }
    return null;
  }

  /** The ordinal map of a field for this reader, or null when no document has the field. */
  private StringDocValuesReaderState state(IndexReader reader, String field) throws IOException {
    boolean present = false;
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader().getFieldInfos().fieldInfo(field) != null) {
        present = true;
        break;
      }
    }
    if (!present) {
      return null;
    }
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    Map<String, StringDocValuesReaderState> perField =
        states.computeIfAbsent(
            helper.getKey(),
            key -> {
              helper.addClosedListener(states::remove);
              return new ConcurrentHashMap<>();
            });
    StringDocValuesReaderState state = perField.get(field);
    if (state == null) {
      state = new StringDocValuesReaderState(reader, field);
      perField.put(field, state);
    }
    return state;
  }
}
