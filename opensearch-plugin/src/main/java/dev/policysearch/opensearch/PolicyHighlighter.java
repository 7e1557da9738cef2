package dev.policysearch.opensearch;

import dev.policysearch.corpus.highlight.HighlightQuery;
import dev.policysearch.corpus.highlight.PassageHighlighter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.opensearch.core.common.text.Text;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.search.fetch.FetchSubPhase;
import org.opensearch.search.fetch.subphase.highlight.FieldHighlightContext;
import org.opensearch.search.fetch.subphase.highlight.HighlightField;
import org.opensearch.search.fetch.subphase.highlight.Highlighter;

/**
 * Highlighter {@code "type": "policy"}: our snippets, from the same code as the embedded index
 * ({@link PassageHighlighter} with {@link HighlightQuery}): the whole title, up to three sentence
 * passages of the body, best first, adjacent matches in one {@code <mark>}, the text HTML-escaped.
 * The text comes from the hit's source, match offsets from the shard's postings. Highlighting
 * options of the request (fragment size, tags, encoder) do not apply: the output is ours.
 */
final class PolicyHighlighter implements Highlighter {
  public static final String NAME = "policy";

  @Override
  public boolean canHighlight(MappedFieldType fieldType) {
    return true;
  }

  @Override
  public HighlightField highlight(FieldHighlightContext context) throws IOException {
    FetchSubPhase.HitContext hit = context.hitContext;
    String field = context.fieldName;
    Object text = hit.sourceLookup().extractValue(field, null);
    if (!(text instanceof String)) {
      return null;
    }
    IndexSearcher searcher = new IndexSearcher(hit.reader());
    PassageHighlighter highlighter =
        new PassageHighlighter(searcher, SharedAnalyzers.get().chineseBigrams(), (doc, fields) -> new CharSequence[] {(String) text});
    Object[] passages =
        highlighter.highlight(new String[] {field}, HighlightQuery.of(context.query, Set.of(field)), new int[] {hit.docId()}).get(field);
    if (!(passages[0] instanceof List<?> list) || list.isEmpty()) {
      return null;
    }
    Text[] fragments = list.stream().map(String.class::cast).filter(s -> !s.isEmpty()).map(Text::new).toArray(Text[]::new);
    return fragments.length == 0 ? null : new HighlightField(field, fragments);
  }

  static Map<String, Highlighter> all() {
    return Map.of(NAME, new PolicyHighlighter());
  }
}
