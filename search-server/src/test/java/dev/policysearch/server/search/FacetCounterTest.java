package dev.policysearch.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.ThemeClassifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The facet counts from values read once per index ({@link FacetOrdinals}) against Lucene's own
 * facet counting over the doc values, on indexes of several segments with values some documents
 * lack, several values per document and deleted documents.
 */
class FacetCounterTest {

  private static final String[] TYPES = {"speech", "conference", "policy", "report", "news"};

  @Test
  void countsAsLuceneCountsThem() throws IOException {
    FacetCounter counter = new FacetCounter(ThemeClassifier.bundled());
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      try (Directory dir = new ByteBuffersDirectory()) {
        write(dir, random);
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
          IndexSearcher searcher = new IndexSearcher(reader);
          for (Query query : List.of(new MatchAllDocsQuery(), new TermQuery(new Term("pick", "yes")), new TermQuery(new Term("pick", "none")))) {
            FacetsCollector matches = searcher.search(query, new FacetsCollectorManager());
            var ours = counter.count(reader, matches, 1);
            for (var facet : FacetCounter.FACETS.entrySet()) {
              assertEquals(lucenes(reader, facet.getValue(), matches), values(ours.get(facet.getKey())), "seed " + seed + ", " + query + ", " + facet.getKey());
            }
            // Twice: the second count reads the values kept from the first.
            assertEquals(ours, counter.count(reader, matches, 1));
          }
        }
      }
    }
  }

  @Test
  void aSampleIsScaledUp() throws IOException {
    try (Directory dir = new ByteBuffersDirectory()) {
      write(dir, new Random(7));
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        FacetsCollector matches = new IndexSearcher(reader).search(new MatchAllDocsQuery(), new FacetsCollectorManager());
        FacetCounter counter = new FacetCounter(ThemeClassifier.bundled());
        var once = counter.count(reader, matches, 1).get("type");
        var scaled = counter.count(reader, matches, 2.5).get("type");
        assertTrue(!once.isEmpty(), "the index has types");
        for (int i = 0; i < once.size(); i++) {
          assertEquals(Math.round(once.get(i).count() * 2.5), scaled.get(i).count());
        }
      }
    }
  }

  /** Documents in several segments; some lack a field, themes come several to a document. */
  private static void write(Directory dir, Random random) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      int docs = 50 + random.nextInt(400);
      for (int i = 0; i < docs; i++) {
        Document doc = new Document();
        doc.add(new StringField(Fields.ID, "r" + i, Field.Store.NO));
        doc.add(new StringField("pick", random.nextInt(3) == 0 ? "yes" : "no", Field.Store.NO));
        if (random.nextInt(10) > 0) {
          keyword(doc, Fields.TYPE, TYPES[random.nextInt(TYPES.length)]);
        }
        if (random.nextInt(4) > 0) {
          keyword(doc, Fields.YEAR, Integer.toString(2000 + random.nextInt(random.nextBoolean() ? 3 : 26)));
        }
        // Many issuers: more than the top 20 listed, with ties among the least counted.
        keyword(doc, Fields.ISSUER, "部门" + (char) ('甲' + random.nextInt(60)));
        keyword(doc, Fields.LANG, random.nextBoolean() ? "zh" : "en");
        int themes = random.nextInt(4);
        for (int t = 0; t < themes; t++) {
          keyword(doc, Fields.THEME, "theme-" + random.nextInt(12));
        }
        writer.addDocument(doc);
        if (random.nextInt(60) == 0) {
          writer.commit(); // a segment boundary
        }
      }
      for (int i = 0; i < docs / 10; i++) {
        writer.deleteDocuments(new Term(Fields.ID, "r" + random.nextInt(docs)));
      }
    }
  }

  private static void keyword(Document doc, String field, String value) {
    doc.add(new SortedSetDocValuesField(field, new org.apache.lucene.util.BytesRef(value)));
  }

  private static List<String> lucenes(DirectoryReader reader, String field, FacetsCollector matches) throws IOException {
    boolean present = reader.leaves().stream().anyMatch(leaf -> leaf.reader().getFieldInfos().fieldInfo(field) != null);
    List<String> out = new ArrayList<>();
    if (!present) {
      return out;
    }
    FacetResult result = new StringValueFacetCounts(new StringDocValuesReaderState(reader, field), matches).getTopChildren(FacetCounter.TOP, field);
    if (result != null) {
      for (LabelAndValue lv : result.labelValues) {
        out.add(lv.label + "=" + lv.value);
      }
    }
    return out;
  }

  private static List<String> values(List<SearchResult.FacetValue> values) {
    return values.stream().map(v -> v.value() + "=" + v.count()).toList();
  }
}
