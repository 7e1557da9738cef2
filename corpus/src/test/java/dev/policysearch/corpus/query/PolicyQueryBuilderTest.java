package dev.policysearch.corpus.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.query.UserQueryParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyQueryBuilderTest {

  private static ByteArrayInputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private final PolicyLexicon lexicon = lexicon();
  private final PolicyQueryBuilder builder =
      new PolicyQueryBuilder(new Analyzers(lexicon), lexicon, glossary());

  private static PolicyLexicon lexicon() {
    try {
      return PolicyLexicon.parse(text("光伏\n数字经济\n"), text("全国人民代表大会 = 全国人大\n工业和信息化部 = 工信部\n"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Glossary glossary() {
    try {
      return Glossary.parse(text("光伏\tphotovoltaic | PV\n记者会\tpress conference\n"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void equivalentFormsReplaceALexiconFormAnywhereInTheTerm() {
    assertEquals(List.of("第一届全国人民代表大会第一次会议"), new QueryExpansion(lexicon, glossary()).equivalentForms("第一届全国人大第一次会议"));
    assertEquals(List.of("工业和信息化部"), new QueryExpansion(lexicon, glossary()).equivalentForms("工信部"));
    assertEquals(List.of(), new QueryExpansion(lexicon, glossary()).equivalentForms("光伏"));
  }

  @Test
  void aChineseRunIsAPhraseOfBigramsSoScatteredCharactersNeverMatch() {
    String q = builder.build(new UserQueryParser().parse("光伏"), "光伏").toString();
    assertTrue(q.contains("body_zh_bigram:光伏"), q);
    assertFalse(q.contains("body_zh:\"光 伏\"~"), "光伏 is never matched loosely: " + q);
  }

  @Test
  void termsOfSeveralWordsAlsoMatchLooselyAndByAllTheirWords() {
    String q = builder.build(new UserQueryParser().parse("联合监管"), "联合监管").toString();
    assertTrue(q.contains("body_zh:\"联合 监管\"~4"), "loosely: words close together: " + q);
    assertTrue(q.contains("body_zh:\"联合 监管\"~" + PolicyQueryBuilder.PARTIAL_SLOP), "partly: the words within a passage of the body: " + q);
    assertTrue(q.contains("+title_zh:联合 +title_zh:监管"), "or all in the title: " + q);
    assertFalse(q.contains("+body_zh:联合"), "never anywhere in a long text: " + q);
  }

  @Test
  void aLexiconTermInsideATermIsOneOfItsWordsNotItsParts() {
    // smartcn: 数字 经济 统计; the lexicon joins 数字经济, which is then one word of the term.
    String q = builder.build(new UserQueryParser().parse("数字经济统计"), "数字经济统计").toString();
    assertTrue(q.contains("+title_zh:数字经济 +title_zh:统计"), "all its words in the title: " + q);
    assertFalse(q.contains("+title_zh:经济"), "a part of the lexicon term is not a word of its own: " + q);
    // A term that is one lexicon term has no words apart to look for.
    String whole = builder.build(new UserQueryParser().parse("数字经济"), "数字经济").toString();
    assertFalse(whole.contains("~" + PolicyQueryBuilder.PARTIAL_SLOP), "one word, nothing partial: " + whole);
  }

  @Test
  void aFormContainingAnotherIsNotSearchedAgain() {
    // Every 共建一带一路 is also a 一带一路: searching both would count it twice.
    assertEquals(List.of("一带一路"), PolicyQueryBuilder.withoutLongerForms(List.of("一带一路", "一带一路倡议", "共建一带一路"), null));
    assertEquals(
        List.of("二十大", "党的第二十次全国代表大会"),
        PolicyQueryBuilder.withoutLongerForms(List.of("二十大", "中共二十大", "党的第二十次全国代表大会"), "党的二十大"));
    // An equivalent containing the typed form adds nothing either; the typed form itself stays.
    assertEquals(List.of("人大常委会"), PolicyQueryBuilder.withoutLongerForms(List.of("全国人大常委会", "人大常委会"), "全国人大"));
    assertEquals(List.of("belt and road", "一带一路"), PolicyQueryBuilder.withoutLongerForms(List.of("belt and road", "一带一路"), null));
  }

  @Test
  void translationsWithTheSameStemAreOneAlternative() throws IOException {
    // "carbon peak" and "carbon peaking" analyse to the same phrase: searched (and scored) once.
    Glossary twoForms = Glossary.parse(text("碳达峰\tcarbon peak | carbon peaking\n"));
    String q = new PolicyQueryBuilder(new Analyzers(lexicon), lexicon, twoForms).build(new UserQueryParser().parse("碳达峰"), "碳达峰").toString();
    assertTrue(q.contains("body_en:\"carbon peak\""), q);
    assertEquals(q.indexOf("body_en:\"carbon peak\""), q.lastIndexOf("body_en:\"carbon peak\""), q);
  }

  @Test
  void glossaryAddsTheOtherLanguageBothWays() {
    String zh = builder.build(new UserQueryParser().parse("光伏"), "光伏").toString();
    assertTrue(zh.contains("body_en:photovolta"), zh);
    String en = builder.build(new UserQueryParser().parse("press conference"), "press conference").toString();
    assertTrue(en.contains("body_zh_bigram:\"记者 者会\""), en);
  }

  @Test
  void documentNumberTypedWithSpacesIsLookedUpAsOneKey() {
    String q = builder.build(new UserQueryParser().parse("国发 2019 5号"), "国发 2019 5号").toString();
    assertTrue(q.contains("doc_number_key:国发/2019/5"), q);
  }

  @Test
  void onlyExclusionsMeanEverythingButThose() {
    String q = builder.build(new UserQueryParser().parse("-光伏"), "-光伏").toString();
    assertTrue(q.contains("*:*"), q);
  }
}
