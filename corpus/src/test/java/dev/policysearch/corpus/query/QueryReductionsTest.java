package dev.policysearch.corpus.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two ways a query is cut down, on a small index of Chinese and English releases: scoped to
 * one language ({@link LanguageScope}), it matches the releases of that language it matched
 * before, with the same scores, and reads none of the other language's text fields; reduced to
 * its matching form ({@link MatchingForm}), it matches the same releases and holds no clause that
 * only scores.
 */
class QueryReductionsTest {

  private static final Analyzers ANALYZERS = new Analyzers();
  private static final PolicyQueryBuilder BUILDER = new PolicyQueryBuilder(ANALYZERS, PolicyLexicon.bundled(), Glossary.bundled());

  private static ByteBuffersDirectory dir;
  private static DirectoryReader reader;

  /** Chinese and English releases that share subjects, numbers and years. */
  @BeforeAll
  static void index() throws IOException {
    dir = new ByteBuffersDirectory();
    DocumentMapper mapper = new DocumentMapper(ThemeClassifier.bundled());
    List<PolicyDocument> docs =
        List.of(
            zh("zh-pv", "关于促进光伏产业健康发展的若干意见", "光伏产业是战略性新兴产业。2019年光伏装机继续增长。", "国发〔2013〕24号"),
            zh("zh-business", "优化营商环境条例", "持续优化营商环境，保护市场主体合法权益。", null),
            zh("zh-mixed", "营商环境与光伏", "营商环境改善后，光伏企业投资增加。", null),
            en("en-pv", "Opinions on Promoting the Healthy Development of the Photovoltaic Industry", "The photovoltaic industry is a strategic emerging industry. Solar PV capacity grew in 2019.", "国发〔2013〕24号"),
            en("en-business", "Regulations on Optimizing the Business Environment", "The business environment protects market entities.", null),
            en("en-other", "Press conference on employment", "Employment remained stable in 2019.", null));
    try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(ANALYZERS.perField()))) {
      for (PolicyDocument d : docs) {
        writer.addDocument(mapper.toDocument(d));
      }
    }
    reader = DirectoryReader.open(dir);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    dir.close();
  }

  private static PolicyDocument zh(String id, String title, String body, String docNumber) {
    return new PolicyDocument(id, Language.ZH, title, body, null, null, null, null, docNumber, "policy", null);
  }

  private static PolicyDocument en(String id, String title, String body, String docNumber) {
    return new PolicyDocument(id, Language.EN, title, body, null, null, null, null, docNumber, "policy", null);
  }

  private static Query built(String text) {
    return BUILDER.build(new UserQueryParser().parse(text), text);
  }

  /** Every match among releases of {@code lang}, best first, as "id score". */
  private static List<String> among(Query query, Language lang) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    Query filtered =
        new BooleanQuery.Builder()
            .add(query, BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term(Fields.LANG, lang.code())), BooleanClause.Occur.FILTER)
            .build();
    List<String> out = new ArrayList<>();
    for (ScoreDoc sd : searcher.search(filtered, 100).scoreDocs) {
      out.add(searcher.storedFields().document(sd.doc).get(Fields.ID) + " " + sd.score);
    }
    return out;
  }

  private static Set<String> fieldsRead(Query query) {
    return LanguageScope.fieldsRead(query);
  }

  @Test
  void scopedQueriesMatchTheSameReleasesWithTheSameScores() throws IOException {
    for (String text : QUERIES) {
      Query query = built(text);
      for (Language lang : Language.values()) {
        List<String> before = among(query, lang);
        assertEquals(before, among(LanguageScope.of(query, lang), lang), text + " among " + lang);
      }
      assertFalse(among(query, Language.EN).isEmpty() && among(query, Language.ZH).isEmpty(), "the query finds something: " + text);
    }
  }

  private static final List<String> QUERIES =
      List.of("光伏", "营商环境 光伏", "\"优化营商环境\"", "国发〔2013〕24号", "photovoltaic industry", "光伏 2019", "营商环境 -光伏", "title:光伏", "营商环境 OR 光伏");

  /** The ids of every match, in index order. */
  private static List<String> matches(Query query) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    List<String> out = new ArrayList<>();
    for (ScoreDoc sd : searcher.search(query, 100, Sort.INDEXORDER).scoreDocs) {
      out.add(searcher.storedFields().document(sd.doc).get(Fields.ID));
    }
    return out;
  }

  @Test
  void theMatchingFormMatchesTheSameReleases() throws IOException {
    for (String text : QUERIES) {
      Query query = built(text);
      Query matching = MatchingForm.of(query);
      assertEquals(matches(query), matches(matching), text);
      assertTrue(fieldsRead(matching).size() <= fieldsRead(query).size(), text);
    }
  }

  @Test
  void theMatchingFormKeepsNoClauseThatOnlyScores() {
    Query query = MatchingForm.of(built("营商环境 光伏"));
    String shown = query.toString();
    // The smartcn words beside a Chinese term's character pairs only add to its score.
    assertTrue(built("营商环境 光伏").toString().contains("body_zh:营商环境"));
    assertFalse(shown.contains("body_zh:营商环境"), shown);
    assertTrue(shown.contains("body_zh_bigram:\"营商 商环 环境\""), shown);
    assertFalse(shown.contains("^"), "no boosts: " + shown);

    Query optionalWithMinimum =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Fields.BODY_EN, "solar")), BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term(Fields.BODY_EN, "wind")), BooleanClause.Occur.SHOULD)
            .setMinimumNumberShouldMatch(1)
            .build();
    assertSame(optionalWithMinimum, MatchingForm.of(optionalWithMinimum), "optional clauses that a match needs stay");
  }

  @Test
  void everyFieldTheMapperWritesForALanguageIsOneItsReleasesHold() {
    DocumentMapper mapper = new DocumentMapper(ThemeClassifier.bundled());
    for (PolicyDocument d :
        List.of(
            new PolicyDocument("z", Language.ZH, "标题", "正文", java.time.LocalDate.of(2019, 1, 2), "https://example.org/z", "来源", "国务院", "国发〔2019〕1号", "policy", "p"),
            new PolicyDocument("e", Language.EN, "Title", "Body", java.time.LocalDate.of(2019, 1, 2), "https://example.org/e", "Source", "State Council", "国发〔2019〕1号", "policy", "p"))) {
      for (var field : mapper.toDocument(d)) {
        if (field.fieldType().indexOptions() != org.apache.lucene.index.IndexOptions.NONE) {
          assertTrue(Fields.heldBy(field.name(), d.lang()), field.name() + " written for " + d.lang());
        }
      }
    }
  }

  @Test
  void aScopedQueryReadsNoneOfTheOtherLanguagesTextFields() {
    Query scoped = LanguageScope.of(built("营商环境 光伏"), Language.EN);
    Set<String> fields = fieldsRead(scoped);
    assertTrue(fields.contains(Fields.BODY_EN), "the glossary's English forms stay: " + fields);
    for (String chinese : List.of(Fields.TITLE_ZH, Fields.BODY_ZH, Fields.TITLE_ZH_BIGRAM, Fields.BODY_ZH_BIGRAM)) {
      assertFalse(fields.contains(chinese), chinese + " in " + scoped);
    }
  }

  @Test
  void aRequiredClauseNoReleaseOfTheLanguageCanMatchLeavesNothing() {
    Query required =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Fields.BODY_ZH, "光伏")), BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term(Fields.BODY_EN, "solar")), BooleanClause.Occur.SHOULD)
            .build();
    assertInstanceOf(MatchNoDocsQuery.class, LanguageScope.of(required, Language.EN));
    assertEquals(
        new BooleanQuery.Builder().add(new TermQuery(new Term(Fields.BODY_ZH, "光伏")), BooleanClause.Occur.MUST).build(),
        LanguageScope.of(required, Language.ZH),
        "for Chinese releases, the English clause goes");
    Query chineseOnly = new BooleanQuery.Builder().add(new TermQuery(new Term(Fields.BODY_ZH_BIGRAM, "光伏")), BooleanClause.Occur.MUST).build();
    assertSame(chineseOnly, LanguageScope.of(chineseOnly, Language.ZH), "nothing to cut: the query itself");

    Query bothOptional =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Fields.BODY_ZH, "光伏")), BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term(Fields.BODY_EN, "solar")), BooleanClause.Occur.SHOULD)
            .setMinimumNumberShouldMatch(2)
            .build();
    assertInstanceOf(MatchNoDocsQuery.class, LanguageScope.of(bothOptional, Language.EN), "two optional clauses needed, one left");

    Query onlyExcluded =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Fields.BODY_EN, "solar")), BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term(Fields.BODY_ZH, "光伏")), BooleanClause.Occur.MUST_NOT)
            .build();
    Query scoped = LanguageScope.of(onlyExcluded, Language.EN);
    assertEquals(Set.of(Fields.BODY_EN), fieldsRead(scoped), "an exclusion that excludes nothing is dropped: " + scoped);
  }
}
