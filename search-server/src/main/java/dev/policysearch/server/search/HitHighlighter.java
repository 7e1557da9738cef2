package dev.policysearch.server.search;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.highlight.HighlightQuery;
import dev.policysearch.corpus.highlight.PassageHighlighter;
import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;

/**
 * Highlights the hits of one page of the embedded index with {@link PassageHighlighter}: the
 * hits of each language together, in their two shown fields, with only the query's terms and
 * phrases there ({@link HighlightQuery}). The stored documents it reads are kept for showing the
 * hits: reading one copies all of its stored bytes, for one field or all.
 */
final class HitHighlighter {

  static final int SNIPPETS = PassageHighlighter.SNIPPETS;
  static final int SNIPPET_CHARS = PassageHighlighter.SNIPPET_CHARS;

  private final Analyzer analyzer;

  HitHighlighter(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * The highlighted title and passages of each hit of a page, and the stored documents the
   * highlighter read (by doc id), so that showing the hits need not read them again.
   */
  record Highlights(String[] titles, List<String>[] snippets, Map<Integer, Document> documents) {}

  /**
   * Titles (whole, or null when a hit has none) and up to {@link #SNIPPETS} body passages, best
   * first, per hit in TopDocs order.
   */
  Highlights highlight(IndexSearcher searcher, Query query, TopDocs page) throws IOException {
    int n = page.scoreDocs.length;
    String[] titles = new String[n];
    @SuppressWarnings("unchecked")
    List<String>[] snippets = new List[n];
    Arrays.fill(snippets, List.of());
    Map<Integer, Document> documents = new HashMap<>();
    StoredFields stored = searcher.storedFields();
    PassageHighlighter highlighter =
        new PassageHighlighter(
            searcher,
            analyzer,
            (doc, fields) -> {
              Document document = documents.computeIfAbsent(doc, d -> read(stored, d));
              return Arrays.stream(fields).map(document::get).toArray(CharSequence[]::new);
            });
    Language[] languages = languagesOf(searcher, page);
    for (Language lang : Language.values()) {
      int[] positions = IntStream.range(0, n).filter(i -> languages[i] == lang).toArray();
      if (positions.length == 0) {
        continue;
      }
      String[] fields = {Fields.storedTitle(lang), Fields.storedBody(lang)};
      int[] docIds = Arrays.stream(positions).map(i -> page.scoreDocs[i].doc).toArray();
      Map<String, Object[]> byField = highlighter.highlight(fields, HighlightQuery.of(query, Set.of(fields)), docIds);
      for (int k = 0; k < positions.length; k++) {
        if (byField.get(fields[0])[k] instanceof List<?> title && !title.isEmpty()) {
          titles[positions[k]] = (String) title.get(0);
        }
        if (byField.get(fields[1])[k] instanceof List<?> passages) {
          snippets[positions[k]] = passages.stream().map(String.class::cast).filter(p -> !p.isEmpty()).toList();
        }
      }
    }
    return new Highlights(titles, snippets, documents);
  }

  /** Whether the query marks anything in the title of {@code doc}, a release in {@code lang}. */
  boolean titleMarked(IndexSearcher searcher, Query query, int doc, Language lang) throws IOException {
    String[] fields = {Fields.storedTitle(lang)};
    StoredFields stored = searcher.storedFields();
    String text = storedField(stored, doc, fields[0]);
    if (text == null || text.isEmpty()) {
      return false;
    }
    PassageHighlighter highlighter = new PassageHighlighter(searcher, analyzer, (d, names) -> new CharSequence[] {text});
    Object[] titles = highlighter.highlight(fields, HighlightQuery.of(query, Set.of(fields)), new int[] {doc}).get(fields[0]);
    return titles[0] instanceof List<?> title && !title.isEmpty() && OtherLanguagePick.marked((String) title.get(0));
  }

  /**
   * One stored field of a document, read without decoding the fields stored after it (the title
   * is stored before the body, which can run to 100,000 characters).
   */
  private static String storedField(StoredFields stored, int doc, String field) throws IOException {
    String[] value = new String[1];
    stored.document(
        doc,
        new StoredFieldVisitor() {
          @Override
          public Status needsField(FieldInfo info) {
            if (value[0] != null) {
              return Status.STOP;
            }
            return info.name.equals(field) ? Status.YES : Status.NO;
          }

          @Override
          public void stringField(FieldInfo info, String text) {
            value[0] = text;
          }
        });
    return value[0];
  }

  private static Document read(StoredFields stored, int doc) {
    try {
      return stored.document(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each hit's language, from the doc values of {@code lang} (Chinese where missing). */
  static Language[] languagesOf(IndexSearcher searcher, TopDocs page) throws IOException {
    Language[] out = new Language[page.scoreDocs.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int i = 0; i < out.length; i++) {
      int doc = page.scoreDocs[i].doc;
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), Fields.LANG);
      out[i] = Language.ZH;
      if (values.advanceExact(doc - leaf.docBase)) {
        out[i] = Language.fromCode(values.lookupOrd(values.nextOrd()).utf8ToString()).orElse(Language.ZH);
      }
    }
    return out;
  }
}
