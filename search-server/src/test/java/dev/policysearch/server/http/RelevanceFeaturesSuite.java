package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relevance features over HTTP on the bundled sample corpus: lexicon equivalents, traditional
 * characters, document-number variants, cross-language search, query syntax, facets and filters. Subclasses index and serve on one backend
 * (embedded index or OpenSearch cluster) in a {@code @BeforeAll}; both must pass every check.
 */
abstract class RelevanceFeaturesSuite {

  @TempDir static Path tmp;

  static PolicySearchServer server;
  static ApiClient api;

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode search(String... params) {
    ApiClient.Response r = api.get("/api/search", params);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static List<String> ids(String... params) {
    return ApiClient.ids(search(params));
  }

  @Test
  void theTranslationOfAMatchFollowsIt() {
    JsonNode hits = search("q", "\"urban gas supply\" mining", "size", "10").get("hits");
    List<String> ids = ApiClient.ids(search("q", "\"urban gas supply\" mining", "size", "10"));
    assertEquals("sample-en-safety-month", ids.get(0), ids.toString());
    assertEquals("sample-zh-safety-month", ids.get(1), "the Chinese version comes right after: " + ids);
    assertEquals("sample-en-safety-month", hits.get(1).path("translation_of").asText(), "and says whose translation it is");
    assertFalse(hits.get(0).has("translation_of"), "a match of its own says nothing");
    JsonNode englishOnly = search("q", "\"urban gas supply\" mining", "lang", "en");
    assertFalse(ApiClient.ids(englishOnly).contains("sample-zh-safety-month"), "filters apply to translations too");
    JsonNode byDate = search("q", "\"urban gas supply\" mining", "sort", "date");
    assertFalse(ApiClient.ids(byDate).contains("sample-zh-safety-month"), "sorting by date lists matches only");
    assertEquals(byDate.get("total").asLong(), search("q", "\"urban gas supply\" mining").get("total").asLong(), "the total counts matches only");
  }

  @Test
  void anAbbreviationFindsReleasesThatUseTheFullName() {
    List<String> ids = ids("q", "工信部", "size", "50");
    assertTrue(ids.contains("sample-zh-specialized-smes"), ids.toString());
    assertTrue(ids.contains("sample-zh-fullwidth-5g"), ids.toString());
  }

  @Test
  void everydayWordingFindsTheReleaseInOfficialWording() {
    // The release says 高校毕业生 and 稳就业; the query says 应届毕业生 and 保就业 (paraphrases.txt).
    JsonNode hits = search("q", "应届毕业生 保就业", "lang", "zh").get("hits");
    assertEquals("sample-zh-graduate-employment", hits.get(0).path("id").asText(), hits.toString());
    assertTrue(hits.get(0).path("title_html").asText().contains("<mark>高校毕业生</mark>"), "the other wording is marked: " + hits.get(0));
    assertEquals(0, search("q", "\"应届毕业生\"", "lang", "zh").get("total").asLong(), "a quoted phrase means exactly that");
  }

  @Test
  void aLongPassagePastedInFindsWhereItComesFrom() throws Exception {
    String body = null;
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("../corpus/sample/policy-releases.jsonl"))) {
      JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      if (doc.path("id").asText().equals("sample-zh-decree-777")) {
        body = doc.path("body").asText().replaceAll("\\s+", "");
      }
    }
    String passage = body.substring(200, 1200);
    ApiClient.Response r = api.get("/api/search", "q", passage);
    assertEquals(200, r.status(), r.body());
    assertEquals("sample-zh-decree-777", ApiClient.ids(r.json()).get(0), r.body());
  }

  @Test
  void theAnswerListsWhatElseWasSearched() {
    JsonNode expansions = search("q", "工信部 应届毕业生").get("expansions");
    assertTrue(has(expansions, "工信部", "equivalent", "工业和信息化部"), expansions.toString());
    assertTrue(has(expansions, "应届毕业生", "paraphrase", "高校毕业生"), expansions.toString());
    JsonNode english = search("q", "photovoltaic").get("expansions");
    assertTrue(has(english, "photovoltaic", "translation", "光伏"), english.toString());
    assertEquals(0, search("q", "-工信部 光伏", "lang", "zh").get("expansions").findValues("term").stream().filter(t -> t.asText().equals("工信部")).count(), "an excluded term is not expanded");
    assertEquals(0, search("q", "六村联创").get("expansions").size(), "nothing else to search: an empty list");
  }

  private static boolean has(JsonNode expansions, String term, String kind, String form) {
    for (JsonNode e : expansions) {
      if (e.path("term").asText().equals(term) && e.path("kind").asText().equals(kind)) {
        for (JsonNode f : e.path("forms")) {
          if (f.asText().equals(form)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void simplifiedQueriesFindTraditionalTextAndTheOtherWayRound() {
    assertEquals("sample-zh-traditional-gba", ids("q", "粤港澳大湾区").get(0));
    assertTrue(ids("q", "國務院", "size", "50").contains("sample-zh-decree-777"));
  }

  @Test
  void fullWidthQueryFindsFullWidthText() {
    assertEquals("sample-zh-fullwidth-5g", ids("q", "5G 网络").get(0));
    assertEquals("sample-zh-fullwidth-5g", ids("q", "５Ｇ").get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"国发〔2024〕5号", "国发[2024]5号", "国发【2024】5号", "国发(2024)5号", "国发（2024）5号", "国发2024年5号", "国发 2024 5号", "doc_number:国发2024年5号"})
  void everyWayOfTypingADocumentNumberFindsThatDocumentFirst(String q) {
    assertEquals("sample-zh-state-council-5", ids("q", q).get(0), q);
  }

  @ParameterizedTest
  @ValueSource(strings = {"国务院令第777号", "国务院令777号", "国务院令 第777号"})
  void decreeNumbersWithOrWithoutDi(String q) {
    assertEquals("sample-zh-decree-777", ids("q", q).get(0), q);
  }

  @Test
  void aChineseQueryFindsEnglishReleasesThroughTheGlossary() {
    List<String> ids = ids("q", "新型工业化", "lang", "en");
    assertEquals("sample-en-new-industrialization", ids.get(0), ids.toString());
  }

  @Test
  void anEnglishQueryFindsChineseReleasesThroughTheGlossaryAfterEnglishOnes() {
    List<String> ids = ids("q", "photovoltaic", "size", "50");
    assertEquals("sample-en-pv-guideline", ids.get(0), ids.toString());
    assertTrue(ids.contains("sample-zh-pv-guideline"), ids.toString());
  }

  @Test
  void theBestMatchInTheOtherLanguageComesSecond() {
    JsonNode hits = search("q", "人工智能", "size", "10").get("hits");
    assertEquals("zh", hits.get(0).path("lang").asText(), hits.toString());
    assertEquals("sample-en-ai-forum-speech", hits.get(1).path("id").asText(), "the English release whose title names AI: " + hits);
    assertEquals("other-language", hits.get(1).path("placement").asText(), "and the hit says why it is there");
    assertTrue(hits.get(1).path("score").asDouble() < hits.get(2).path("score").asDouble(), "placed there, not scored there: " + hits);
    for (int i = 0; i < hits.size(); i++) {
      if (i != 1) {
        assertFalse(hits.get(i).has("placement"), "only the moved hit says so: " + hits.get(i));
      }
    }
    List<String> all = ApiClient.ids(search("q", "人工智能", "size", "10"));
    List<String> paged = new java.util.ArrayList<>(ids("q", "人工智能", "size", "3", "page", "1"));
    paged.addAll(ids("q", "人工智能", "size", "3", "page", "2"));
    assertEquals(all.subList(0, Math.min(6, all.size())), paged, "pages agree with one long page");
    assertEquals(1, all.stream().filter("sample-en-ai-forum-speech"::equals).count(), "listed once: " + all);
    assertFalse(
        search("q", "人工智能", "sort", "date").get("hits").toString().contains("placement"), "a list by date is in date order only");
    assertFalse(search("q", "人工智能", "lang", "zh").get("hits").toString().contains("placement"));
  }

  @Test
  void anEnglishQueryHasNoChineseReleaseMovedUp() {
    // Someone who types English may not read Chinese: the Chinese release on AI and new
    // industrialization (no English version) ranks by its own match, not moved to second place.
    JsonNode hits = search("q", "artificial intelligence", "size", "10").get("hits");
    assertEquals("sample-en-ai-forum-speech", hits.get(0).path("id").asText(), hits.toString());
    assertFalse(hits.toString().contains("placement"), hits.toString());
    assertEquals("en", hits.get(1).path("lang").asText(), hits.toString());
  }

  @Test
  void theEnglishBestMatchLeadsWhenTheFirstChineseTitleSaysNothingOfTheQuery() {
    // The 2019 ecology bulletin mentions carbon emissions trading in its body only; the English
    // release is about exactly that, in its title.
    List<String> chinese = ids("q", "碳排放 交易市场", "lang", "zh");
    assertEquals("sample-zh-ecology-bulletin-2019", chinese.get(0), chinese.toString());
    JsonNode hits = search("q", "碳排放 交易市场", "size", "10").get("hits");
    assertEquals("sample-en-carbon-market", hits.get(0).path("id").asText(), hits.toString());
    assertEquals("other-language", hits.get(0).path("placement").asText(), hits.toString());
    assertEquals("sample-zh-ecology-bulletin-2019", hits.get(1).path("id").asText(), "the Chinese release follows: " + hits);
    assertTrue(hits.get(0).path("score").asDouble() < hits.get(1).path("score").asDouble(), "placed there, not scored there: " + hits);
    List<String> paged = new java.util.ArrayList<>(ids("q", "碳排放 交易市场", "size", "1", "page", "1"));
    paged.addAll(ids("q", "碳排放 交易市场", "size", "1", "page", "2"));
    assertEquals(ApiClient.ids(search("q", "碳排放 交易市场", "size", "10")).subList(0, 2), paged, "pages agree with one long page");
  }

  @Test
  void aMatchInTheOtherLanguageWithoutTheQueryInItsTitleIsNotMoved() {
    // The best English match for 专精特新 ("Little Giants") has no match in its title.
    JsonNode hits = search("q", "专精特新", "size", "10").get("hits");
    assertEquals("sample-zh-specialized-smes", hits.get(0).path("id").asText(), hits.toString());
    assertFalse(hits.toString().contains("placement"), hits.toString());
    assertEquals("zh", hits.get(1).path("lang").asText(), hits.toString());
  }

  @Test
  void aMatchInTheOtherLanguageOfOneTermOfTwoIsNotMoved() {
    // The best English match has 碳市场 in its title, but nothing of 交易 anywhere.
    JsonNode english = search("q", "碳市场 交易", "lang", "en").get("hits").get(0);
    assertEquals("sample-en-carbon-market", english.path("id").asText(), english.toString());
    assertTrue(english.path("title_html").asText().contains("<mark>"), "its title matches: " + english);
    JsonNode hits = search("q", "碳市场 交易", "size", "10").get("hits");
    assertEquals("zh", hits.get(0).path("lang").asText(), hits.toString());
    assertEquals("zh", hits.get(1).path("lang").asText(), "one term of two is not enough: " + hits);
    assertFalse(hits.toString().contains("placement"), hits.toString());
  }

  @Test
  void mixedChineseAndEnglishInOneQuery() {
    List<String> ids = ids("q", "光伏 guideline", "size", "5");
    assertTrue(ids.subList(0, 3).containsAll(List.of("sample-zh-pv-guideline", "sample-en-pv-guideline")), ids.toString());
  }

  @Test
  void titleScopeLooksOnlyInTitles() {
    for (JsonNode hit : search("q", "title:光伏", "size", "50").get("hits")) {
      JsonNode doc = api.get("/api/documents/" + hit.get("id").asText()).json();
      if (doc.get("lang").asText().equals("zh")) {
        assertTrue(doc.get("title").asText().contains("光伏"), doc.get("title").asText());
      }
    }
  }

  @Test
  void issuerScopeAndExclusion() {
    List<String> byIssuer = ids("q", "issuer:国家能源局", "size", "50");
    assertTrue(byIssuer.contains("sample-zh-pv-guideline"), byIssuer.toString());
    List<String> excluded = ids("q", "碳达峰 -光伏", "size", "50");
    assertFalse(excluded.contains("sample-zh-pv-guideline"), excluded.toString());
    assertTrue(excluded.contains("sample-zh-new-industrialization"), excluded.toString());
  }

  @Test
  void quotedPhraseMustMatchExactly() {
    List<String> ids = ids("q", "\"长江经济带\"", "size", "50");
    assertTrue(ids.contains("sample-zh-yangtze-ecology"));
  }

  @Test
  void facetsCountEveryMatchingReleaseAndFiltersNarrow() {
    JsonNode result = search("q", "发展", "size", "1");
    JsonNode facets = result.get("facets");
    for (String facet : List.of("type", "theme", "year", "issuer", "lang")) {
      assertTrue(facets.has(facet), facet);
    }
    long sum = 0;
    for (JsonNode value : facets.get("lang")) {
      sum += value.get("count").asLong();
    }
    assertEquals(result.get("total").asLong(), sum, "language counts add up to the total");
    JsonNode firstType = facets.get("type").get(0);
    JsonNode filtered = search("q", "发展", "type", firstType.get("value").asText(), "size", "100");
    assertEquals(firstType.get("count").asLong(), filtered.get("total").asLong());
    filtered.get("hits").forEach(h -> assertEquals(firstType.get("value").asText(), h.get("type").asText()));
  }

  @Test
  void themeYearAndIssuerFilters() {
    JsonNode green = search("q", "发展", "theme", "green", "size", "100");
    assertTrue(green.get("total").asLong() > 0);
    green.get("hits").forEach(h -> assertTrue(h.get("themes").toString().contains("green"), h.toString()));
    search("q", "发展", "year", "2024", "size", "100").get("hits").forEach(h -> assertTrue(h.get("date").asText().startsWith("2024")));
    search("q", "发展", "issuer", "国务院", "size", "100").get("hits").forEach(h -> assertEquals("国务院", h.get("issuer").asText()));
    JsonNode themeFacet = search("q", "光伏").get("facets").get("theme");
    assertTrue(themeFacet.toString().contains("\"label\""), themeFacet.toString());
  }

  @Test
  void groupedPairsBecomeOneResultWithTheTranslationAttached() {
    JsonNode grouped = search("q", "光伏", "group", "pairs", "size", "20");
    JsonNode ungrouped = search("q", "光伏", "size", "20");
    JsonNode first = grouped.get("hits").get(0);
    assertEquals("sample-zh-pv-guideline", first.get("id").asText());
    assertEquals("sample-en-pv-guideline", first.get("pair").get("id").asText());
    assertTrue(first.get("pair").has("title_html"));
    List<String> ids = ApiClient.ids(grouped);
    assertFalse(ids.contains("sample-en-pv-guideline"), "the translation is not a result of its own: " + ids);
    assertEquals(ungrouped.get("total").asLong() - grouped.get("total").asLong(), ungrouped.get("hits").size() - grouped.get("hits").size());
  }

  @Test
  void everyHitNamesItsOtherLanguageVersion() {
    for (JsonNode hit : search("q", "new industrialization").get("hits")) {
      if (hit.get("id").asText().equals("sample-en-new-industrialization")) {
        assertEquals("sample-zh-new-industrialization", hit.get("pair_id").asText());
      }
    }
  }

  @Test
  void suggestionsOfferLexiconTermsAndTitles() {
    JsonNode body = api.get("/api/suggest", "q", "光伏").json();
    JsonNode suggestions = body.get("suggestions");
    assertEquals("光伏", suggestions.get(0).get("text").asText());
    assertEquals("term", suggestions.get(0).get("kind").asText());
    boolean title = false;
    for (JsonNode s : suggestions) {
      if (s.get("kind").asText().equals("title") && s.get("id").asText().equals("sample-zh-pv-guideline")) {
        title = true;
      }
    }
    assertTrue(title, suggestions.toString());
    JsonNode english = api.get("/api/suggest", "q", "photovol").json().get("suggestions");
    assertTrue(english.toString().contains("\"text\":\"photovoltaic"), "English terms come from the glossary: " + english);
    assertEquals(400, api.get("/api/suggest").status());
    assertEquals(400, api.get("/api/suggest", "q", "x", "size", "1000").status());
    assertEquals(0, api.get("/api/suggest", "q", " ").json().get("suggestions").size());
  }

  @Test
  void relatedDocumentsLeaveOutTheReleaseAndItsTranslation() {
    ApiClient.Response r = api.get("/api/documents/sample-zh-pv-guideline/related");
    assertEquals(200, r.status(), r.body());
    List<String> ids = ApiClient.ids(r.json());
    assertFalse(ids.isEmpty());
    assertFalse(ids.contains("sample-zh-pv-guideline"));
    assertFalse(ids.contains("sample-en-pv-guideline"));
    assertTrue(ids.contains("sample-zh-carbon-peak-energy"), ids.toString());
    assertEquals(404, api.get("/api/documents/no-such-id/related").status());
    assertEquals(400, api.get("/api/documents/sample-zh-pv-guideline/related", "size", "0").status());
  }

  @Test
  void snippetsAreSentencesWithMergedMarksAndTheBestFirst() {
    JsonNode hit = search("q", "光伏发电").get("hits").get(0);
    for (JsonNode snippet : hit.get("snippets")) {
      String s = snippet.asText();
      assertFalse(s.contains("</mark><mark>"), "touching matches are one mark: " + s);
      assertTrue(s.length() <= 400, "snippets are capped: " + s.length());
    }
    assertTrue(hit.get("snippets").get(0).asText().contains("<mark>"));
    assertTrue(hit.get("title_html").asText().contains("<mark>光伏发电</mark>"), hit.get("title_html").asText());
  }
}
