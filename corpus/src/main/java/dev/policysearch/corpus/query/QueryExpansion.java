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

  /**
   * A term longer than this (in characters) is searched as typed only, without equivalents or
   * other wordings: a piece of a passage pasted in to find where it comes from, not a name to
   * vary (the longest lexicon form, a plenum's full name, has 24). Its variants would multiply
   * the size of an already large query.
   */
  static final int LONGEST_VARIED = 24;

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
    if (folded.length() > LONGEST_VARIED) {
      return variants;
    }
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
    for (EnglishSpan span : englishSpans(clauses)) {
      for (Clause clause : span.clauses()) {
        out.computeIfAbsent(clause, k -> new ArrayList<>()).addAll(span.chinese());
      }
    }
    return out;
  }

  /** English words of the query that are one glossary entry: the clauses, the words, the Chinese forms. */
  record EnglishSpan(List<Clause> clauses, String words, List<String> chinese) {}

  /**
   * The glossary entries among the query's English words: runs of plain English words (not
   * quoted, not excluded, not field-scoped) looked up longest first, and quoted English phrases
   * that are an entry as a whole.
   */
  List<EnglishSpan> englishSpans(List<Clause> clauses) {
    List<EnglishSpan> out = new ArrayList<>();
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
            out.add(new EnglishSpan(List.of(clause), term.text(), span.chinese()));
          }
        }
      }
    }
    addSpans(run, words, out);
    return out;
  }

  private void addSpans(List<Clause> run, List<String> words, List<EnglishSpan> out) {
    for (Glossary.Span span : glossary.findEnglish(words)) {
      out.add(new EnglishSpan(List.copyOf(run.subList(span.from(), span.to())), String.join(" ", words.subList(span.from(), span.to())), span.chinese()));
    }
  }

  /**
   * The glossary entries that make up a Chinese term, when they cover at least half of its
   * Chinese characters (the term is then also looked for in English: every entry, each in any of
   * its English forms); empty otherwise.
   */
  List<Glossary.Segment> englishSegments(String text) {
    List<Glossary.Segment> translated = new ArrayList<>();
    int han = (int) text.codePoints().filter(PolicyQueryBuilder::isHan).count();
    int covered = 0;
    for (Glossary.Segment segment : glossary.segmentChinese(text)) {
      if (!segment.english().isEmpty()) {
        translated.add(segment);
        covered += (int) segment.chinese().codePoints().filter(PolicyQueryBuilder::isHan).count();
      }
    }
    return covered * 2 < han ? List.of() : translated;
  }

  private static boolean isEnglish(String text) {
    return PolicyQueryBuilder.hasLatin(text) && text.codePoints().noneMatch(PolicyQueryBuilder::isHan);
  }
}
