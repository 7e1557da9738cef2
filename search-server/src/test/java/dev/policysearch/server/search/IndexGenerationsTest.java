package dev.policysearch.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.policysearch.corpus.schema.IndexLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warmers run on the generation in service and on each new one before it serves. */
class IndexGenerationsTest {

  @TempDir Path tmp;

  @Test
  void aWarmerSeesEveryGenerationBeforeItServes() throws IOException {
    IndexLayout layout = new IndexLayout(tmp);
    publish(layout, 3);
    try (IndexGenerations generations = IndexGenerations.open(layout)) {
      List<Integer> warmed = new ArrayList<>();
      generations.addWarmer(searcher -> warmed.add(searcher.getIndexReader().numDocs()));
      assertEquals(List.of(3), warmed, "the generation in service, at once");

      publish(layout, 5);
      generations.maybeRefreshBlocking();
      assertEquals(List.of(3, 5), warmed);
      IndexSearcher searcher = generations.acquire();
      try {
        assertEquals(5, searcher.getIndexReader().numDocs());
      } finally {
        generations.release(searcher);
      }
    }
  }

  @Test
  void aGenerationWhoseWarmerFailsIsNotServed() throws IOException {
    IndexLayout layout = new IndexLayout(tmp);
    publish(layout, 2);
    try (IndexGenerations generations = IndexGenerations.open(layout)) {
      generations.addWarmer(
          searcher -> {
            if (searcher.getIndexReader().numDocs() == 4) {
              throw new IOException("cannot warm");
            }
          });
      publish(layout, 4);
      assertThrows(IOException.class, generations::maybeRefreshBlocking);
      IndexSearcher searcher = generations.acquire();
      try {
        assertEquals(2, searcher.getIndexReader().numDocs(), "the old generation keeps serving");
      } finally {
        generations.release(searcher);
      }
    }
  }

  private static void publish(IndexLayout layout, int docs) throws IOException {
    Path generation = layout.newGeneration();
    try (FSDirectory dir = FSDirectory.open(generation);
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
      for (int i = 0; i < docs; i++) {
        Document doc = new Document();
        doc.add(new StringField("id", "d" + i, Field.Store.YES));
        writer.addDocument(doc);
      }
      writer.setLiveCommitData(Map.of(IndexLayout.SCHEMA_KEY, Integer.toString(IndexLayout.SCHEMA_VERSION)).entrySet());
      writer.commit();
    }
    layout.publish(generation);
  }
}
