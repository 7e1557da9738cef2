package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLexiconTest {

  private static ByteArrayInputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTermsAndSynonymGroupsIgnoringCommentsAndBlankLines() throws IOException {
    PolicyLexicon lexicon =
        PolicyLexicon.parse(
            text("# names\n习近平\n\n光伏\n单\n"), text("# organs\n工业和信息化部 = 工信部\n十八大 = 党的十八大 | 中国共产党第十八次全国代表大会\n"));
    assertTrue(lexicon.contains("习近平"));
    assertTrue(lexicon.contains("工信部"), "synonym forms are lexicon terms too");
    assertTrue(!lexicon.contains("单"), "single characters are not terms");
    assertEquals(List.of("工信部"), lexicon.equivalents("工业和信息化部"));
    assertEquals(List.of("工业和信息化部"), lexicon.equivalents("工信部"));
    assertEquals(List.of("党的十八大", "中国共产党第十八次全国代表大会"), lexicon.equivalents("十八大"));
  }

  @Test
  void paraphrasesGoBothWaysButAreNotLexiconTerms() throws IOException {
    PolicyLexicon lexicon = PolicyLexicon.parse(text("光伏\n"), null, text("# == 土地 ==\n土地出让 = 卖地 | 卖地皮\n"));
    assertEquals(List.of("卖地", "卖地皮"), lexicon.paraphrases("土地出让"));
    assertEquals(List.of("土地出让", "卖地皮"), lexicon.paraphrases("卖地"));
    assertTrue(!lexicon.contains("卖地"), "documents are analysed as before: no re-index when paraphrases change");
    assertTrue(lexicon.equivalents("卖地").isEmpty(), "nor are they exact equivalents");
    assertEquals(4, lexicon.longestParaphrase());
  }

  @Test
  void termsAndLongerTermsAreFoundAsASetOfTermsAndTheirPrefixesWouldFindThem() {
    PolicyLexicon lexicon = PolicyLexicon.bundled();
    java.util.Set<String> prefixes = new java.util.HashSet<>();
    for (String term : lexicon.terms()) {
      for (int end = 1; end < term.length(); end++) {
        prefixes.add(term.substring(0, end));
      }
    }
    java.util.List<String> probes = new java.util.ArrayList<>(lexicon.terms());
    probes.addAll(prefixes);
    java.util.Random random = new java.util.Random(7);
    for (String term : lexicon.terms()) {
      probes.add(term + term.charAt(random.nextInt(term.length()))); // one character too many
      probes.add(term.substring(1));
      probes.add(new StringBuilder(term).reverse().toString());
    }
    probes.add("");
    assertTrue(lexicon.terms().size() >= 2_000, "the bundled lexicon: " + lexicon.terms().size());
    for (String probe : probes) {
      assertEquals(lexicon.terms().contains(probe), lexicon.containsChars(probe), probe);
      assertEquals(prefixes.contains(probe), lexicon.startsLongerTerm(probe), probe);
    }
  }

  @Test
  void entriesAreFoldedLikeTheText() throws IOException {
    PolicyLexicon lexicon = PolicyLexicon.parse(text("粵港澳大灣區\n"), null);
    assertTrue(lexicon.contains("粤港澳大湾区"));
  }

  @Test
  void bundledLexiconHasAtLeastTwoThousandTermsAndTheShorthandGroups() {
    PolicyLexicon lexicon = PolicyLexicon.bundled();
    assertTrue(lexicon.size() >= 2000, "size " + lexicon.size());
    assertTrue(lexicon.equivalents("工信部").contains("工业和信息化部"));
    assertTrue(lexicon.equivalents("十八大").stream().anyMatch(f -> f.contains("第十八次全国代表大会")));
    assertTrue(lexicon.equivalents("双碳").stream().anyMatch(f -> f.contains("碳达峰")));
  }

  @Test
  void bundledTermsByPrefixAreEveryTermWithThatStartShortestFirst() {
    PolicyLexicon lexicon = PolicyLexicon.bundled();
    for (String prefix : List.of("中国", "国务院", "粤港", "乡村振", "ㄅ")) {
      List<String> expected =
          lexicon.terms().stream()
              .filter(t -> t.startsWith(prefix))
              .sorted(java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder()))
              .toList();
      assertEquals(expected, lexicon.termsStartingWith(prefix, Integer.MAX_VALUE), prefix);
      assertEquals(expected.subList(0, Math.min(2, expected.size())), lexicon.termsStartingWith(prefix, 2), prefix);
    }
    assertTrue(lexicon.termsStartingWith("中国", 100).size() >= 3);
  }
}
