package dev.policysearch.server.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

/**
 * The values of one facet field for every document of an open index, read from its doc values
 * once: each distinct value gets a number in the values' sorted order (as Lucene's ordinals), and
 * each document the numbers of its values, in plain arrays indexed by the document's id in the
 * whole index. Counting a search's matches is then an array lookup per match, where reading the
 * doc values again decoded every match's values per search.
 *
 * <p>Memory: an int per document for a field of one value per document; an int per document and
 * one per value for a field of several (themes). 20 bytes per document for the five facets.
 */
final class FacetOrdinals {

  private static final int[] NONE = new int[0];

  /** The distinct values, sorted as bytes (the order of Lucene's ordinals). */
  private final BytesRef[] labels;

  /** With one value at most per document: its number, or -1; null otherwise. */
  private final int[] single;

  /** With several: the numbers of document d's values are {@code ords[starts[d], starts[d + 1])}. */
  private final int[] starts;

  private final int[] ords;

  private FacetOrdinals(BytesRef[] labels, int[] single, int[] starts, int[] ords) {
    this.labels = labels;
    this.single = single;
    this.starts = starts;
    this.ords = ords;
  }

  /** The values of {@code field} in {@code reader}, or null when no document has the field. */
  static FacetOrdinals read(IndexReader reader, String field) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    TreeSet<BytesRef> distinct = new TreeSet<>();
    boolean present = false;
    boolean multiValued = false;
    for (LeafReaderContext leaf : leaves) {
      if (leaf.reader().getFieldInfos().fieldInfo(field) == null) {
        continue;
      }
      present = true;
      SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field);
      for (long ord = 0; ord < values.getValueCount(); ord++) {
        distinct.add(BytesRef.deepCopyOf(values.lookupOrd(ord)));
      }
      // A segment whose documents have one value at most gives them as a single-valued view.
      multiValued |= DocValues.unwrapSingleton(values) == null;
    }
    if (!present) {
      return null;
    }
    BytesRef[] labels = distinct.toArray(BytesRef[]::new);
    int maxDoc = reader.maxDoc();
    int[] single = multiValued ? null : new int[maxDoc];
    int[] starts = multiValued ? new int[maxDoc + 1] : null;
    int[] ords = multiValued ? new int[Math.max(16, maxDoc)] : NONE;
    if (single != null) {
      Arrays.fill(single, -1);
    }
    int used = 0;
    for (LeafReaderContext leaf : leaves) {
      int[] global = globalOrds(leaf, field, labels);
      SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field);
      int next = leaf.docBase; // the next document whose start is not yet set
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        int id = leaf.docBase + doc;
        if (single != null) {
          single[id] = global[(int) values.nextOrd()];
          continue;
        }
        while (next <= id) {
          starts[next++] = used;
        }
        for (int k = 0, n = values.docValueCount(); k < n; k++) {
          if (used == ords.length) {
            ords = Arrays.copyOf(ords, ords.length + (ords.length >> 1));
          }
          ords[used++] = global[(int) values.nextOrd()];
        }
      }
      if (starts != null) {
        while (next < leaf.docBase + leaf.reader().maxDoc()) {
          starts[next++] = used;
        }
      }
    }
    if (starts != null) {
      starts[maxDoc] = used;
      ords = Arrays.copyOf(ords, used);
    }
    return new FacetOrdinals(labels, single, starts, ords);
  }

  /** The number of each of a segment's values among all {@code labels}. */
  private static int[] globalOrds(LeafReaderContext leaf, String field, BytesRef[] labels) throws IOException {
    SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field);
    int[] global = new int[(int) values.getValueCount()];
    for (int ord = 0; ord < global.length; ord++) {
      global[ord] = Arrays.binarySearch(labels, values.lookupOrd(ord));
    }
    return global;
  }

  /** How many distinct values the field has. */
  int size() {
    return labels.length;
  }

  /** Value number {@code ord}. */
  String label(int ord) {
    return labels[ord].utf8ToString();
  }

  /** Adds one to the count of each value of the document {@code doc} (an id in the whole index). */
  void count(int doc, int[] counts) {
    if (single != null) {
      int ord = single[doc];
      if (ord >= 0) {
        counts[ord]++;
      }
      return;
    }
    for (int k = starts[doc], end = starts[doc + 1]; k < end; k++) {
      counts[ords[k]]++;
    }
  }

  /** The numbers of the {@code top} values counted most, most first, ties in value order. */
  static List<Integer> top(int[] counts, int top) {
    List<Integer> counted = new ArrayList<>();
    for (int ord = 0; ord < counts.length; ord++) {
      if (counts[ord] > 0) {
        counted.add(ord);
      }
    }
    counted.sort((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b));
    return counted.size() > top ? counted.subList(0, top) : counted;
  }
}
