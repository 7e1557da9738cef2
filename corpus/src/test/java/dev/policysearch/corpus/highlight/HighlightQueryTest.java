package dev.policysearch.corpus.highlight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

class HighlightQueryTest {

  private static final Set<String> SHOWN = Set.of("body");

  private static TermQuery term(String field, String text) {
    return new TermQuery(new Term(field, text));
  }

  @Test
  void aRankingOnlyPartIsNeverHighlighted() {
    PhraseQuery phrase = new PhraseQuery("body", "光伏", "伏产", "产业");
    Query ranked =
        new BooleanQuery.Builder()
            .add(phrase, Occur.MUST)
            .add(new dev.policysearch.corpus.query.RankingOnlyQuery(term("body", "光伏")), Occur.SHOULD)
            .build();
    assertEquals(new BooleanQuery.Builder().add(phrase, Occur.MUST).build(), HighlightQuery.of(ranked, SHOWN));
  }

  @Test
  void keepsTheShownFieldsDropsTheRestAndRepeatsOnce() {
    PhraseQuery phrase = new PhraseQuery("body", "光伏", "伏产", "产业");
    Query ranked =
        new BooleanQuery.Builder()
            .add(new BoostQuery(phrase, 3f), Occur.SHOULD)
            .add(new DisjunctionMaxQuery(java.util.List.of(phrase, term("words", "光伏产业")), 0f), Occur.SHOULD)
            .add(new ConstantScoreQuery(term("body", "政策")), Occur.SHOULD)
            .add(term("title", "政策"), Occur.SHOULD)
            .build();
    Query expected = new BooleanQuery.Builder().add(phrase, Occur.SHOULD).add(term("body", "政策"), Occur.SHOULD).build();
    assertEquals(expected, HighlightQuery.of(ranked, SHOWN));
  }

  @Test
  void aConjunctionStillMarksItsWordsOnlyTogether() {
    Query ranked =
        new BooleanQuery.Builder()
            .add(term("body", "belt"), Occur.MUST)
            .add(term("body", "and"), Occur.MUST)
            .add(term("words", "belt"), Occur.MUST)
            .build();
    Query expected = new BooleanQuery.Builder().add(term("body", "belt"), Occur.MUST).add(term("body", "and"), Occur.MUST).build();
    assertEquals(expected, HighlightQuery.of(ranked, SHOWN));
  }

  @Test
  void prohibitedClausesAndOtherFieldsMarkNothing() {
    Query ranked =
        new BooleanQuery.Builder().add(term("words", "碳达峰"), Occur.MUST).add(term("body", "光伏"), Occur.MUST_NOT).build();
    assertInstanceOf(MatchNoDocsQuery.class, HighlightQuery.of(ranked, SHOWN));
  }
}
