package dev.policysearch.corpus.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThemeClassifierTest {

  private static final String RULES =
      "# test rules\n"
          + "id\tzh\ten\tzh_keywords\ten_keywords\n"
          + "green\t绿色低碳\tGreen\t光伏 | 碳达峰\tphotovoltaic | carbon peak\n"
          + "digital\t数字化转型\tDigital\t数字化转型\tai | digital transformation\n";

  private final ThemeClassifier classifier = parse(RULES);

  @Test
  void titleKeywordIsEnough() {
    assertEquals(List.of("green"), classifier.themesOf(zh("关于促进光伏发展的意见", "正文")));
  }

  @Test
  void bodyNeedsSeveralMentions() {
    assertEquals(List.of(), classifier.themesOf(zh("通知", "光伏一次，碳达峰一次")));
    assertEquals(List.of("green"), classifier.themesOf(zh("通知", "光伏，光伏，碳达峰")));
  }

  @Test
  void englishKeywordsMatchWholeWordStartsOnly() {
    assertEquals(List.of(), classifier.themesOf(en("He said", "said said said maid")));
    assertEquals(List.of("digital"), classifier.themesOf(en("AI rules", "text")));
  }

  @Test
  void bundledRulesLoadWithTheTenKeyTaskThemes() {
    var bundled = ThemeClassifier.bundled();
    for (String id : List.of("innovation", "supply-chain", "digital", "green", "manufacturing", "rural", "opening-up", "livelihood", "security", "diplomacy")) {
      assertFalse(bundled.theme(id).isEmpty(), "theme " + id);
    }
  }

  private static ThemeClassifier parse(String rules) {
    try {
      return ThemeClassifier.parse(new ByteArrayInputStream(rules.getBytes(StandardCharsets.UTF_8)), "test");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static PolicyDocument zh(String title, String body) {
    return new PolicyDocument("z", Language.ZH, title, body, null, null, null, null, null, null, null);
  }

  private static PolicyDocument en(String title, String body) {
    return new PolicyDocument("e", Language.EN, title, body, null, null, null, null, null, null, null);
  }
}
