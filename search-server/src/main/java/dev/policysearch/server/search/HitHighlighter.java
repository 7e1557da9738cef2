package dev.policysearch.server.search;

import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
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

  private static final String[] TITLE_FIELDS = {Fields.TITLE_ZH_BIGRAM, Fields.TITLE_EN};
  private static final String[] BODY_FIELDS = {Fields.BODY_ZH_BIGRAM, Fields.BODY_EN};

  private final Analyzer analyzer;

  HitHighlighter(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The highlighted title and passages of each hit of a page. */
  record Highlights(String[] titles, List<String>[] snippets) {}

  private static final String[] FIELDS = {Fields.TITLE_ZH_BIGRAM, Fields.TITLE_EN, Fields.BODY_ZH_BIGRAM, Fields.BODY_EN};
  private static final int[] MAX_PASSAGES = {1, 1, SNIPPETS, SNIPPETS};

  /**
   * Titles (whole, or null when a hit has none) and up to {@link #SNIPPETS} body passages, best
   * first, per hit in TopDocs order; all four fields in one pass over the query.
   */
  Highlights highlight(IndexSearcher searcher, Query query, TopDocs page) throws IOException {
    Map<String, Object[]> byField = highlighter(searcher).highlight(FIELDS, query, docIds(page), MAX_PASSAGES);
    String[] titles = new String[page.scoreDocs.length];
    @SuppressWarnings("unchecked")
    List<String>[] snippets = new List[page.scoreDocs.length];
    for (int i = 0; i < titles.length; i++) {
      titles[i] = first(byField, i);
      snippets[i] = List.of();
      for (String field : BODY_FIELDS) {
        Object value = byField.get(field)[i];
        if (value != null) {
          @SuppressWarnings("unchecked")
          List<String> passages = (List<String>) value;
          snippets[i] = passages.stream().filter(s -> !s.isEmpty()).toList();
          break;
        }
      }
    }
    return new Highlights(titles, snippets);
  }

  private static String first(Map<String, Object[]> byField, int i) {
    for (String field : TITLE_FIELDS) {
      Object value = byField.get(field)[i];
      if (value instanceof List<?> list && !list.isEmpty()) {
        return (String) list.get(0);
      }
    }
    return null;
  }

  private static int[] docIds(TopDocs page) {
    int[] ids = new int[page.scoreDocs.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = page.scoreDocs[i].doc;
    }
    return ids;
  }

  /**
   * Opens up the highlighter's per-passage results, which its public methods turn into strings,
   * and cuts titles whole but bodies into sentence-sized passages, best first.
   */
  private static final class PassageHighlighter extends UnifiedHighlighter {
    PassageHighlighter(Builder builder) {
      super(builder);
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
