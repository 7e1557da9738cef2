package dev.policysearch.server.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.FieldComparatorSource;
import org.apache.lucene.search.LeafFieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * Orders documents by a sorted doc-values field (the release id) as its bytes sort, like {@link
 * SortField.Type#STRING}, for breaking ties of score or date. Lucene's string comparator reads
 * the value's bytes from the terms dictionary every time a document enters the top list, whether
 * or not a tie ever needs them (4.6 % of a search in a profile); this one keeps the segment and
 * ordinal and reads the bytes only when documents of two segments must be compared. The sort
 * values it gives the hits ({@link Value}) read theirs when compared (when the hits of several
 * slices are merged) or shown. A document without the field sorts first.
 */
final class IdOrder extends FieldComparatorSource {

  /** A sort on {@code field} in this order. */
  static SortField on(String field) {
    return new SortField(field, new IdOrder());
  }

  @Override
  public FieldComparator<Value> newComparator(String field, int numHits, Pruning pruning, boolean reversed) {
    return new Comparator(field, numHits);
  }

  /**
   * A hit's sort value: the ordinal of its value in its segment, the bytes read when first
   * needed. Valid while the searcher's reader is open, as the hits it belongs to.
   */
  static final class Value implements Comparable<Value> {
    private final SortedDocValues segment;
    private final int ord;
    private BytesRef bytes;

    private Value(SortedDocValues segment, int ord, BytesRef bytes) {
      this.segment = segment;
      this.ord = ord;
      this.bytes = bytes;
    }

    BytesRef bytes() {
      if (bytes == null) {
        try {
          bytes = BytesRef.deepCopyOf(segment.lookupOrd(ord));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return bytes;
    }

    @Override
    public int compareTo(Value other) {
      return segment == other.segment ? Integer.compare(ord, other.ord) : bytes().compareTo(other.bytes());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Value v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
      return bytes().hashCode();
    }

    @Override
    public String toString() {
      return bytes().utf8ToString();
    }
  }

  private static final class Comparator extends FieldComparator<Value> {
    private final String field;

    /** Per slot: the segment (an index into {@link #segments}), the ordinal (-1: no value), the bytes once read. */
    private final int[] segmentOf;

    private final int[] ords;
    private final BytesRef[] values;

    /** The values of each segment visited, in the order visited, for reading bytes later. */
    private final List<SortedDocValues> segments = new ArrayList<>();

    private Value top;

    /** The slot of the last entry of the top list; kept across segments (only set on a change). */
    private int bottom = -1;

    Comparator(String field, int numHits) {
      this.field = field;
      this.segmentOf = new int[numHits];
      this.ords = new int[numHits];
      this.values = new BytesRef[numHits];
    }

    @Override
    public int compare(int slot1, int slot2) {
      if (segmentOf[slot1] == segmentOf[slot2]) {
        return Integer.compare(ords[slot1], ords[slot2]);
      }
      return compareBytes(bytes(slot1), bytes(slot2));
    }

    @Override
    public void setTopValue(Value value) {
      top = value;
    }

    @Override
    public Value value(int slot) {
      return ords[slot] < 0 ? null : new Value(segments.get(segmentOf[slot]), ords[slot], values[slot]);
    }

    /** The bytes of the value in {@code slot}, or null when it has none. */
    private BytesRef bytes(int slot) {
      if (ords[slot] < 0) {
        return null;
      }
      if (values[slot] == null) {
        try {
          values[slot] = BytesRef.deepCopyOf(segments.get(segmentOf[slot]).lookupOrd(ords[slot]));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return values[slot];
    }

    @Override
    public LeafFieldComparator getLeafComparator(LeafReaderContext context) throws IOException {
      SortedDocValues docValues = DocValues.getSorted(context.reader(), field);
      segments.add(docValues);
      return new Leaf(segments.size() - 1, docValues);
    }

    /** Bytes in order, no value first. */
    private static int compareBytes(BytesRef a, BytesRef b) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : -1) : 1;
      }
      return a.compareTo(b);
    }

    private final class Leaf implements LeafFieldComparator {
      private final int segment;
      private final SortedDocValues docValues;
      private int lastDoc = -1;
      private int lastOrd = -1;

      Leaf(int segment, SortedDocValues docValues) {
        this.segment = segment;
        this.docValues = docValues;
      }

      /** The ordinal of {@code doc}'s value, or -1; a document is often asked twice in a row. */
      private int ord(int doc) throws IOException {
        if (doc != lastDoc) {
          lastDoc = doc;
          lastOrd = docValues.advanceExact(doc) ? docValues.ordValue() : -1;
        }
        return lastOrd;
      }

      private BytesRef bytes(int ord) throws IOException {
        return ord < 0 ? null : docValues.lookupOrd(ord);
      }

      @Override
      public void setBottom(int slot) {
        bottom = slot;
      }

      @Override
      public int compareBottom(int doc) throws IOException {
        int ord = ord(doc);
        if (segmentOf[bottom] == segment) {
          return Integer.compare(ords[bottom], ord);
        }
        return compareBytes(Comparator.this.bytes(bottom), bytes(ord));
      }

      @Override
      public int compareTop(int doc) throws IOException {
        return compareBytes(top == null ? null : top.bytes(), bytes(ord(doc)));
      }

      @Override
      public void copy(int slot, int doc) throws IOException {
        segmentOf[slot] = segment;
        ords[slot] = ord(doc);
        values[slot] = null;
      }

      @Override
      public void setScorer(Scorable scorer) {}
    }
  }
}
