package dev.policysearch.corpus.query;

import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.query.UserQuery.Clause;
import dev.policysearch.corpus.query.UserQuery.Occur;
import dev.policysearch.corpus.query.UserQuery.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query is searched for besides the words as typed, for people to read: the lexicon's
 * equivalents of a term, its other wordings (paraphrases), and its forms in the other language
 * (glossary). The same forms {@link PolicyQueryBuilder} searches, from the same code.
 */
public final class Expansions {

  /** At most this many forms are listed for one term and kind. */
  public static final int MAX_FORMS = 8;

  /** The kinds of expansion, as the API names them. */
  public static final String EQUIVALENT = "equivalent";

  public static final String PARAPHRASE = "paraphrase";
  public static final String TRANSLATION = "translation";

  /** A term (or a piece of one, or English words of one glossary entry), the kind, its forms. */
  public record Expansion(String term, String kind, List<String> forms) {}

  private final QueryExpansion expansion;

  public Expansions(PolicyLexicon lexicon, Glossary glossary) {
    this.expansion = new QueryExpansion(lexicon, glossary);
  }

  /** The expansions of the query's terms, in the order of the terms; excluded terms have none. */
  public List<Expansion> of(UserQuery query) {
    Map<String, Expansion> out = new LinkedHashMap<>();
    for (Clause clause : query.clauses()) {
      if (clause.occur() == Occur.MUST_NOT) {
        continue;
      }
      for (Term term : clause.alternatives()) {
        String text = term.text();
        if (term.scope() != UserQuery.Scope.ALL || !PolicyQueryBuilder.hasHan(text)) {
          continue;
        }
        add(out, text, EQUIVALENT, PolicyQueryBuilder.withoutLongerForms(expansion.equivalentForms(text), text));
        if (!term.phrase()) {
          add(out, text, PARAPHRASE, PolicyQueryBuilder.withoutLongerForms(expansion.paraphrasedForms(text), null));
        }
        for (var segment : expansion.englishSegments(text)) {
          add(out, segment.chinese(), TRANSLATION, segment.english());
        }
      }
    }
    for (QueryExpansion.EnglishSpan span : expansion.englishSpans(query.clauses())) {
      add(out, span.words(), TRANSLATION, span.chinese());
    }
    return List.copyOf(out.values());
  }

  private static void add(Map<String, Expansion> out, String term, String kind, List<String> forms) {
    List<String> distinct = new ArrayList<>();
    for (String form : forms) {
      if (!form.equals(term) && !distinct.contains(form) && distinct.size() < MAX_FORMS) {
        distinct.add(form);
      }
    }
    if (!distinct.isEmpty()) {
      out.putIfAbsent(kind + "\u0000" + term, new Expansion(term, kind, List.copyOf(distinct)));
    }
  }
}
