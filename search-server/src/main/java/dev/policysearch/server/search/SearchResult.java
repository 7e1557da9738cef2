package dev.policysearch.server.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits, the number of matching releases and, per facet, the counts of its values.
 * {@code countsEstimated}: the total and the facet counts were estimated from a sample of the
 * index (very broad searches on a large index); the hits are always the exact best ones.
 * {@code cached}: the answer was kept from the same search on the same index generation.
 */
public record SearchResult(
    long total,
    List<SearchHit> hits,
    Map<String, List<FacetValue>> facets,
    long tookMillis,
    String generation,
    boolean timedOut,
    boolean countsEstimated,
    boolean cached) {

  /** This answer given again from the {@link ResultCache}, in {@code tookMillis}. */
  public SearchResult fromCache(long tookMillis) {
    return new SearchResult(total, hits, facets, tookMillis, generation, timedOut, countsEstimated, true);
  }

  /**
   * One value of a facet and how many matching releases have it; {@code label} (Chinese) and
   * {@code labelEn} name it for people where the value is an id (themes), else they are null.
   */
  public record FacetValue(String value, String label, String labelEn, long count) {}
}
