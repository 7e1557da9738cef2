package dev.policysearch.server.search;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.query.PolicyQueryBuilder;
import dev.policysearch.corpus.query.UserQuery;
import dev.policysearch.corpus.schema.DocNumbers;
import java.util.List;
import java.util.Optional;

/**
 * Second place for English. Scores of releases found through the glossary are not comparable
 * with scores of releases matching as typed: a Chinese query puts every Chinese release that
 * matches its words above an English release that says the same thing in English, however much
 * better that release answers it. So when a query is written in Chinese and neither of the first
 * two results is in English, the best English match takes second place, provided it matches all of the query's terms but one at most (through the
 * glossary or as typed) and its title matches a word of the query (highlighted, it has a mark
 * that is not just a number): a release about the subject, not a long transcript that mentions
 * it once, nor one that shares only a word or two of the query. The translation of the first
 * result (see {@link PairPropagation}) already sits there when it has one. For a Chinese query,
 * when the first result's own title shows no word of the query, the pick goes first
 * (from second place too): between a release whose title says what the query asks and one whose
 * title says nothing of it, the first is the answer (see {@link #mayLead}).
 *
 * <p>Both backends apply this rule the same way; the moved hit says so in {@link
 * SearchHit#placement()}.
 */
final class OtherLanguagePick {
  /** {@link SearchHit#placement()} of the moved hit. */
  static final String PLACEMENT = "other-language";

  /** Where the pick goes: second. */
  static final int SLOT = 1;

  /**
   * Where an English pick for a Chinese query goes instead when the first result's title shows
   * no word of the query (a news round-up, a transcript that mentions the subject among many):
   * first.
   */
  static final int LEAD = 0;

  /**
   * Whether the pick may lead: not for a document number (国发〔2019〕5号, 主席令第三号), which finds
   * its release by the number, not by words in a title.
   */
  static boolean mayLead(String text) {
    return DocNumbers.key(text).isEmpty();
  }

  private OtherLanguagePick() {}

  /**
   * The language whose best match is looked for: English for a query with Chinese characters
   * (Latin letters beside them, as in 5G 应用 or AI 赋能, are usually abbreviations); none for a
   * query without Chinese, or when the request's language filter leaves out English. Someone who
   * types English may not read Chinese, while those who type Chinese here read the English
   * releases, translations of their own government's texts: a Chinese release is not moved up for
   * an English query (it still ranks by its own match, and a Chinese original follows its English
   * translation). Excluded terms do not count.
   */
  static Optional<Language> otherThan(UserQuery query, List<String> langFilter) {
    boolean han = false;
    for (UserQuery.Clause clause : query.clauses()) {
      if (clause.occur() == UserQuery.Occur.MUST_NOT) {
        continue;
      }
      for (UserQuery.Term term : clause.alternatives()) {
        han |= PolicyQueryBuilder.hasHan(term.text());
      }
    }
    if (!han || (!langFilter.isEmpty() && !langFilter.contains(Language.EN.code()))) {
      return Optional.empty();
    }
    return Optional.of(Language.EN);
  }

  /**
   * Whether a release with this score matches nearly all of the query: every term but one, and more
   * than half of the terms (so both terms of a two-term query), counting the clauses that are not
   * exclusions. Measured in the ranking's own currency: its score must reach what a release
   * matching that many terms through the glossary earns at least. A glossary lacks some words (a
   * verb such as 开通), so one term may be missing; a release that shares one word of a two-word
   * query, or three place names of a five-term query, is not the other language's answer.
   */
  static boolean matchesNearlyAll(UserQuery query, float score) {
    int clauses = (int) query.clauses().stream().filter(c -> c.occur() != UserQuery.Occur.MUST_NOT).count();
    int needed = Math.max(clauses / 2 + 1, clauses - 1);
    return score >= PolicyQueryBuilder.leastScoreMatching(needed);
  }

  /**
   * Whether a highlighted title shows a match of a word: a mark holding a letter or a Chinese
   * character. A number alone (the year in "Regular Press Conference on January 7, 2019") says
   * nothing about what a release is about.
   */
  static boolean marked(String titleHtml) {
    if (titleHtml == null) {
      return false;
    }
    for (int start = titleHtml.indexOf("<mark>"); start >= 0; start = titleHtml.indexOf("<mark>", start + 1)) {
      int end = titleHtml.indexOf("</mark>", start);
      String marked = titleHtml.substring(start + "<mark>".length(), end < 0 ? titleHtml.length() : end);
      if (marked.codePoints().anyMatch(Character::isLetter)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code ranked} with {@code pick} moved to {@code slot} ({@link #SLOT} or {@link #LEAD}), taken
   * out from wherever it was further down, and the list no longer than before (the last one moves
   * on to the next page).
   */
  static <T> List<T> place(List<T> ranked, T pick, int slot, java.util.function.BiPredicate<T, T> same) {
    List<T> out = new java.util.ArrayList<>(ranked.size() + 1);
    for (T r : ranked) {
      if (!same.test(r, pick)) {
        out.add(r);
      }
    }
    out.add(Math.min(slot, out.size()), pick);
    return out.size() > ranked.size() ? out.subList(0, ranked.size()) : out;
  }
}
