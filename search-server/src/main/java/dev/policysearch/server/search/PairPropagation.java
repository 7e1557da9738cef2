package dev.policysearch.server.search;

import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;

/**
 * The translation of a relevant release is relevant too: for each of the best matches that has
 * an other-language version ({@code pair_id}), that version joins the ranking with {@link #SHARE}
 * of its original's score, unless it scores higher as a match of its own. It then sits just
 * after the releases that match as well as its original, before those that match less, so an
 * English query about a press conference finds the Chinese transcript too, and a Chinese query the
 * English version. Filters still apply to the translations brought in.
 */
final class PairPropagation {

  /** Share of its original's score a translation gets. */
  static final float SHARE = 0.95f;

  private PairPropagation() {}

  /**
   * The ranking with translations: {@code top} in rank order, and for each document listed only
   * as a translation, the id of the release it translates. The total stays that of the query's
   * own matches (as the facets count them), whatever page is asked for.
   */
  record Ranking(TopDocs top, Map<Integer, String> translationOf) {}

  /**
   * {@code ranked}: the query's own best matches, at least twice {@code window} deep where there
   * are that many; returns the best {@code window} of them and their translations.
   */
  static Ranking apply(IndexSearcher searcher, List<Query> filters, TopDocs ranked, int window) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    Map<Integer, Float> scores = new HashMap<>();
    for (ScoreDoc sd : ranked.scoreDocs) {
      scores.put(sd.doc, sd.score);
    }
    Map<String, Float> wanted = new HashMap<>();
    Map<String, String> source = new HashMap<>();
    for (ScoreDoc sd : ranked.scoreDocs) {
      String pair = PairGrouping.value(reader, sd.doc, Fields.PAIR_ID);
      if (pair != null && (!wanted.containsKey(pair) || wanted.get(pair) < sd.score * SHARE)) {
        wanted.put(pair, sd.score * SHARE);
        source.put(pair, PairGrouping.value(reader, sd.doc, Fields.ID));
      }
    }
    Map<Integer, String> translationOf = new HashMap<>();
    if (wanted.isEmpty()) {
      return new Ranking(truncate(reader, ranked.scoreDocs, ranked.totalHits, window), translationOf);
    }
    List<BytesRef> ids = wanted.keySet().stream().map(BytesRef::new).toList();
    BooleanQuery.Builder lookup = new BooleanQuery.Builder().add(new TermInSetQuery(Fields.ID, ids), BooleanClause.Occur.MUST);
    filters.forEach(f -> lookup.add(f, BooleanClause.Occur.FILTER));
    for (ScoreDoc found : searcher.search(lookup.build(), wanted.size()).scoreDocs) {
      String id = PairGrouping.value(reader, found.doc, Fields.ID);
      float propagated = wanted.get(id);
      Float own = scores.get(found.doc);
      if (own == null) {
        translationOf.put(found.doc, source.get(id));
      }
      if (own == null || own < propagated) {
        scores.put(found.doc, propagated);
      }
    }
    List<ScoreDoc> merged = new ArrayList<>(scores.size());
    scores.forEach((doc, score) -> merged.add(new ScoreDoc(doc, score)));
    return new Ranking(truncate(reader, merged.toArray(ScoreDoc[]::new), ranked.totalHits, window), translationOf);
  }

  private static TopDocs truncate(IndexReader reader, ScoreDoc[] docs, TotalHits total, int window) throws IOException {
    ScoreDoc[] sorted = docs.clone();
    Map<Integer, String> ids = new HashMap<>();
    for (ScoreDoc sd : sorted) {
      ids.put(sd.doc, PairGrouping.value(reader, sd.doc, Fields.ID));
    }
    // Best first; equal scores by id, as the search orders them (SearchService.RANKING).
    Arrays.sort(sorted, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : ids.get(a.doc).compareTo(ids.get(b.doc)));
    ScoreDoc[] top = sorted.length > window ? Arrays.copyOf(sorted, window) : sorted;
    return new TopDocs(total, top);
  }
}
