package dev.policysearch.corpus.query;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.schema.DocNumbers;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.query.UserQuery.Clause;
import dev.policysearch.corpus.query.UserQuery.Occur;
import dev.policysearch.corpus.query.UserQuery.Term;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns a {@link UserQuery} into a Lucene query.
 *
 * <p>Each term of the query must match as written: a run of Chinese characters matches as a
 * phrase of character bigrams (so 光伏 never matches a text with only 光 and 伏 apart, whatever the
 * segmenter makes of either), English as a phrase of stemmed words. Ranking is BM25 over title
 * (boosted) and body, plus smartcn words for Chinese so whole words outscore chance bigrams.
 * Documents that match more of the terms always rank above documents that match fewer (a
 * constant per matched term, larger than any BM25 score), so the first page holds the documents
 * with all the terms when there are such documents.
 */
public final class PolicyQueryBuilder {

  static final float TITLE_BOOST = 3f;
  static final float DOC_NUMBER_BOOST = 10f;
  static final float META_BOOST = 1f;

  /** Added per matched term; larger than any BM25 score a term can reach here. */
  static final float COORDINATION = 1000f;

  /** Weight of a form found through the lexicon's equivalents (工信部 for 工业和信息化部). */
  static final float SYNONYM_WEIGHT = 0.8f;

  /** Weight of the other-language form of a term, from the glossary. */
  static final float TRANSLATION_WEIGHT = 0.6f;

  /**
   * Share of a coordination unit a clause earns when it matches only in other wording, from the
   * paraphrases file (土地出让收入 for 卖地收入): a whole unit, as for the lexicon's equivalents, since
   * the release speaks of the same thing. Measured against 0.6 and 0.8 (docs/RELEVANCE.md).
   */
  static final float PARAPHRASE_COORDINATION = 1f;

  /**
   * Weight of the BM25 of a match in other wording: half, so that among releases matching as
   * many terms, equally placed, the words as typed come first.
   */
  static final float PARAPHRASE_WEIGHT = 0.5f;

  /**
   * Share of a coordination unit of a match that barely speaks of the term: a year's digits in
   * an amount (2019亿元 for 2019). Weighted as a partial match.
   */
  static final float INCIDENTAL_COORDINATION = 0.25f;

  /** Share of a coordination unit, and weight, of a term whose words are all there but apart. */
  static final float PARTIAL_COORDINATION = 0.5f;

  static final float PARTIAL_WEIGHT = 0.3f;

  /** How far apart, in words, the words of a partially matched term may be in a body. */
  static final int PARTIAL_SLOP = 200;

  /**
   * Share of a coordination unit a clause earns when it matches only through the glossary: among
   * releases matching as many terms, those in the language typed come first; a release in the
   * other language that matches every term of a two-term query ranks above one in the typed
   * language that matches a single term (docs/RELEVANCE.md has the trade measured).
   */
  static final float TRANSLATED_COORDINATION = 0.6f;

  /**
   * The least score of a release that matches {@code clauses} of a query's clauses, each at least
   * through the glossary (the smallest whole match a clause can earn): every matched clause adds
   * its coordination constant, and BM25 adds nothing negative.
   */
  public static float leastScoreMatching(int clauses) {
    return clauses * COORDINATION * TRANSLATED_COORDINATION;
  }

  /** Weight of a loose match: every word of the term, near each other, in any order. */
  static final float LOOSE_WEIGHT = 0.4f;

  /** How far apart the words of a loosely matched term may be. */
  static final int LOOSE_SLOP = 4;

  /**
   * The most leaf clauses (terms, phrase terms included) a ranked query may hold. Lucene's default
   * of 1,024 guards against wildcards that expand without bound; the queries built here have none,
   * and their size follows the query's: up to 32 terms, each looked for in several fields, as
   * typed and in up to 16 other forms. Whoever runs these queries raises Lucene's limit to this;
   * a query that still exceeds it is refused as too complex, and not run: every leaf opens
   * postings in every segment.
   */
  public static final int MAX_CLAUSES = 8192;

  private final Analyzer wordAnalyzer;
  private final Analyzer bigramAnalyzer;
  private final QueryBuilder words;
  private final QueryBuilder bigrams;
  private final QueryBuilder english;
  private final Glossary glossary;
  private final QueryExpansion expansion;

