package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlossaryTest {

  private final Glossary glossary = parse(
      "# test\n"
          + "新型工业化\tnew industrialization | new-type industrialization\n"
          + "推进\tpromote | advance\n"
          + "记者会 | 新闻发布会\tpress conference\n"
          + "外交部\tMinistry of Foreign Affairs | Foreign Ministry\n");

  private static Glossary parse(String s) {
    try {
      return Glossary.parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void segmentsAChineseTermLongestFirstKeepingUntranslatedParts() {
    assertEquals(
        List.of(
            new Glossary.Segment("新型工业化", List.of("new industrialization", "new-type industrialization")),
            new Glossary.Segment("推进", List.of("promote", "advance")),
            new Glossary.Segment("大会", List.of())),
        glossary.segmentChinese("新型工业化推进大会"));
  }

  @Test
  void findsMultiWordEnglishEntriesCaseInsensitivelyIgnoringPunctuation() {
    assertEquals(
        List.of(new Glossary.Span(1, 3, List.of("记者会", "新闻发布会")), new Glossary.Span(3, 7, List.of("外交部"))),
        glossary.findEnglish(List.of("regular", "Press", "Conference,", "Ministry", "of", "Foreign", "Affairs")));
  }

  @Test
  void englishEntriesByPrefixShortestFirst() {
    assertEquals(List.of("press conference"), glossary.englishStartingWith("Press co", 5));
    assertEquals(List.of(), glossary.englishStartingWith("x", 5));
    assertEquals(List.of("ministry of foreign affairs"), glossary.englishStartingWith("minis", 5));
  }

  @Test
  void englishKeyLowerCasesBreaksWordsAtAllButLettersNumbersAndHyphens() {
    assertEquals("new-type industrialization", Glossary.englishKey("  New-Type\tIndustrialization. "));
    assertEquals("the 14th five-year plan 2021 2025", Glossary.englishKey("The 14th Five-Year Plan (2021–2025)"));
    assertEquals("xi jinping s speech", Glossary.englishKey("Xi Jinping's speech"));
    assertEquals("café ½ ⅻ 𝐀bc", Glossary.englishKey("CAFÉ, ½ & Ⅻ: 𝐀BC!"));
    assertEquals("", Glossary.englishKey(" ,;: "));
  }

  /** The key as it was once defined, by two regular expressions: the loop must give the same. */
  @Test
  void englishKeyAgreesWithItsRegularExpressionDefinition() {
    var random = new java.util.Random(7);
    String pool = "aZ09 -_.,'\t\u00a0\u2003ÉéßİıΣς½Ⅻ①中文\ud835\udc00\ud800x(–)";
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        text.append(pool.charAt(random.nextInt(pool.length())));
      }
      String lower = text.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\- ]", " ");
      String expected = lower.strip().replaceAll("\\s+", " ");
      assertEquals(expected, Glossary.englishKey(text.toString()), "for [" + text + "]");
    }
  }

  @Test
  void bundledEntriesByPrefixAreEveryEntryWithThatStartShortestFirst() {
    Glossary bundled = Glossary.bundled();
    for (String prefix : List.of("ministry", "state co", "belt and", "zz")) {
      List<String> all = bundled.englishStartingWith(prefix, Integer.MAX_VALUE);
      List<String> expected =
          bundled.englishForms().stream()
              .filter(e -> e.startsWith(prefix))
              .sorted(java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder()))
              .toList();
      assertEquals(expected, all, prefix);
      assertEquals(all.subList(0, Math.min(3, all.size())), bundled.englishStartingWith(prefix, 3));
    }
    assertTrue(bundled.englishStartingWith("ministry", 100).size() >= 5);
  }

  @Test
  void bundledGlossaryHasAtLeastAThousandEntries() {
    assertTrue(Glossary.bundled().size() >= 1000, "size " + Glossary.bundled().size());
  }

  @Test
  void everyGlossaryFileIsWellFormedAndNoChineseFormIsOnTwoLines() throws Exception {
    java.util.Map<String, String> seen = new java.util.HashMap<>();
    for (String file : Glossary.FILES) {
      try (var in = Glossary.class.getResourceAsStream(PolicyLexicon.RESOURCE_DIR + file)) {
        assertTrue(in != null, file + " is bundled");
        int lineNumber = 0;
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
          lineNumber++;
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String where = file + ":" + lineNumber;
          assertEquals(2, line.split("\t", -1).length, where + " has one TAB: " + line);
          for (String zh : line.split("\t")[0].split("\\|")) {
            String form = zh.strip();
            assertTrue(!form.isEmpty(), where + ": empty alternative");
            String before = seen.put(form, where);
            assertTrue(before == null, form + " is on " + before + " and " + where);
          }
        }
      }
    }
    assertTrue(seen.size() > 10_000, "Chinese forms: " + seen.size());
  }

  @Test
  void placeNamesAndNewsWordsTranslate() {
    assertEquals(java.util.List.of("zhuzhou"), Glossary.bundled().segmentChinese("株洲").get(0).english());
    assertTrue(Glossary.bundled().findEnglish(java.util.List.of("Suez", "Canal")).size() == 1);
  }
}
