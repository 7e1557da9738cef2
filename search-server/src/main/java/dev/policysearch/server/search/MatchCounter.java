package dev.policysearch.server.search;

import dev.policysearch.corpus.query.MatchingForm;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * Decides whether a search's total and facet counts may be estimated, and estimates them.
 *
 * <p>Counting is exact unless the index is large and the search very broad. On an index of at
 * least five times the exact limit, a search whose matches could reach the limit is first run over an
 * even sample of the index: one window of documents in every {@link #STRIDE}, across all
 * segments, so old and new releases are sampled alike. If the sample says the search matches at
 * least the limit, its total and facet counts are the sample's, scaled up, and marked as
 * estimates, and the ranking need not visit every match ({@code SearchService}). Otherwise the
 * search is counted exactly, at the cost of the sample (a sixteenth of the work) more.
 */
final class MatchCounter {

  /** Only an index of at least this many times the exact limit is ever sampled. */
  static final int SAMPLED_INDEX_FACTOR = 5;

  /** One window in this many is sampled. */
  static final int STRIDE = 16;

  /** Windows are at most this long (postings stay sequential) and each sample has 32 or more. */
  static final int MAX_WINDOW = 4_096;

  static final int MIN_WINDOW = 64;

  /**
   * @param collector the matches (all, or the sample's) for facet counting
   * @param total matching releases, exact or estimated
   * @param scale what a count over {@code collector} is multiplied by: 1 when exact
   * @param timedOut the sample was cut short by the search's time limit
   */
  record Counted(FacetsCollector collector, long total, boolean exact, double scale, boolean timedOut) {}

  private final int exactLimit;

  /** @param exactLimit searches matching fewer releases than this are always counted exactly */
  MatchCounter(int exactLimit) {
    this.exactLimit = exactLimit;
  }

  /**
   * The sample's estimate when the search is broad (on an index of at least five times the exact
   * limit, the sample says it matches at least the limit); null when it must be counted exactly.
   */
  Counted estimate(IndexSearcher searcher, Query query, QueryTimeout timeout) throws IOException {
    int maxDoc = searcher.getIndexReader().maxDoc();
    if (maxDoc < (long) exactLimit * SAMPLED_INDEX_FACTOR) {
      return null;
    }
    // Without the query cache: it would fill itself by evaluating the whole query on every
    // segment, which is the very work the sample is there to avoid.
    IndexSearcher uncached = new IndexSearcher(searcher.getIndexReader());
    uncached.setQueryCache(null);
    // Only what decides the matches: clauses that only score would still have their terms looked
    // up in every segment before Lucene set them aside.
    Weight weight = uncached.createWeight(uncached.rewrite(MatchingForm.of(query)), ScoreMode.COMPLETE_NO_SCORES, 1f);
    // One scorer supplier per segment: its cost decides whether to sample, then it samples.
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    ScorerSupplier[] suppliers = new ScorerSupplier[leaves.size()];
    long cost = 0;
    for (LeafReaderContext leaf : leaves) {
      suppliers[leaf.ord] = weight.scorerSupplier(leaf);
      if (suppliers[leaf.ord] != null) {
        cost += suppliers[leaf.ord].cost();
      }
    }
    if (cost < exactLimit) {
      return null;
    }
    int window = Math.clamp(maxDoc / (STRIDE * 32L), MIN_WINDOW, MAX_WINDOW);
    FacetsCollector sample = new FacetsCollector(false);
    long sampledDocs = 0;
    long sampledMatches = 0;
    boolean timedOut = false;
    // Window i (over the whole index) is sampled when i % STRIDE == STRIDE / 2: the middle of
    // each run of windows, so the first segment's oldest releases are not over-represented.
    for (LeafReaderContext leaf : leaves) {
      int leafMax = leaf.reader().maxDoc();
      BulkScorer scorer = suppliers[leaf.ord] == null ? null : suppliers[leaf.ord].bulkScorer();
      LeafCollector collector = sample.getLeafCollector(leaf);
      long firstWindow = leaf.docBase / window;
      long lastWindow = (leaf.docBase + (long) leafMax - 1) / window;
      for (long w = firstWindow; w <= lastWindow; w++) {
        if (w % STRIDE != STRIDE / 2) {
          continue;
        }
        int from = (int) Math.max(0, w * window - leaf.docBase);
        int to = (int) Math.min(leafMax, (w + 1) * window - leaf.docBase);
        sampledDocs += to - from;
        if (scorer != null) {
          scorer.score(collector, leaf.reader().getLiveDocs(), from, to);
        }
        if (timeout.shouldExit()) {
          timedOut = true;
          break;
        }
      }
      collector.finish();
      if (timedOut) {
        break;
      }
    }
    for (FacetsCollector.MatchingDocs docs : sample.getMatchingDocs()) {
      sampledMatches += docs.totalHits();
    }
    double scale = sampledDocs == 0 ? 0 : (double) maxDoc / sampledDocs;
    long estimate = Math.round(sampledMatches * scale);
    if (!timedOut && (sampledDocs == 0 || estimate < exactLimit)) {
      return null;
    }
    return new Counted(sample, estimate, false, scale, timedOut);
  }

  /** The exact count of matches gathered in full. */
  static Counted exact(FacetsCollector all) {
    long total = 0;
    for (FacetsCollector.MatchingDocs docs : all.getMatchingDocs()) {
      total += docs.totalHits();
    }
    return new Counted(all, total, true, 1, false);
  }
}
