package dev.policysearch.server.search;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.DocNumbers;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.server.query.UserQuery;
import dev.policysearch.server.query.UserQuery.Clause;
import dev.policysearch.server.query.UserQuery.Occur;
import dev.policysearch.server.query.UserQuery.Term;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
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

  /** Added per matched term; larger than any BM25 score a term can reach here. */
  static final float COORDINATION = 1000f;

  private final QueryBuilder words;
  private final QueryBuilder bigrams;
  private final QueryBuilder english;

  public PolicyQueryBuilder(Analyzers analyzers) {
    this.words = new QueryBuilder(analyzers.chineseWords());
    this.bigrams = new QueryBuilder(analyzers.chineseBigrams());
    this.english = new QueryBuilder(analyzers.english());
  }

  /** The ranked query for the user's terms, without filters. */
  public Query build(UserQuery query, String rawText) {
    List<Clause> positive = query.clauses().stream().filter(c -> c.occur() != Occur.MUST_NOT).toList();
    BooleanQuery.Builder top = new BooleanQuery.Builder();
    boolean coordinate = positive.size() > 1;
    for (Clause clause : query.clauses()) {
      Query q = clause(clause);
      switch (clause.occur()) {
        case MUST_NOT -> top.add(q == null ? new MatchNoDocsQuery() : q, BooleanClause.Occur.MUST_NOT);
        case MUST -> {
          top.add(q == null ? new MatchNoDocsQuery() : q, BooleanClause.Occur.MUST);
          if (coordinate && q != null) {
            top.add(new BoostQuery(new ConstantScoreQuery(q), COORDINATION), BooleanClause.Occur.SHOULD);
          }
        }
        case SHOULD -> {
          if (q != null) {
            top.add(q, BooleanClause.Occur.SHOULD);
            if (coordinate) {
              top.add(new BoostQuery(new ConstantScoreQuery(q), COORDINATION), BooleanClause.Occur.SHOULD);
            }
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
    return top.build();
  }

  /** One clause: any of its alternatives; null when none of them can match anything. */
  private Query clause(Clause clause) {
    List<Query> alternatives = new ArrayList<>();
    for (Term term : clause.alternatives()) {
      Query q = term(term);
      if (q != null) {
        alternatives.add(q);
      }
    }
    if (alternatives.isEmpty()) {
      return null;
    }
    if (alternatives.size() == 1) {
      return alternatives.get(0);
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    alternatives.forEach(q -> any.add(q, BooleanClause.Occur.SHOULD));
    return any.build();
  }

  Query term(Term term) {
    String text = term.text();
    return switch (term.scope()) {
      case TITLE -> any(chinese(Fields.TITLE_ZH_BIGRAM, Fields.TITLE_ZH, text, 1f), phrase(english, Fields.TITLE_EN, text, 1f));
      case ISSUER -> phrase(bigrams, Fields.ISSUER_TEXT, text, 1f);
      case DOC_NUMBER -> any(docNumberKey(text, 1f), phrase(bigrams, Fields.DOC_NUMBER_TEXT, text, 1f));
      case ALL ->
          any(
              chinese(Fields.TITLE_ZH_BIGRAM, Fields.TITLE_ZH, text, TITLE_BOOST),
              chinese(Fields.BODY_ZH_BIGRAM, Fields.BODY_ZH, text, 1f),
              phrase(bigrams, Fields.DOC_NUMBER_TEXT, text, DOC_NUMBER_BOOST),
              docNumberKey(text, COORDINATION / 2),
              hasLatin(text) ? phrase(english, Fields.TITLE_EN, text, TITLE_BOOST) : null,
              hasLatin(text) ? phrase(english, Fields.BODY_EN, text, 1f) : null);
    };
  }

  /**
   * Chinese text in one part of the document: it must match as a bigram phrase (exact,
   * contiguous), and whole smartcn words add to the score. A lone Chinese character has no
   * bigram, so there the word field decides the match.
   */
  private Query chinese(String bigramField, String wordField, String text, float boost) {
    Query wordPhrase = phrase(words, wordField, text, 1f);
    Query match = hasLoneHan(text) ? wordPhrase : phrase(bigrams, bigramField, text, 1f);
    if (match == null) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(match, BooleanClause.Occur.MUST);
    if (wordPhrase != null && wordPhrase != match) {
      b.add(wordPhrase, BooleanClause.Occur.SHOULD);
    }
    return boost(b.build(), boost);
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

  private static Query any(Query... queries) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int n = 0;
    Query single = null;
    for (Query q : queries) {
      if (q != null) {
        b.add(q, BooleanClause.Occur.SHOULD);
        single = q;
        n++;
      }
    }
    return n == 0 ? null : n == 1 ? single : b.build();
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

  /** Filters: every list is "any of these values"; dates are inclusive. */
  public static List<Query> filters(SearchRequest request) {
    List<Query> filters = new ArrayList<>();
    anyOf(filters, Fields.LANG, request.langs());
    anyOf(filters, Fields.TYPE, request.types());
    anyOf(filters, Fields.THEME, request.themes());
    anyOf(filters, Fields.YEAR, request.years());
    anyOf(filters, Fields.ISSUER, request.issuers());
    if (request.from() != null || request.to() != null) {
      int from = request.from() == null ? Integer.MIN_VALUE : (int) request.from().toEpochDay();
      int to = request.to() == null ? Integer.MAX_VALUE : (int) request.to().toEpochDay();
      filters.add(IntPoint.newRangeQuery(Fields.DATE_DAYS, from, to));
    }
    return filters;
  }

  private static void anyOf(List<Query> filters, String field, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    if (values.size() == 1) {
      filters.add(new TermQuery(new org.apache.lucene.index.Term(field, values.get(0))));
    } else {
      filters.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()));
    }
  }
}
