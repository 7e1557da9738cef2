package dev.policysearch.corpus.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policysearch.corpus.query.UserQuery.Clause;
import dev.policysearch.corpus.query.UserQuery.Occur;
import dev.policysearch.corpus.query.UserQuery.Scope;
import dev.policysearch.corpus.query.UserQuery.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserQueryParserTest {

  private final UserQueryParser parser = new UserQueryParser();

  private static Clause should(String text) {
    return new Clause(List.of(new Term(text, false, Scope.ALL)), Occur.SHOULD);
  }

  @Test
  void wordsSeparatedBySpacesAreOptionalClauses() {
    assertEquals(List.of(should("习近平"), should("长江经济带")), parser.parse("习近平 长江经济带").clauses());
  }

  @Test
  void aLongChineseRunIsSearchedInPiecesOfAtMost32Characters() {
    String passage = "为深入贯彻党中央国务院决策部署进一步优化营商环境更大激发市场活力和社会创造力".repeat(10);
    List<Clause> clauses = parser.parse(passage + " 光伏").clauses();
    assertEquals(UserQueryParser.MAX_PIECES + 1, clauses.size(), clauses.toString());
    assertEquals(should(passage.substring(0, 32)), clauses.get(0));
    assertEquals(should(passage.substring(96, 128)), clauses.get(3));
    assertEquals(should("光伏"), clauses.get(4));
    assertEquals(Occur.MUST_NOT, parser.parse("-" + passage).clauses().get(1).occur(), "an exclusion excludes every piece");
    String english = "\"Foreign Ministry Spokesperson's Regular Press Conference on January 7, 2019\"";
    assertEquals(1, parser.parse(english).clauses().size(), "English phrases are not cut");
    String wide = "𠀀".repeat(20);
    assertEquals(wide.substring(0, 32), parser.parse(wide).clauses().get(0).alternatives().get(0).text(), "never between the halves of one character");
  }

  @Test
  void ideographicSpaceSeparatesToo() {
    assertEquals(List.of(should("光伏"), should("产业")), parser.parse("光伏\u3000产业").clauses());
  }

  @Test
  void quotedTextIsOnePhrase() {
    assertEquals(
        List.of(new Clause(List.of(new Term("new industrialization", true, Scope.ALL)), Occur.SHOULD)),
        parser.parse("\"new industrialization\"").clauses());
    assertEquals(
        List.of(new Clause(List.of(new Term("高质量 发展", true, Scope.ALL)), Occur.SHOULD)),
        parser.parse("“高质量 发展”").clauses());
  }

  @Test
  void unbalancedQuoteIsIgnored() {
    assertEquals(List.of(should("光伏"), should("产业")), parser.parse("\"光伏 产业").clauses());
  }

  @Test
  void minusAndNotExclude() {
    Clause excluded = new Clause(List.of(new Term("风电", false, Scope.ALL)), Occur.MUST_NOT);
    assertEquals(List.of(should("光伏"), excluded), parser.parse("光伏 -风电").clauses());
    assertEquals(List.of(should("光伏"), excluded), parser.parse("光伏 NOT 风电").clauses());
  }

  @Test
  void orJoinsAlternativesAndAndRequiresBoth() {
    assertEquals(
        List.of(new Clause(List.of(new Term("光伏", false, Scope.ALL), new Term("风电", false, Scope.ALL)), Occur.SHOULD)),
        parser.parse("光伏 OR 风电").clauses());
    assertEquals(
        List.of(
            new Clause(List.of(new Term("光伏", false, Scope.ALL)), Occur.MUST),
            new Clause(List.of(new Term("风电", false, Scope.ALL)), Occur.MUST)),
        parser.parse("光伏 AND 风电").clauses());
  }

  @Test
  void fieldScopesApplyToTheirWordOrPhrase() {
    assertEquals(
        List.of(
            new Clause(List.of(new Term("光伏", false, Scope.TITLE)), Occur.SHOULD),
            new Clause(List.of(new Term("国家能源局", false, Scope.ISSUER)), Occur.SHOULD),
            new Clause(List.of(new Term("国发〔2019〕5号", true, Scope.DOC_NUMBER)), Occur.SHOULD)),
        parser.parse("title:光伏 issuer:国家能源局 doc_number:\"国发〔2019〕5号\"").clauses());
  }

  @Test
  void unknownFieldNamesStayPartOfTheWord() {
    assertEquals(List.of(should("http://example")), parser.parse("http://example").clauses());
  }

  @Test
  void danglingOperatorsAndPunctuationAreDropped() {
    assertEquals(List.of(should("光伏")), parser.parse("OR 光伏 AND").clauses());
    assertEquals(List.of(), parser.parse("\u0001 ，。 - \"\"").clauses());
  }

  @Test
  void fullWidthLettersAndColonsAreFolded() {
    assertEquals(
        List.of(new Clause(List.of(new Term("5G", false, Scope.TITLE)), Occur.SHOULD)),
        parser.parse("ｔｉｔｌｅ：５Ｇ").clauses());
  }

  @Test
  void clausesBeyondTheLimitAreDropped() {
    String many = "词 ".repeat(100);
    assertEquals(UserQueryParser.MAX_CLAUSES, parser.parse(many).clauses().size());
  }
}
