package dev.policysearch.server.search;

import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.query.PolicyQueryBuilder;
import dev.policysearch.corpus.query.UserQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Suggestions as the user types: policy-lexicon terms (Chinese) and glossary entries (English)
 * that begin with what was typed, then titles that contain it.
 */
public final class SuggestService {

  public static final int MAX_SUGGESTIONS = 10;
  private static final int TERMS = 4;

  private final PolicyLexicon lexicon;
  private final Glossary glossary;
  private final Titles titles;

  /** Titles of releases matching what was typed, best first: {title, id} pairs. */
  @FunctionalInterface
  interface Titles {
    List<String[]> matching(String typed, int limit) throws IOException;
  }

  SuggestService(PolicyLexicon lexicon, Glossary glossary, Titles titles) {
    this.lexicon = lexicon;
    this.glossary = glossary;
    this.titles = titles;
  }

  /** Titles from the embedded index, found by the title query the search itself would build. */
  static Titles embedded(IndexGenerations generations, PolicyQueryBuilder queries) {
    return (text, limit) -> {
      Query inTitle = queries.term(new UserQuery.Term(text, false, UserQuery.Scope.TITLE));
      if (inTitle == null) {
        return List.of();
      }
      IndexSearcher searcher = generations.acquire();
      try {
        TopDocs top = searcher.search(inTitle, limit);
        var stored = searcher.storedFields();
        List<String[]> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
          var doc = stored.document(sd.doc, Set.of(Fields.ID, Fields.TITLE_ZH_BIGRAM, Fields.TITLE_EN));
          String title = doc.get(Fields.TITLE_ZH_BIGRAM) != null ? doc.get(Fields.TITLE_ZH_BIGRAM) : doc.get(Fields.TITLE_EN);
          out.add(new String[] {title, doc.get(Fields.ID)});
        }
        return out;
      } finally {
        generations.release(searcher);
      }
    };
  }

  public List<Suggestion> suggest(String typed, int limit) throws IOException {
    String text = typed.strip();
    if (text.isEmpty()) {
      return List.of();
    }
    int max = Math.max(1, Math.min(limit, MAX_SUGGESTIONS));
    Set<String> seen = new LinkedHashSet<>();
    List<Suggestion> out = new ArrayList<>();
    for (String term : lexicon.termsStartingWith(text, Math.min(TERMS, max))) {
      if (seen.add(term)) {
        out.add(Suggestion.term(term));
      }
    }
    // English policy terms come from the glossary, the lexicon being Chinese.
    for (String term : glossary.englishStartingWith(text, Math.min(TERMS, max) - Math.min(out.size(), TERMS))) {
      if (seen.add(term)) {
        out.add(Suggestion.term(term));
      }
    }
    for (String[] found : titles.matching(text, max * 2)) {
      if (out.size() >= max) {
        break;
      }
      String title = found[0];
      if (title != null && !title.isBlank() && seen.add(title)) {
        out.add(Suggestion.title(title, found[1]));
      }
    }
    return out;
  }
}
