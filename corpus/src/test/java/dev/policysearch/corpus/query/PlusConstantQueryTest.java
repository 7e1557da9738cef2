package dev.policysearch.corpus.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordination wrapper must score exactly as before (the wrapped score plus the constant)
 * and must let a top-k search skip: the same top hits with and without skipping, and fewer
 * documents visited with it.
 */
class PlusConstantQueryTest {

  private static Directory dir;
  private static DirectoryReader reader;
  private static IndexSearcher searcher;

  /** Words with falling frequency: w0 is in most documents, w9 in few. */
  @BeforeAll
  static void index() throws IOException {
    dir = new ByteBuffersDirectory();
    Random random = new Random(7);
    try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
      for (int d = 0; d < 20_000; d++) {
        StringBuilder title = new StringBuilder();
        StringBuilder body = new StringBuilder();
        int length = 5 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
          body.append('w').append((int) Math.min(9, Math.abs(random.nextGaussian() * 3))).append(' ');
        }
        if (random.nextInt(10) == 0) {
          title.append("w").append(random.nextInt(10)).append(" w").append(random.nextInt(10));
        }
        Document doc = new Document();
        doc.add(new TextField("title", title.toString(), Field.Store.NO));
        doc.add(new TextField("body", body.toString(), Field.Store.NO));
        writer.addDocument(doc);
      }
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    dir.close();
  }

  private static Query field(String word) {
    return new BooleanQuery.Builder()
        .add(new BoostQuery(new TermQuery(new Term("title", word)), 3f), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term("body", word)), BooleanClause.Occur.SHOULD)
        .build();
  }

  private static Query phrase(String a, String b) {
    return new PhraseQuery("body", a, b);
  }

  /** Queries shaped like the ranked query: coordinated clauses, each a max of weighted forms. */
  private static List<Query> queries() {
    List<Query> out = new ArrayList<>();
    out.add(new PlusConstantQuery(field("w0"), 1000f));
    out.add(
        new DisjunctionMaxQuery(
            List.of(new PlusConstantQuery(field("w1"), 1000f), new PlusConstantQuery(new BoostQuery(phrase("w1", "w2"), 0.3f), 500f)), 0f));
    BooleanQuery.Builder two = new BooleanQuery.Builder();
    two.add(new PlusConstantQuery(field("w0"), 1000f), BooleanClause.Occur.SHOULD);
    two.add(
        new DisjunctionMaxQuery(
            List.of(new PlusConstantQuery(field("w3"), 1000f), new PlusConstantQuery(new BoostQuery(field("w8"), 0.6f), 600f)), 0f),
        BooleanClause.Occur.SHOULD);
    out.add(two.build());
    BooleanQuery.Builder must = new BooleanQuery.Builder();
    must.add(new PlusConstantQuery(field("w2"), 1000f), BooleanClause.Occur.MUST);
    must.add(new PlusConstantQuery(field("w5"), 1000f), BooleanClause.Occur.SHOULD);
    out.add(must.build());
    return out;
  }

  @Test
  void topHitsAreTheSameWithAndWithoutSkipping() throws IOException {
    boolean skipped = false;
    for (Query q : queries()) {
      TopDocs all = searcher.search(q, new TopScoreDocCollectorManager(20, Integer.MAX_VALUE));
      TopDocs pruned = searcher.search(q, new TopScoreDocCollectorManager(20, 20));
      assertEquals(TotalHits.Relation.EQUAL_TO, all.totalHits.relation());
      assertEquals(all.scoreDocs.length, pruned.scoreDocs.length, q.toString());
      for (int i = 0; i < all.scoreDocs.length; i++) {
        assertEquals(all.scoreDocs[i].doc, pruned.scoreDocs[i].doc, q + " rank " + i);
        assertEquals(all.scoreDocs[i].score, pruned.scoreDocs[i].score, 0f, q + " rank " + i);
      }
      skipped |= pruned.totalHits.value() < all.totalHits.value();
    }
    assertTrue(skipped, "score bounds let at least one query skip documents");
  }

  @Test
  void scoresAreTheWrappedScorePlusTheConstant() throws IOException {
    Query inner = field("w4");
    TopDocs plain = searcher.search(inner, new TopScoreDocCollectorManager(50, Integer.MAX_VALUE));
    for (ScoreDoc sd : plain.scoreDocs) {
      float expected = (float) ((sd.score + 1000.0) * 2f);
      Query wrapped = new BoostQuery(new PlusConstantQuery(inner, 1000f), 2f);
      assertEquals(expected, searcher.explain(wrapped, sd.doc).getValue().floatValue(), 0f);
    }
    TopDocs wrapped = searcher.search(new BoostQuery(new PlusConstantQuery(inner, 1000f), 2f), new TopScoreDocCollectorManager(50, Integer.MAX_VALUE));
    // The sum is monotonic, so the ranked scores map one to one (documents whose scores differ
    // only below float precision of the sum may swap places, so ids are not compared).
    for (int i = 0; i < plain.scoreDocs.length; i++) {
      assertEquals((float) ((plain.scoreDocs[i].score + 1000.0) * 2f), wrapped.scoreDocs[i].score, 0f);
    }
  }

  @Test
  void countingIgnoresTheWrapper() throws IOException {
    Query inner = field("w6");
    assertEquals(searcher.count(inner), searcher.count(new PlusConstantQuery(inner, 1000f)));
  }
}
