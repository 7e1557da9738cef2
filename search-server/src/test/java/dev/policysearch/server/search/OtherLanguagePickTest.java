package dev.policysearch.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.query.UserQueryParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtherLanguagePickTest {
  private final UserQueryParser parser = new UserQueryParser();

  private Optional<Language> other(String q, String... langFilter) {
    return OtherLanguagePick.otherThan(parser.parse(q), List.of(langFilter));
  }

  @Test
  void theOtherLanguageIsEnglishForChineseAndNoneForEnglish() {
    assertEquals(Optional.of(Language.EN), other("新型工业化 推进大会"));
    assertEquals(Optional.empty(), other("new industrialization"), "someone who types English may not read Chinese");
  }

  @Test
  void latinAbbreviationsBesideChineseLeaveTheQueryChinese() {
    assertEquals(Optional.of(Language.EN), other("5G 应用"));
    assertEquals(Optional.of(Language.EN), other("AI 赋能 千行百业"));
  }

  @Test
  void digitsSignsAndExcludedTermsDoNotCount() {
    assertEquals(Optional.empty(), other("2019 〔5〕"));
    assertEquals(Optional.empty(), other("photovoltaic -光伏"), "an English query with an excluded Chinese term");
    assertEquals(Optional.of(Language.EN), other("光伏 -photovoltaic"));
  }

  @Test
  void aLanguageFilterWithoutTheOtherLanguageTurnsThePickOff() {
    assertEquals(Optional.empty(), other("人工智能", "zh"));
    assertEquals(Optional.of(Language.EN), other("人工智能", "zh", "en"));
    assertEquals(Optional.of(Language.EN), other("人工智能", "en"));
  }

  @Test
  void thePickGoesSecondAndLeavesItsOldPlace() {
    assertEquals(List.of("a", "x", "b", "c"), OtherLanguagePick.place(List.of("a", "b", "x", "c"), "x", OtherLanguagePick.SLOT, String::equals));
  }

  @Test
  void aPickLeadsWhenTheFirstTitleSaysNothingOfTheQuery() {
    assertEquals(List.of("x", "a", "b", "c"), OtherLanguagePick.place(List.of("a", "b", "x", "c"), "x", OtherLanguagePick.LEAD, String::equals));
  }

  @Test
  void thePickLeadsExceptForADocumentNumber() {
    assertTrue(OtherLanguagePick.mayLead("碳排放 交易市场"));
    assertFalse(OtherLanguagePick.mayLead("中华人民共和国主席令第三号"), "a number finds its release by the number");
    assertFalse(OtherLanguagePick.mayLead("国发〔2019〕5号"));
  }

  @Test
  void aPickFromFurtherDownPushesTheLastOneToTheNextPage() {
    assertEquals(List.of("a", "x", "b"), OtherLanguagePick.place(List.of("a", "b", "c"), "x", OtherLanguagePick.SLOT, String::equals));
  }

  @Test
  void aTitleCountsAsMatchingOnlyWithAMarkedWord() {
    assertEquals(true, OtherLanguagePick.marked("Keynote Speech on <mark>Artificial Intelligence</mark>"));
    assertEquals(true, OtherLanguagePick.marked("国务院关于<mark>人工智能</mark>的意见"));
    assertEquals(false, OtherLanguagePick.marked("Regular Press Conference on January 7, <mark>2019</mark>"));
    assertEquals(false, OtherLanguagePick.marked("No marks at all"));
    assertEquals(false, OtherLanguagePick.marked(null));
    assertEquals(true, OtherLanguagePick.marked("<mark>2019</mark> <mark>Government Work Report</mark>"));
  }

  @Test
  void aPickMustMatchEveryTermButOneAndMoreThanHalf() {
    float unit = dev.policysearch.corpus.query.PolicyQueryBuilder.leastScoreMatching(1);
    // One term: it must match.
    assertEquals(true, OtherLanguagePick.matchesNearlyAll(parser.parse("新型工业化"), unit + 15));
    // Two terms: both.
    assertEquals(false, OtherLanguagePick.matchesNearlyAll(parser.parse("个人信息保护 法律"), unit + 9));
    assertEquals(true, OtherLanguagePick.matchesNearlyAll(parser.parse("个人信息保护 法律"), 2 * unit + 9));
    // Four terms: three (a verb the glossary lacks may be missing).
    assertEquals(true, OtherLanguagePick.matchesNearlyAll(parser.parse("长沙 大阪 国际货运航线 开通"), 3 * unit + 20));
    // Five terms: four; three place names are not enough.
    assertEquals(false, OtherLanguagePick.matchesNearlyAll(parser.parse("广东 香港 澳门 合建 自动气象站"), 3 * unit + 12));
    // Excluded terms do not count.
    assertEquals(true, OtherLanguagePick.matchesNearlyAll(parser.parse("人工智能 -专精特新"), unit + 5));
  }
}
