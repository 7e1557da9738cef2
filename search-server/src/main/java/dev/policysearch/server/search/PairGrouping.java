package dev.policysearch.server.search;

import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreDoc;

/**
 * Folds a release and its other-language version into one result when both are among the
 * matches: the better-ranked one leads, the other rides along as its pair.
 */
final class PairGrouping {
  private PairGrouping() {}

  /** Groups in rank order; each is {leader} or {leader, pair}. */
  static List<ScoreDoc[]> group(IndexReader reader, ScoreDoc[] ranked) throws IOException {
    Map<String, Integer> groupById = new HashMap<>();
    List<List<ScoreDoc>> groups = new ArrayList<>();
    String[] ids = values(reader, ranked, Fields.ID);
    String[] pairIds = values(reader, ranked, Fields.PAIR_ID);
    for (int i = 0; i < ranked.length; i++) {
      ScoreDoc sd = ranked[i];
      String id = ids[i];
      String pairId = pairIds[i];
      Integer pairGroup = pairId == null ? null : groupById.get(pairId);
      if (pairGroup != null && groups.get(pairGroup).size() == 1) {
        groups.get(pairGroup).add(sd);
        continue;
      }
      groupById.put(id, groups.size());
      List<ScoreDoc> group = new ArrayList<>(2);
      group.add(sd);
      groups.add(group);
    }
    List<ScoreDoc[]> out = new ArrayList<>(groups.size());
    groups.forEach(g -> out.add(g.toArray(ScoreDoc[]::new)));
    return out;
  }

  /**
   * The values of a keyword doc-values field (id, pair_id) of {@code docs}, null where one has
   * none, in the order of {@code docs}: read in doc-id order with one reader of the field per
   * segment, instead of a reader made for each value.
   */
  static String[] values(IndexReader reader, ScoreDoc[] docs, String field) throws IOException {
    String[] out = new String[docs.length];
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a].doc, docs[b].doc));
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = null;
    SortedDocValues values = null;
    int previous = -1;
    for (int i : order) {
      int doc = docs[i].doc;
      if (previous >= 0 && docs[previous].doc == doc) {
        out[i] = out[previous]; // the same document twice: a doc-values reader only goes forward
        continue;
      }
      previous = i;
      if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        values = leaf.reader().getSortedDocValues(field);
      }
      if (values != null && values.advanceExact(doc - leaf.docBase)) {
        out[i] = values.lookupOrd(values.ordValue()).utf8ToString();
      }
    }
    return out;
  }
}
