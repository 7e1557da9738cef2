package dev.policysearch.server.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers recently asked searches again without searching: the same request against the same
 * index generation has the same answer. People repeat searches (the page's own round trips,
 * going back, paging, the searches everyone makes on the day of a release), and a search that
 * counts and facets thousands of matches costs milliseconds where a lookup costs microseconds.
 *
 * <p>Entries belong to one generation: the first lookup under a new generation empties the
 * cache, so an answer never outlives the index it came from. Bounded by an estimate of the
 * memory its answers hold (least recently and least frequently used go first). A search that
 * timed out is not kept: its partial answer should not be repeated.
 */
public final class ResultCache {

  /** What {@code GET /metrics} shows of the cache. */
  public record Stats(long hits, long misses, long entries, long estimatedBytes) {}

  /** A request against one generation's reader (compared by identity, as readers are). */
  private record Key(Object reader, SearchRequest request) {}

  private final Cache<Key, SearchResult> cache;
  private final AtomicReference<Object> reader = new AtomicReference<>();

  /** @param maxMegabytes the memory its answers may take, by estimate; 0 turns the cache off */
  public ResultCache(int maxMegabytes) {
    this.cache =
        maxMegabytes <= 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(maxMegabytes * 1024L * 1024L)
                .weigher((Key key, SearchResult result) -> weight(key, result))
                .recordStats()
                .executor(Runnable::run)
                .build();
  }

  public boolean enabled() {
    return cache != null;
  }

  /**
   * The answer kept for this request on the generation read by {@code reader} (its cache key), or
   * null.
   */
  public SearchResult get(Object reader, SearchRequest request) {
    if (cache == null) {
      return null;
    }
    enter(reader);
    return cache.getIfPresent(new Key(reader, request));
  }

  public void put(Object reader, SearchRequest request, SearchResult result) {
    if (cache == null || result.timedOut() || this.reader.get() != reader) {
      return;
    }
    cache.put(new Key(reader, request), result);
  }

  /** Starts over when the index generation changes. */
  private void enter(Object current) {
    Object previous = reader.get();
    if (previous != current && reader.compareAndSet(previous, current)) {
      cache.invalidateAll();
    }
  }

  public Stats stats() {
    if (cache == null) {
      return new Stats(0, 0, 0, 0);
    }
    var s = cache.stats();
    long bytes = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new Stats(s.hitCount(), s.missCount(), cache.estimatedSize(), bytes);
  }

  /**
   * The memory an answer holds, roughly: two bytes a character of its text and a fixed amount
   * per object. Only the bound depends on it, not what is answered.
   */
  static int weight(Key key, SearchResult result) {
    long bytes = 256 + 2L * key.request().q().length();
    for (SearchHit hit : result.hits()) {
      bytes += weight(hit);
    }
    for (List<SearchResult.FacetValue> values : result.facets().values()) {
      for (SearchResult.FacetValue v : values) {
        bytes += 64 + 2L * (length(v.value()) + length(v.label()) + length(v.labelEn()));
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  private static long weight(SearchHit hit) {
    if (hit == null) {
      return 0;
    }
    long chars = length(hit.id()) + length(hit.title()) + length(hit.titleHtml()) + length(hit.lang()) + length(hit.date())
        + length(hit.type()) + length(hit.source()) + length(hit.issuer()) + length(hit.docNumber()) + length(hit.url())
        + length(hit.pairId()) + length(hit.translationOf());
    for (String s : hit.snippets()) {
      chars += length(s);
    }
    for (String s : hit.themes()) {
      chars += length(s);
    }
    return 512 + 2 * chars + weight(hit.pair());
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