  public PolicyQueryBuilder(Analyzers analyzers, PolicyLexicon lexicon, Glossary glossary) {
    this.wordAnalyzer = analyzers.chineseWords();
    this.bigramAnalyzer = analyzers.chineseBigrams();
    this.words = new QueryBuilder(analyzers.chineseWords());
    this.bigrams = new QueryBuilder(analyzers.chineseBigrams());
    this.english = new QueryBuilder(analyzers.english());
    this.glossary = glossary;
    this.expansion = new QueryExpansion(lexicon, glossary);
  }

  /** The ranked query for the user's terms, without filters. */
  public Query build(UserQuery query, String rawText) {
    List<Clause> positive = query.clauses().stream().filter(c -> c.occur() != Occur.MUST_NOT).toList();
    BooleanQuery.Builder top = new BooleanQuery.Builder();
    Map<Clause, List<String>> chineseForEnglish = expansion.chineseForEnglishWords(query.clauses());
    List<ClauseQuery> built = new ArrayList<>();
    for (Clause clause : query.clauses()) {
      built.add(clause(clause, chineseForEnglish.getOrDefault(clause, List.of())));
    }
    // Coordination ranks by how many clauses match; with a single clause it still puts matches
    // in the language typed above matches through a translation.
    boolean coordinate =
        positive.size() > 1 || built.stream().anyMatch(c -> c != null && (c.translated() != null || c.partial() != null || c.incidental() != null || c.paraphrased() != null));
    for (int i = 0; i < built.size(); i++) {
      Clause clause = query.clauses().get(i);
      ClauseQuery c = built.get(i);
      int shared = coordinate ? sharedTranslationRun(query.clauses(), built, chineseForEnglish, i) : 1;
      if (shared > 1) {
        top.add(sharedTranslation(built.subList(i, i + shared)), BooleanClause.Occur.SHOULD);
        i += shared - 1;
        continue;
      }
      Query q = c == null ? null : coordinate ? c.coordinated() : c.ranking();
      switch (clause.occur()) {
        case MUST_NOT -> top.add(c == null ? new MatchNoDocsQuery() : c.ranking(), BooleanClause.Occur.MUST_NOT);
        case MUST -> top.add(q == null ? new MatchNoDocsQuery() : q, BooleanClause.Occur.MUST);
        case SHOULD -> {
          if (q != null) {
            top.add(q, BooleanClause.Occur.SHOULD);
          }
        }
      }
    }
    // A document number typed with spaces (国发 2019 5号) is one number, not three words.
    if (positive.size() > 1) {
      DocNumbers.key(rawText)
          .ifPresent(
              key ->
                  top.add(
                      new BoostQuery(
                          new ConstantScoreQuery(new TermQuery(new org.apache.lucene.index.Term(Fields.DOC_NUMBER_KEY, key))),
                          COORDINATION * (positive.size() + 1)),
                      BooleanClause.Occur.SHOULD));
    }
    if (!query.hasPositiveClause()) {
      top.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    }
    Query overlap = titleOverlap(positive);
    if (overlap == null) {
      return top.build();
    }
    return new BooleanQuery.Builder()
        .add(top.build(), BooleanClause.Occur.MUST)
        .add(new RankingOnlyQuery(overlap), BooleanClause.Occur.SHOULD)
        .build();
  }

