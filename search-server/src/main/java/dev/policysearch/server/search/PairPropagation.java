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
    ScoreDoc[] matches = ranked.scoreDocs;
    Map<Integer, Float> scores = new HashMap<>();
    for (ScoreDoc sd : matches) {
      scores.put(sd.doc, sd.score);
    }
    // Per translation wanted (by its id): the share of the best original's score, and that original.
    String[] pairIds = PairGrouping.values(reader, matches, Fields.PAIR_ID);
    Map<String, Float> wanted = new HashMap<>();
    Map<String, ScoreDoc> source = new HashMap<>();
    for (int i = 0; i < matches.length; i++) {
      String pair = pairIds[i];
      float share = matches[i].score * SHARE;
      if (pair != null && (!wanted.containsKey(pair) || wanted.get(pair) < share)) {
        wanted.put(pair, share);
        source.put(pair, matches[i]);
      }
    }
    Map<Integer, String> translationOf = new HashMap<>();
    if (wanted.isEmpty()) {
      return new Ranking(truncate(reader, matches, ranked.totalHits, window), translationOf);
    }
    List<BytesRef> ids = wanted.keySet().stream().map(BytesRef::new).toList();
    BooleanQuery.Builder lookup = new BooleanQuery.Builder().add(new TermInSetQuery(Fields.ID, ids), BooleanClause.Occur.MUST);
    filters.forEach(f -> lookup.add(f, BooleanClause.Occur.FILTER));
    ScoreDoc[] found = searcher.search(lookup.build(), wanted.size()).scoreDocs;
    String[] foundIds = PairGrouping.values(reader, found, Fields.ID);
    // Translations not among the query's own matches are listed as translations of their original.
    List<ScoreDoc> translations = new ArrayList<>();
    List<ScoreDoc> originals = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      float propagated = wanted.get(foundIds[i]);
      Float own = scores.get(found[i].doc);
      if (own == null) {
        translations.add(found[i]);
        originals.add(source.get(foundIds[i]));
      }
      if (own == null || own < propagated) {
        scores.put(found[i].doc, propagated);
      }
    }
    String[] originalIds = PairGrouping.values(reader, originals.toArray(ScoreDoc[]::new), Fields.ID);
    for (int i = 0; i < originalIds.length; i++) {
      translationOf.put(translations.get(i).doc, originalIds[i]);
    }
    List<ScoreDoc> merged = new ArrayList<>(scores.size());
    scores.forEach((doc, score) -> merged.add(new ScoreDoc(doc, score)));
    return new Ranking(truncate(reader, merged.toArray(ScoreDoc[]::new), ranked.totalHits, window), translationOf);
  }

  /**
   * The best {@code window} of {@code docs}: best first, equal scores by id, as the search orders
   * them ({@code SearchService.RANKING}). Ids are read only for documents in a tie.
   */
  private static TopDocs truncate(IndexReader reader, ScoreDoc[] docs, TotalHits total, int window) throws IOException {
    ScoreDoc[] sorted = docs.clone();
    Map<Float, Integer> perScore = new HashMap<>();
    for (ScoreDoc sd : sorted) {
      perScore.merge(sd.score, 1, Integer::sum);
    }
    ScoreDoc[] tied = Arrays.stream(sorted).filter(sd -> perScore.get(sd.score) > 1).toArray(ScoreDoc[]::new);
    String[] tiedIds = PairGrouping.values(reader, tied, Fields.ID);
    Map<Integer, String> ids = new HashMap<>();
    for (int i = 0; i < tied.length; i++) {
      ids.put(tied[i].doc, tiedIds[i]);
    }
    Arrays.sort(sorted, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : compareIds(ids.get(a.doc), ids.get(b.doc)));
    ScoreDoc[] top = sorted.length > window ? Arrays.copyOf(sorted, window) : sorted;
    return new TopDocs(total, top);
  }

  /** Ids in order, a document without one first (as the search's tie-break orders them). */
  private static int compareIds(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }
}
