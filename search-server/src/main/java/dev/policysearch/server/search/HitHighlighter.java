package dev.policysearch.server.search;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Highlights the hits of one page: the whole title, and the best sentence-sized passages of the
 * body. Match offsets come from the postings (indexed with offsets), so a 100,000-character law
 * costs what its matches cost, not what its length costs.
 */
final class HitHighlighter {

  static final int SNIPPETS = 3;
  static final int SNIPPET_CHARS = 120;

  private final Analyzer analyzer;

  HitHighlighter(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * The highlighted title and passages of each hit of a page, and the stored documents the
   * highlighter read (by doc id), so that showing the hits need not read them again.
   */
  record Highlights(String[] titles, List<String>[] snippets, Map<Integer, Document> documents) {}

  private static final int[] MAX_PASSAGES = {1, SNIPPETS};

  /**
   * Titles (whole, or null when a hit has none) and up to {@link #SNIPPETS} body passages, best
   * first, per hit in TopDocs order. The hits of each language are highlighted together, in their
   * two shown fields, with only the query's terms and phrases there ({@link HighlightQuery}).
   */
  Highlights highlight(IndexSearcher searcher, Query query, TopDocs page) throws IOException {
    int n = page.scoreDocs.length;
    String[] titles = new String[n];
    @SuppressWarnings("unchecked")
    List<String>[] snippets = new List[n];
    Arrays.fill(snippets, List.of());
    PassageHighlighter highlighter = highlighter(searcher);
    Language[] languages = languagesOf(searcher, page);
    for (Language lang : Language.values()) {
      int[] positions = IntStream.range(0, n).filter(i -> languages[i] == lang).toArray();
      if (positions.length == 0) {
        continue;
      }
      String[] fields = {Fields.storedTitle(lang), Fields.storedBody(lang)};
      int[] docIds = Arrays.stream(positions).map(i -> page.scoreDocs[i].doc).toArray();
      Map<String, Object[]> byField = highlighter.highlight(fields, HighlightQuery.of(query, Set.of(fields)), docIds, MAX_PASSAGES);
      for (int k = 0; k < positions.length; k++) {
        if (byField.get(fields[0])[k] instanceof List<?> title && !title.isEmpty()) {
          titles[positions[k]] = (String) title.get(0);
        }
        if (byField.get(fields[1])[k] instanceof List<?> passages) {
          snippets[positions[k]] = passages.stream().map(String.class::cast).filter(p -> !p.isEmpty()).toList();
        }
      }
    }
    return new Highlights(titles, snippets, highlighter.documents);
  }

  /** Each hit's language, from the doc values of {@code lang} (Chinese where missing). */
  private static Language[] languagesOf(IndexSearcher searcher, TopDocs page) throws IOException {
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

  /**
   * Opens up the highlighter's per-passage results, which its public methods turn into strings,
   * and cuts titles whole but bodies into sentence-sized passages, best first.
   */
  private static final class PassageHighlighter extends UnifiedHighlighter {
    /** Every document read for its text, whole: decompressing one costs the same for one field or all. */
    final Map<Integer, Document> documents = new HashMap<>();

    PassageHighlighter(Builder builder) {
      super(builder);
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold)
        throws IOException {
      List<CharSequence[]> values = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      long chars = 0;
      for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
        Document document = documents.computeIfAbsent(doc, d -> read(stored, d));
        CharSequence[] text = new CharSequence[fields.length];
        for (int f = 0; f < fields.length; f++) {
          text[f] = document.get(fields[f]);
          chars += text[f] == null ? 0 : text[f].length();
        }
        values.add(text);
        if (chars > cacheCharsThreshold) {
          break;
        }
      }
      return values;
    }

    private static Document read(StoredFields stored, int doc) {
      try {
        return stored.document(doc);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds, int[] maxPassages) throws IOException {
      return highlightFieldsAsObjects(fields, query, docIds, maxPassages);
    }

    private static boolean isTitle(String field) {
      return field.equals(Fields.TITLE_ZH_BIGRAM) || field.equals(Fields.TITLE_EN);
    }

    @Override
    protected BreakIterator getBreakIterator(String field) {
      return isTitle(field)
          ? new WholeBreakIterator()
          : LengthGoalBreakIterator.createClosestToLength(new SentenceBreakIterator(), SNIPPET_CHARS, 0.3f);
    }

    @Override
    protected Comparator<Passage> getPassageSortComparator(String field) {
      return isTitle(field) ? Comparator.comparingInt(Passage::getStartOffset) : BEST_FIRST;
    }
  }

  private PassageHighlighter highlighter(IndexSearcher searcher) {
    return new PassageHighlighter(
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new MarkFormatter())
            .withHighlightPhrasesStrictly(true)
            .withMaxLength(Integer.MAX_VALUE - 1));
  }

  private static final Comparator<Passage> BEST_FIRST =
      Comparator.comparingDouble(Passage::getScore).reversed().thenComparingInt(Passage::getStartOffset);
}