  /**
   * How much of the query a title covers, counted in character pairs: BM25 over the title's
   * bigrams of every Chinese term, any of them. It adds to the ranking of releases that match
   * anyway (never matches on its own), so among releases matching as many terms, the one whose
   * title shares most of the query's wording comes first, even where no term is in the title
   * whole (大中小学生 参加劳动 for a title with 大中小学劳动教育). Ranking only: its pairs are not
   * highlighted. Null for a query with fewer than two Chinese pairs.
   */
  private Query titleOverlap(List<Clause> positive) {
    java.util.Set<String> grams = new java.util.LinkedHashSet<>();
    for (Clause clause : positive) {
      for (Term term : clause.alternatives()) {
        if (term.scope() != UserQuery.Scope.ALL || !hasHan(term.text())) {
          continue;
        }
        try (TokenStream ts = bigramAnalyzer.tokenStream(Fields.TITLE_ZH_BIGRAM, term.text())) {
          CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
          ts.reset();
          while (ts.incrementToken()) {
            grams.add(t.toString());
          }
          ts.end();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException("analysing the query term " + term.text(), e); // in memory: not expected
        }
      }
    }
    if (grams.size() < 2) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String g : grams) {
      b.add(new TermQuery(new org.apache.lucene.index.Term(Fields.TITLE_ZH_BIGRAM, g)), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  /**
   * How many clauses from {@code from} on are English words of one glossary entry ("Belt and
   * Road" for 一带一路) with nothing else to them: optional, each with a native form, and all
   * with the same translation and no other. 1 when there is no such run.
   */
  private static int sharedTranslationRun(List<Clause> clauses, List<ClauseQuery> built, Map<Clause, List<String>> chineseForEnglish, int from) {
    List<String> forms = chineseForEnglish.get(clauses.get(from));
    if (forms == null) {
      return 1;
    }
    int end = from;
    while (end < clauses.size()
        && clauses.get(end).occur() == Occur.SHOULD
        && forms.equals(chineseForEnglish.get(clauses.get(end)))
        && built.get(end) != null
        && built.get(end).nativeForms() != null
        && built.get(end).partial() == null
        && built.get(end).incidental() == null
        && built.get(end).paraphrased() == null
        && built.get(end).translated() != null
        && built.get(end).translated().equals(built.get(from).translated())) {
      end++;
    }
    return Math.max(1, end - from);
  }

  /**
   * The clauses of one glossary entry's English words, with its translation searched once
   * instead of once per word: each word earns its unit as typed, or the translation earns the
   * translated unit for every word, whichever is more. The same score as one clause per word for
   * a release in one language (matching the words, or the translation); only a release with
   * some of the words and the translation too scores the better of the two instead of a mix.
   */
  private static Query sharedTranslation(List<ClauseQuery> words) {
    BooleanQuery.Builder typed = new BooleanQuery.Builder();
    for (ClauseQuery word : words) {
      typed.add(new PlusConstantQuery(word.nativeForms(), COORDINATION), BooleanClause.Occur.SHOULD);
    }
    Query translated =
        new BoostQuery(
            new PlusConstantQuery(new BoostQuery(words.get(0).translated(), TRANSLATION_WEIGHT), COORDINATION * TRANSLATED_COORDINATION),
            words.size());
    return new org.apache.lucene.search.DisjunctionMaxQuery(List.of(typed.build(), translated), 0f);
  }

  /** One clause; null when none of its forms can match anything. */
  private ClauseQuery clause(Clause clause, List<String> chineseForms) {
    List<Query> natives = new ArrayList<>();
    List<Query> partials = new ArrayList<>();
    List<Query> incidentals = new ArrayList<>();
    List<Query> paraphrases = new ArrayList<>();
    List<Query> translations = new ArrayList<>();
    for (Term term : clause.alternatives()) {
      Query q = term(term);
      if (q != null) {
        natives.add(q);
      }
      boolean loose = term.scope() == UserQuery.Scope.ALL && !term.phrase();
      if (loose && isYear(term.text())) {
        partials.add(yearInText(term.text()));
        incidentals.add(yearDigits(term.text()));
      } else if (loose) {
        Query p = allWords(term.text());
        if (p != null) {
          partials.add(p);
        }
      }
      if (term.scope() == UserQuery.Scope.ALL && !term.phrase() && hasHan(term.text())) {
        for (String variant : withoutLongerForms(expansion.paraphrasedForms(term.text()), null)) {
          Query v = original(variant, false);
          if (v != null) {
            paraphrases.add(v);
          }
        }
      }
      Query t = term.scope() == UserQuery.Scope.ALL && hasHan(term.text()) ? englishForm(term.text()) : null;
      if (t != null) {
        translations.add(t);
      }
    }
    for (String chinese : withoutLongerForms(chineseForms, null)) {
      Query q = original(chinese, false);
      if (q != null) {
        translations.add(q);
      }
    }
    Query nativeQuery = any(natives.toArray(Query[]::new));
    Query partialQuery = any(partials.toArray(Query[]::new));
    Query incidentalQuery = any(incidentals.toArray(Query[]::new));
    Query paraphrasedQuery = anyOf(paraphrases);
    Query translatedQuery = any(translations.toArray(Query[]::new));
    if (nativeQuery == null && partialQuery == null && incidentalQuery == null && paraphrasedQuery == null && translatedQuery == null) {
      return null;
    }
    return new ClauseQuery(nativeQuery, partialQuery, incidentalQuery, paraphrasedQuery, translatedQuery);
  }

  public Query term(Term term) {
    String text = term.text();
    return switch (term.scope()) {
      case TITLE -> any(chinese(Fields.TITLE_ZH_BIGRAM, Fields.TITLE_ZH, text, 1f, term.phrase()), phrase(english, Fields.TITLE_EN, text, 1f));
      case ISSUER -> phrase(bigrams, Fields.ISSUER_TEXT, text, 1f);
      case DOC_NUMBER -> any(docNumberKey(text, 1f), phrase(bigrams, Fields.DOC_NUMBER_TEXT, text, 1f));
      case ALL -> everywhere(term);
    };
  }

  /**
   * A term looked for in every field: as typed, and as each equivalent form from the lexicon.
   */
  private Query everywhere(Term term) {
    String text = term.text();
    List<Query> alternatives = new ArrayList<>();
    alternatives.add(original(text, term.phrase()));
    for (String variant : withoutLongerForms(expansion.equivalentForms(text), text)) {
      Query q = original(variant, term.phrase());
      if (q != null) {
        alternatives.add(new BoostQuery(q, SYNONYM_WEIGHT));
      }
    }
    return any(alternatives.toArray(Query[]::new));
  }

  /**
   * Text as typed, in the Chinese fields, the English fields and the document number. A year
   * (1949, 2019) typed alone means the release's year: see {@link #releaseYear}; quoted, it is
   * the digits anywhere.
   */
  private Query original(String text, boolean exactOnly) {
    if (isYear(text) && !exactOnly) {
      return releaseYear(text);
    }
    return any(
        chinese(Fields.TITLE_ZH_BIGRAM, Fields.TITLE_ZH, text, TITLE_BOOST, exactOnly),
        chinese(Fields.BODY_ZH_BIGRAM, Fields.BODY_ZH, text, 1f, exactOnly),
        phrase(bigrams, Fields.DOC_NUMBER_TEXT, text, DOC_NUMBER_BOOST),
        docNumberKey(text, COORDINATION / 2),
        phrase(bigrams, Fields.META_TEXT, text, META_BOOST),
        hasLatin(text) ? phrase(english, Fields.TITLE_EN, text, TITLE_BOOST) : null,
        hasLatin(text) ? phrase(english, Fields.BODY_EN, text, 1f) : null);
  }

  /**
   * The English form of a Chinese term: every glossary entry in it, all required, each in any of
   * its English forms. None when the glossary covers less than half of the term.
   */
  private Query englishForm(String text) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    int required = 0;
    for (Glossary.Segment segment : expansion.englishSegments(text)) {
      List<Query> forms = new ArrayList<>();
      for (String form : segment.english()) {
        forms.add(phrase(english, Fields.TITLE_EN, form, TITLE_BOOST));
        forms.add(phrase(english, Fields.BODY_EN, form, 1f));
      }
      Query any = any(forms.toArray(Query[]::new));
      if (any != null) {
        all.add(any, BooleanClause.Occur.MUST);
        required++;
      }
    }
    return required == 0 ? null : all.build();
  }

  /**
   * Chinese text in one part of the document: it must match as a bigram phrase (exact,
   * contiguous), and whole smartcn words add to the score. A lone Chinese character has no
   * bigram, so there the word field decides the match.
   */
  private Query chinese(String bigramField, String wordField, String text, float boost, boolean exactOnly) {
    Query wordPhrase = phrase(words, wordField, text, 1f);
    Query match = hasLoneHan(text) ? wordPhrase : phrase(bigrams, bigramField, text, 1f);
    if (match == null) {
      return null;
    }
    if (!exactOnly && !looseWords(text).isEmpty()) {
      Query loose = words.createPhraseQuery(wordField, text, LOOSE_SLOP);
      if (loose != null) {
        match = any(match, new BoostQuery(loose, LOOSE_WEIGHT));
      }
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(match, BooleanClause.Occur.MUST);
    if (wordPhrase != null && wordPhrase != match) {
      b.add(wordPhrase, BooleanClause.Occur.SHOULD);
    }
    return boost(b.build(), boost);
  }

  /**
   * The smartcn words of a term when it may also match loosely: a Chinese term that falls into
   * two or more words of two or more characters; otherwise an empty list. A term smartcn cuts
   * into single characters (光伏 -> 光 伏) must match exactly, or it would match any text with
   * those characters near each other.
   */
  private List<String> looseWords(String text) {
    List<String> words = words(text);
    return words.size() >= 2 && words.stream().allMatch(w -> w.length() >= 2) ? words : List.of();
  }

  /**
   * The words a term's partial match looks for: its Chinese words of two or more characters,
   * when there are two or more of them and they make up at least half of the term
   * (更多用于农村 -> 用于 农村); single characters (更, 多) say too little to be looked for apart,
   * and digits are a number's, not a word's; a document number (国务院令第713号) is found by its
   * number or not at all. Otherwise an empty list.
   */
  private List<String> partialWords(String text) {
    if (DocNumbers.key(text).isPresent()) {
      return List.of();
    }
    List<String> words = words(text);
    List<String> longer = words.stream().filter(w -> w.length() >= 2 && w.codePoints().allMatch(PolicyQueryBuilder::isHan)).toList();
    int all = words.stream().mapToInt(String::length).sum();
    int kept = longer.stream().mapToInt(String::length).sum();
    return longer.size() >= 2 && 2 * kept >= all ? longer : List.of();
  }

  /** A Chinese term's smartcn words, a lexicon term once (not its parts); empty for no Chinese. */
  private List<String> words(String text) {
    if (!hasHan(text)) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    try (TokenStream ts = wordAnalyzer.tokenStream(Fields.BODY_ZH, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute span = ts.addAttribute(PositionLengthAttribute.class);
      ts.reset();
      int position = -1;
      int spanEnd = -1;
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        if (position < spanEnd) {
          continue; // a part of the lexicon term before it: the term is the word
        }
        spanEnd = position + span.getPositionLength();
        words.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      return List.of();
    }
    return words;
  }

  /**
   * Every word of a Chinese term in the title, or within {@link #PARTIAL_SLOP} words of each
   * other in the body, in any order: the weakest kind of match, for terms a user paraphrases. The
   * words are those of {@link #partialWords}; none for a term without them.
   */
  private Query allWords(String text) {
    List<String> words = partialWords(text);
    if (words.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder inTitle = new BooleanQuery.Builder();
    PhraseQuery.Builder inBody = new PhraseQuery.Builder().setSlop(PARTIAL_SLOP);
    for (String word : words) {
      inTitle.add(new TermQuery(new org.apache.lucene.index.Term(Fields.TITLE_ZH, word)), BooleanClause.Occur.MUST);
      inBody.add(new org.apache.lucene.index.Term(Fields.BODY_ZH, word));
    }
    return any(new BoostQuery(inTitle.build(), TITLE_BOOST), inBody.build());
  }

  /**
   * A year as the release's own: in its metadata (the year of its date), its title (2019年 in
   * Chinese, the digits in English) or its document number. A dated release's body names many
   * years in passing (较2019年同期, since 2019), so there a year found only in the body is a
   * partial match ({@link #yearInText}); a release without a date (old reports and laws) has no
   * better account of its year than the years its text names, so for it the body counts too.
   */
  private Query releaseYear(String year) {
    Query undated = null;
    Query inBody = yearInBody(year);
    if (inBody != null) {
      undated =
          new BooleanQuery.Builder()
              .add(inBody, BooleanClause.Occur.MUST)
              .add(new FieldExistsQuery(Fields.DATE_DAYS), BooleanClause.Occur.MUST_NOT)
              .build();
    }
    return any(
        chinese(Fields.TITLE_ZH_BIGRAM, Fields.TITLE_ZH, year + "年", TITLE_BOOST, true),
        phrase(bigrams, Fields.DOC_NUMBER_TEXT, year, DOC_NUMBER_BOOST),
        phrase(bigrams, Fields.META_TEXT, year, META_BOOST),
        phrase(english, Fields.TITLE_EN, year, TITLE_BOOST),
        undated);
  }

  /**
   * A year written as one but not as the release's own: 2019年 in a Chinese body (较2019年同期),
   * the digits in an English body, or the digits in a title in any form (2019—2021年). A
   * partial match, worth what every word of a term present but apart is worth.
   */
  private Query yearInText(String year) {
    return any(chinese(Fields.TITLE_ZH_BIGRAM, Fields.TITLE_ZH, year, TITLE_BOOST, true), yearInBody(year));
  }

  /** A year written as one in a body: 2019年 in Chinese, the digits in English. */
  private Query yearInBody(String year) {
    return any(chinese(Fields.BODY_ZH_BIGRAM, Fields.BODY_ZH, year + "年", 1f, true), phrase(english, Fields.BODY_EN, year, 1f));
  }

  /**
   * A year's digits anywhere in a Chinese body, in whatever they count (社会保障支出2019亿元, a
   * range such as 2019至2021年): they still match, at the least share of a term
   * ({@code INCIDENTAL_COORDINATION}).
   */
  private Query yearDigits(String year) {
    return chinese(Fields.BODY_ZH_BIGRAM, Fields.BODY_ZH, year, 1f, true);
  }

  /** Four digits from 1900 to 2099, nothing else: what users type for a year. */
  static boolean isYear(String text) {
    return text.length() == 4 && (text.startsWith("19") || text.startsWith("20")) && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * The forms worth searching: a Chinese form that contains another (共建一带一路 and 一带一路, or an
   * equivalent that contains the typed form) matches, as written, only where the shorter one
   * does, and its score would count the same occurrences twice. The typed form ({@code typed},
   * null when none is among {@code forms}) is never dropped: the user's words always count.
   */
  static List<String> withoutLongerForms(List<String> forms, String typed) {
    List<String> kept = new ArrayList<>();
    for (String form : forms) {
      if (!hasHan(form) || !containsAnother(form, forms, typed)) {
        kept.add(form);
      }
    }
    return kept;
  }

  private static boolean containsAnother(String form, List<String> forms, String typed) {
    if (typed != null && !form.equals(typed) && form.contains(typed)) {
      return true;
    }
    for (String other : forms) {
      if (!other.equals(form) && hasHan(other) && form.contains(other)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the text has a Chinese character. */
  public static boolean hasHan(String text) {
    return text.codePoints().anyMatch(PolicyQueryBuilder::isHan);
  }

  private static Query docNumberKey(String text, float boost) {
    return DocNumbers.key(text)
        .<Query>map(key -> new BoostQuery(new ConstantScoreQuery(new TermQuery(new org.apache.lucene.index.Term(Fields.DOC_NUMBER_KEY, key))), boost))
        .orElse(null);
  }

  private static Query phrase(QueryBuilder builder, String field, String text, float boost) {
    Query q = builder.createPhraseQuery(field, text);
    return q == null ? null : boost(q, boost);
  }

  private static Query boost(Query q, float boost) {
    return boost == 1f ? q : new BoostQuery(q, boost);
  }

  static Query any(Query... queries) {
    return anyOf(java.util.Arrays.asList(queries));
  }

  /**
   * One query matching where any of {@code queries} does, or null when there are none (nulls
   * ignored). An alternative listed twice (two glossary forms with one stem: carbon peak, carbon
   * peaking) is one alternative: evaluated twice, it would also be scored twice.
   */
  public static Query anyOf(java.util.Collection<Query> queries) {
    java.util.Set<Query> distinct = new java.util.LinkedHashSet<>();
    for (Query q : queries) {
      if (q != null) {
        distinct.add(q);
      }
    }
    if (distinct.size() <= 1) {
      return distinct.isEmpty() ? null : distinct.iterator().next();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    distinct.forEach(q -> b.add(q, BooleanClause.Occur.SHOULD));
    return b.build();
  }

  static boolean hasLatin(String text) {
    return text.codePoints().anyMatch(c -> c < 0x2E80 && Character.isLetterOrDigit(c));
  }

  /** Whether the text has a Chinese character with no Chinese neighbour (so no bigram). */
  static boolean hasLoneHan(String text) {
    int[] cps = text.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      if (isHan(cps[i]) && (i == 0 || !isHan(cps[i - 1])) && (i == cps.length - 1 || !isHan(cps[i + 1]))) {
        return true;
      }
    }
    return false;
  }

  static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }
}
