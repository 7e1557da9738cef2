package dev.policysearch.server.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The ids and pair ids of a search's hits, read together in doc-id order, come back in the hits'
 * own order: over several segments, in any order, with a document listed twice and documents
 * without a pair id.
 */
class PairGroupingTest {

  @Test
  void readsTheValuesOfHitsInTheirOwnOrder() throws IOException {
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
        for (int i = 0; i < 60; i++) {
          Document doc = new Document();
          doc.add(new SortedDocValuesField(Fields.ID, new BytesRef("doc-" + i)));
          if (i % 3 != 0) {
            doc.add(new SortedDocValuesField(Fields.PAIR_ID, new BytesRef("pair-" + i)));
          }
          writer.addDocument(doc);
          if (i % 25 == 24) {
            writer.commit(); // another segment
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertEquals(3, reader.leaves().size());
        for (long seed = 1; seed <= 20; seed++) {
          Random random = new Random(seed);
          List<Integer> docs = new ArrayList<>();
          for (int i = 0; i < 60; i++) {
            docs.add(i);
          }
          Collections.shuffle(docs, random);
          List<Integer> hits = new ArrayList<>(docs.subList(0, 1 + random.nextInt(40)));
          hits.add(random.nextInt(hits.size()), hits.get(random.nextInt(hits.size()))); // one twice
          ScoreDoc[] ranked = hits.stream().map(d -> new ScoreDoc(d, 1f)).toArray(ScoreDoc[]::new);
          String[] ids = hits.stream().map(d -> "doc-" + d).toArray(String[]::new);
          String[] pairIds = hits.stream().map(d -> d % 3 == 0 ? null : "pair-" + d).toArray(String[]::new);
          assertArrayEquals(ids, PairGrouping.values(reader, ranked, Fields.ID), "seed " + seed);
          assertArrayEquals(pairIds, PairGrouping.values(reader, ranked, Fields.PAIR_ID), "seed " + seed);
        }
        assertArrayEquals(new String[0], PairGrouping.values(reader, new ScoreDoc[0], Fields.ID));
        assertArrayEquals(new String[] {null}, PairGrouping.values(reader, new ScoreDoc[] {new ScoreDoc(0, 1f)}, "no_such_field"));
      }
    }
  }
}
