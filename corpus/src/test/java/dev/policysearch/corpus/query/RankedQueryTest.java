package dev.policysearch.corpus.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.schema.DocumentMapper;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.ThemeClassifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The ranked query over a small index built by the real mapper and analyzers: the title overlap
 * (releases that match as many of the query's terms are ordered by how much of the query their
 * title shares, and a title alone never makes a release match), and the English words of one
 * glossary entry searched with their translation once.
 */
class RankedQueryTest {

  private final Analyzers analyzers = new Analyzers();
  private final PolicyQueryBuilder builder = new PolicyQueryBuilder(analyzers, PolicyLexicon.bundled(), Glossary.bundled());

  private static PolicyDocument zh(String id, String title, String body) {
    return new PolicyDocument(id, Language.ZH, title, body, null, null, null, null, null, "policy", null);
  }

  private static PolicyDocument en(String id, String title, String body) {
    return new PolicyDocument(id, Language.EN, title, body, null, null, null, null, null, "news", null);
  }

  private List<String> search(String text, PolicyDocument... docs) throws IOException {
    return search(text, false, docs);
  }

  private List<String> search(String text, boolean withoutBonus, PolicyDocument... docs) throws IOException {
    return search(builder, text, withoutBonus, docs);
  }

  private List<String> search(PolicyQueryBuilder builder, String text, boolean withoutBonus, PolicyDocument... docs) throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      DocumentMapper mapper = new DocumentMapper(ThemeClassifier.bundled());
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzers.perField()))) {
        for (PolicyDocument d : docs) {
          writer.addDocument(mapper.toDocument(d));
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query query = builder.build(new UserQueryParser().parse(text), text);
        if (withoutBonus) {
          query = RankingOnlyQuery.without(query);
        }
        TopDocs top = searcher.search(query, 10);
        List<String> ids = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
          ids.add(searcher.storedFields().document(sd.doc).get(Fields.ID));
        }
        return ids;
      }
    }
  }

  @Test
  void theTitleSharingMostOfTheQueryComesFirstAmongEqualMatches() throws IOException {
    // Both bodies have both terms once; neither title has a term whole. The second title shares
    // 大中小学 and 劳动 with the query.
    String body = "各地组织大中小学生参加劳动，开展社会实践。";
    List<String> ids =
        search(
            "大中小学生 参加劳动",
            zh("a-other", "关于做好暑期工作的通知", body),
            zh("b-labour", "关于全面加强大中小学劳动教育的意见", body));
    assertEquals(List.of("b-labour", "a-other"), ids);
  }

  @Test
  void aTitleThatSharesWordingButDoesNotMatchIsNoHit() throws IOException {
    List<String> ids =
        search(
            "大中小学生 参加劳动",
            zh("match", "一则通知", "组织大中小学生参加劳动。"),
            zh("title-only", "大中小学劳动教育", "本文与查询无关。"));
    assertEquals(List.of("match"), ids);
  }

  @Test
  void withoutTheBonusTheSameReleasesMatchRankedByTheTermsAlone() throws IOException {
    String body = "各地组织大中小学生参加劳动，开展社会实践。";
    PolicyDocument other = zh("a-other", "关于做好暑期工作的通知", body);
    PolicyDocument labour = zh("b-labour", "关于全面加强大中小学劳动教育的意见", body);
    // Equal without the title overlap: the index order decides.
    assertEquals(List.of("a-other", "b-labour"), search("大中小学生 参加劳动", true, other, labour));
    Query plain = builder.build(new UserQueryParser().parse("光伏"), "光伏");
    assertEquals(plain, RankingOnlyQuery.without(plain), "a query with no bonus is left as it is");
  }

  @Test
  void theWordsOfOneGlossaryEntryShareOneTranslation() throws IOException {
    String text = "Belt and Road";
    Query query = builder.build(new UserQueryParser().parse(text), text);
    String shown = query.toString();
    int at = shown.indexOf("body_zh_bigram:\"一带 带一 一路\"");
    assertTrue(at >= 0, shown);
    assertEquals(-1, shown.indexOf("body_zh_bigram:\"一带 带一 一路\"", at + 1), "the translation is searched once: " + shown);
    // All the words as typed, then the translation (worth the translated unit for each word),
    // then one of the words.
    List<String> ids =
        search(
            text,
            en("road-only", "Road safety week", "The road safety week opened."),
            zh("zh-translation", "共建一带一路十周年", "一带一路倡议提出十年来成果丰硕。"),
            en("en-all", "Belt and Road forum", "The Belt and Road forum opened in Beijing."));
    assertEquals(List.of("en-all", "zh-translation", "road-only"), ids);
  }

  @Test
  void aYearTypedAloneMatchesChineseTextAsAYearNotAsAnAmount() throws IOException {
    // The first has the digits only in an amount; the second names the year. Both have the word.
    List<String> ids =
        search(
            "2019 社会保障",
            zh("amount", "社会保障工作情况", "今年安排社会保障支出2019亿元，比去年增加247亿元。"),
            zh("year", "社会保障工作情况", "2019年社会保障体系建设继续推进。"));
    assertEquals(List.of("year", "amount"), ids, "the digits in an amount still match, as a quarter of a term");
  }

  @Test
  void aYearTypedAloneStillMatchesEnglishTextAndTheReleasesOwnYear() throws IOException {
    PolicyDocument dated = dated("dated", "社会保障工作情况", "社会保障体系建设继续推进。", 2019);
    List<String> ids = search("2019 社会保障", dated, en("english", "Social security in 2019", "Social security work went on in 2019."), zh("other", "社会保障工作情况", "社会保障体系建设。"));
    assertTrue(ids.indexOf("dated") < ids.indexOf("other"), "its year is in its metadata: " + ids);
    assertTrue(ids.contains("english"), ids.toString());
  }

  private static PolicyDocument dated(String id, String title, String body, int year) {
    return new PolicyDocument(id, Language.ZH, title, body, java.time.LocalDate.of(year, 3, 5), null, null, null, null, "policy", null);
  }

  @Test
  void aYearNamedInPassingInADatedReleaseCountsLessThanTheReleasesOwnYear() throws IOException {
    // All three have the word; the year is the release's own only for the first two.
    List<String> ids =
        search(
            "2019 社会保障",
            dated("in-passing", "社会保障工作情况", "社会保障支出较2019年同期增长7%。", 2024),
            dated("of-the-year", "社会保障工作情况", "社会保障体系建设继续推进。", 2019),
            zh("in-title", "2019年社会保障工作情况", "社会保障体系建设继续推进。"));
    assertEquals("in-passing", ids.get(2), "a year in a dated release's body is a partial match: " + ids);
  }

  @Test
  void aReleaseWithoutADateIsOfTheYearsItsBodyNames() throws IOException {
    // An old report with no date names its year in its body; a dated release of 2024 names it
    // in passing; an undated one has the digits only in an amount.
    List<String> ids =
        search(
            "2019 社会保障",
            dated("in-passing", "社会保障工作情况", "社会保障支出较2019年同期增长7%。", 2024),
            zh("undated", "社会保障工作情况", "2019年社会保障体系建设继续推进。"),
            zh("amount", "社会保障工作情况", "今年安排社会保障支出2019亿元。"));
    assertEquals(List.of("undated", "in-passing", "amount"), ids);
  }

  @Test
  void aQuotedYearIsTheDigitsAnywhere() throws IOException {
    List<String> ids =
        search(
            "\"2019\" 社会保障",
            dated("in-passing", "社会保障工作情况", "社会保障支出较2019年同期增长7%。", 2024),
            dated("other-year", "社会保障工作情况", "社会保障体系建设继续推进。", 2019));
    assertEquals(List.of("in-passing"), ids.subList(0, 1), "quoted, the digits must be in the text: " + ids);
  }

  @Test
  void aTermsLongerWordsApartAreItsPartialMatchWhenItsSingleCharactersAreFillers() throws IOException {
    // 更多用于农村 falls into 更 多 用于 农村: the two words are most of it and are looked for apart.
    List<String> ids =
        search(
            "更多用于农村",
            zh("apart", "资金安排情况", "这笔资金主要用于支持农村公共服务。"),
            zh("one-word", "资金安排情况", "这笔资金主要用于支持城市公共服务。"));
    assertEquals(List.of("apart"), ids);
  }

  @Test
  void aDocumentNumberHasNoPartialMatch() throws IOException {
    List<String> ids =
        search(
            "中华人民共和国国务院令第713号",
            zh("words", "国务院公布条例", "中华人民共和国国务院今天公布一部新条例，自公布之日起施行。"));
    assertEquals(List.of(), ids, "a number is found by its number or not at all");
  }

  /** The bundled glossary, a lexicon of one term and one paraphrase group. */
  private PolicyQueryBuilder withParaphrases(String paraphrases) throws IOException {
    PolicyLexicon lexicon =
        PolicyLexicon.parse(
            new java.io.ByteArrayInputStream("光伏\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            null,
            new java.io.ByteArrayInputStream(paraphrases.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return new PolicyQueryBuilder(analyzers, lexicon, Glossary.bundled());
  }

  @Test
  void otherWordingFindsAReleaseBelowOnesWithTheWordsAsTyped() throws IOException {
    PolicyQueryBuilder paraphrasing = withParaphrases("土地出让 = 卖地\n");
    // Both in the body, once: the words as typed come first.
    PolicyDocument official = zh("official", "地方财政观察", "有的地方土地出让收入下降。");
    PolicyDocument plain = zh("plain", "地方财政观察", "有的地方卖地收入下降。");
    PolicyDocument other = zh("other", "地方财政观察", "税收收入保持增长。");
    assertEquals(List.of("plain", "official"), search(paraphrasing, "卖地收入", false, official, plain, other));
    assertEquals(List.of("plain"), search(builder, "卖地收入", false, official, plain, other), "without the file, the words as typed only");
    assertEquals(List.of("plain"), search(paraphrasing, "\"卖地收入\"", false, official, plain, other), "a quoted phrase means exactly that");
  }

  @Test
  void aTermInOtherWordingCountsAmongTheTermsAReleaseMatches() throws IOException {
    PolicyQueryBuilder paraphrasing = withParaphrases("土地出让 = 卖地\n");
    // One has both terms, the first in other wording; the other has the second term only, twice.
    PolicyDocument both = zh("both", "关于调整土地出让收入使用范围的意见", "土地出让收入用于农村。");
    PolicyDocument one = zh("one", "农村工作情况", "农村改革继续推进，农村面貌改善。");
    assertEquals(List.of("both", "one"), search(paraphrasing, "卖地收入 农村", false, one, both));
  }
}
