package dev.policysearch.corpus.query;

import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.query.UserQuery;
import dev.policysearch.corpus.query.UserQuery.Clause;
import dev.policysearch.corpus.query.UserQuery.Occur;
import dev.policysearch.corpus.query.UserQuery.Term;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The other forms a query's terms are also looked for in: lexicon equivalents (工信部 for
 * 工业和信息化部) and, for English words, the Chinese forms of glossary entries. Only strings here;
 * {@link PolicyQueryBuilder} turns them into queries.
 */
final class QueryExpansion {

  /** At most this many equivalent forms are tried for one term. */
  static final int MAX_VARIANTS = 8;

  private final PolicyLexicon lexicon;
  private final Glossary glossary;

  QueryExpansion(PolicyLexicon lexicon, Glossary glossary) {
    this.lexicon = lexicon;
    this.glossary = glossary;
  }

  /**
   * The term with one lexicon form replaced by each of its equivalents (十八大 -> 党的第十八次全国代表大会),
   * longest forms first.
   */
  List<String> equivalentForms(String text) {
    return replaced(text, lexicon.longestTerm(), lexicon::equivalents);
  }

  /**
   * The term with one wording replaced by each of its paraphrases (卖地收入 -> 土地出让收入), longest
   * wordings first.
   */
  List<String> paraphrasedForms(String text) {
    return replaced(text, lexicon.longestParaphrase(), lexicon::paraphrases);
  }

  /**
   * Variants of {@code text}, each with one substring replaced by one of its {@code others},
   * scanning from the left for the longest substring that has any; at most {@link #MAX_VARIANTS}.
   */
  private static List<String> replaced(String text, int longestForm, java.util.function.Function<String, List<String>> others) {
    String folded = dev.policysearch.corpus.analysis.ChineseFolding.fold(text);
    List<String> variants = new ArrayList<>();
    int longest = Math.min(longestForm, folded.length());
    for (int start = 0; start < folded.length() && variants.size() < MAX_VARIANTS; start++) {
      for (int len = Math.min(longest, folded.length() - start); len >= 2; len--) {
        String form = folded.substring(start, start + len);
        List<String> alternatives = others.apply(form);
        if (!alternatives.isEmpty()) {
          for (String alternative : alternatives) {
            if (variants.size() < MAX_VARIANTS) {
              variants.add(folded.substring(0, start) + alternative + folded.substring(start + len));
            }
          }
          start += len - 1;
          break;
        }
      }
    }
    return variants;
  }

  /**
   * The Chinese forms of English glossary entries in the query, per clause they cover. An entry
   * may span several clauses ("press conference" is two words, one entry: 记者会): a Chinese
   * release with 记者会 then counts as matching both.
   */
  Map<Clause, List<String>> chineseForEnglishWords(List<Clause> clauses) {
    Map<Clause, List<String>> out = new IdentityHashMap<>();
    List<Clause> run = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (Clause clause : clauses) {
      Term term = clause.alternatives().get(0);
      boolean english =
          clause.occur() != Occur.MUST_NOT && clause.alternatives().size() == 1 && term.scope() == UserQuery.Scope.ALL && isEnglish(term.text());
      if (english && !term.phrase()) {
        run.add(clause);
        words.add(term.text());
        continue;
      }
      addSpans(run, words, out);
      run.clear();
      words.clear();
      if (english) {
        List<String> phraseWords = List.of(term.text().split(" +"));
        for (Glossary.Span span : glossary.findEnglish(phraseWords)) {
          if (span.from() == 0 && span.to() == phraseWords.size()) {
            out.put(clause, span.chinese());
          }
        }
      }
    }
    addSpans(run, words, out);
    return out;
  }

  private void addSpans(List<Clause> run, List<String> words, Map<Clause, List<String>> out) {
    for (Glossary.Span span : glossary.findEnglish(words)) {
      for (int i = span.from(); i < span.to(); i++) {
        out.computeIfAbsent(run.get(i), k -> new ArrayList<>()).addAll(span.chinese());
      }
    }
  }

  private static boolean isEnglish(String text) {
    return PolicyQueryBuilder.hasLatin(text) && text.codePoints().noneMatch(PolicyQueryBuilder::isHan);
  }
}
