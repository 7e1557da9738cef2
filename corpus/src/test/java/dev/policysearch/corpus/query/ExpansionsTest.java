package dev.policysearch.corpus.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.query.Expansions.Expansion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpansionsTest {

  private static ByteArrayInputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private final Expansions expansions;

  ExpansionsTest() throws IOException {
    PolicyLexicon lexicon = PolicyLexicon.parse(text("光伏\n"), text("工业和信息化部 = 工信部\n"), text("高校毕业生 = 应届毕业生 | 大学毕业生\n"));
    expansions = new Expansions(lexicon, Glossary.bundled());
  }

  private List<Expansion> of(String q) {
    return expansions.of(new UserQueryParser().parse(q));
  }

  @Test
  void equivalentsAndOtherWordingsAreListedPerTerm() {
    List<Expansion> out = of("工信部 应届毕业生");
    assertTrue(out.contains(new Expansion("工信部", Expansions.EQUIVALENT, List.of("工业和信息化部"))), out.toString());
    assertTrue(out.contains(new Expansion("应届毕业生", Expansions.PARAPHRASE, List.of("高校毕业生", "大学毕业生"))), out.toString());
  }

  @Test
  void translationsGoBothWays() {
    List<Expansion> chinese = of("光伏");
    assertTrue(chinese.stream().anyMatch(e -> e.kind().equals(Expansions.TRANSLATION) && e.term().equals("光伏") && e.forms().contains("photovoltaic")), chinese.toString());
    List<Expansion> english = of("photovoltaic power");
    assertTrue(english.stream().anyMatch(e -> e.kind().equals(Expansions.TRANSLATION) && e.forms().contains("光伏")), english.toString());
  }

  @Test
  void excludedTermsQuotedPhrasesAndScopedTermsAreNotParaphrased() {
    assertTrue(of("光伏 -应届毕业生").stream().noneMatch(e -> e.term().equals("应届毕业生")));
    assertTrue(of("\"应届毕业生\"").stream().noneMatch(e -> e.kind().equals(Expansions.PARAPHRASE)));
    assertTrue(of("title:工信部").isEmpty());
  }

  @Test
  void aQueryWithNothingToExpandHasNoExpansions() {
    assertEquals(List.of(), of("六村联创"), "neither in the lexicon nor the glossary");
  }
}
