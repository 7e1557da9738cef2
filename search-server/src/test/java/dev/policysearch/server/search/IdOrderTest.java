package dev.policysearch.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * Ties broken by {@link IdOrder} come out as Lucene's string sort orders them: by score (many
 * equal) or by date, then by id, over several segments, with documents lacking an id, and with
 * the segments searched in slices on several threads and merged.
 */
class IdOrderTest {

  @Test
  void ordersTiesAsTheStringSort() throws IOException {
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      for (long seed = 1; seed <= 30; seed++) {
        Random random = new Random(seed);
        try (Directory dir = new ByteBuffersDirectory()) {
          write(dir, random);
          try (DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher plain = new IndexSearcher(reader);
            IndexSearcher sliced =
                new IndexSearcher(reader, threads) {
                  @Override
                  protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                    return slices(leaves, 1, 1, false); // a slice per segment
                  }
                };
            Query query =
                new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("body", "a")), BooleanClause.Occur.SHOULD)
                    .add(new TermQuery(new Term("body", "b")), BooleanClause.Occur.SHOULD)
                    .build();
            for (int hits : new int[] {1, 3, 10, 40, 1000}) {
              for (SortField first : List.of(SortField.FIELD_SCORE, new SortField("days", SortField.Type.INT, true))) {
                Sort stock = new Sort(first, new SortField("id", SortField.Type.STRING));
                Sort ours = new Sort(first, IdOrder.on("id"));
                String context = "seed " + seed + ", " + hits + " hits, by " + first;
                List<String> expected = ids(reader, plain.search(query, new TopFieldCollectorManager(stock, hits, null, Integer.MAX_VALUE)));
                assertEquals(expected, ids(reader, plain.search(query, new TopFieldCollectorManager(ours, hits, null, Integer.MAX_VALUE))), context);
                assertEquals(expected, ids(reader, sliced.search(query, new TopFieldCollectorManager(ours, hits, null, Integer.MAX_VALUE))), context + ", sliced");
              }
            }
          }
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void sortValuesReadTheirIdWhenShown() throws IOException {
    try (Directory dir = new ByteBuffersDirectory()) {
      write(dir, new Random(3));
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        TopDocs top = searcher.search(new TermQuery(new Term("body", "a")), new TopFieldCollectorManager(new Sort(SortField.FIELD_SCORE, IdOrder.on("id")), 20, null, Integer.MAX_VALUE));
        for (ScoreDoc sd : top.scoreDocs) {
          Object value = ((FieldDoc) sd).fields[1];
          assertEquals(idOf(reader, sd.doc), value == null ? null : value.toString());
        }
      }
    }
  }

  /** Documents with few distinct scores, ids in random order, in several segments. */
  private static void write(Directory dir, Random random) throws IOException {
    int docs = 20 + random.nextInt(300);
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < docs; i++) {
      numbers.add(i);
    }
    Collections.shuffle(numbers, random);
    try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
      for (int i = 0; i < docs; i++) {
        Document doc = new Document();
        String id = "rel-" + Integer.toString(numbers.get(i), 7);
        if (random.nextInt(25) > 0) {
          doc.add(new StringField("id", id, Field.Store.YES));
          doc.add(new SortedDocValuesField("id", new BytesRef(id)));
        }
        // The same few bodies over and over: scores tie in groups.
        doc.add(new TextField("body", new String[] {"a", "a b", "b", "a a", "c"}[random.nextInt(5)], Field.Store.NO));
        doc.add(new NumericDocValuesField("days", random.nextInt(4)));
        writer.addDocument(doc);
        if (random.nextInt(30) == 0) {
          writer.commit();
        }
      }
    }
  }

  private static List<String> ids(DirectoryReader reader, TopDocs top) throws IOException {
    return Arrays.stream(top.scoreDocs).map(sd -> sd.doc + ":" + idOf(reader, sd.doc)).toList();
  }

  private static String idOf(DirectoryReader reader, int doc) {
    try {
      return reader.storedFields().document(doc).get("id");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
