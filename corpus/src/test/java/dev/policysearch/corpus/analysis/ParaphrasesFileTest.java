package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled paraphrases file keeps the rules docs/LEXICON.md gives for it. */
class ParaphrasesFileTest {

  private static List<String> lines(String file) throws IOException {
    try (InputStream in = PolicyLexicon.class.getResourceAsStream(PolicyLexicon.RESOURCE_DIR + file)) {
      assertTrue(in != null, file + " is bundled");
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
      return out;
    }
  }

  private static List<String> forms(String line) {
    List<String> forms = new ArrayList<>();
    String[] sides = line.split(" = ", -1);
    assertEquals(2, sides.length, "one ' = ' in: " + line);
    forms.add(sides[0]);
    forms.addAll(List.of(sides[1].split(" \\| ", -1)));
    return forms;
  }

  @Test
  void everyGroupIsWellFormed() throws IOException {
    Map<String, String> groupOf = new HashMap<>();
    List<String> lines = lines(PolicyLexicon.PARAPHRASES_FILE);
    assertTrue(lines.size() >= 1000, "groups: " + lines.size());
    for (String line : lines) {
      List<String> forms = forms(line);
      assertTrue(new HashSet<>(forms).size() >= 2, "two different forms at least: " + line);
      for (String form : forms) {
        assertTrue(form.length() >= 2 && form.length() <= 12, "2 to 12 characters: '" + form + "' in " + line);
        assertTrue(form.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), "Chinese only: '" + form + "'");
        assertEquals(form, PolicyLexicon.normalize(form), "simplified: " + form);
        String before = groupOf.put(form, line);
        assertTrue(before == null || before.equals(line), "'" + form + "' is in two groups: " + before + " / " + line);
      }
    }
  }

  @Test
  void noFormIsAlsoAnExactEquivalent() throws IOException {
    Set<String> synonyms = new HashSet<>();
    for (String line : lines(PolicyLexicon.SYNONYMS_FILE)) {
      for (String side : line.split("=", 2)) {
        for (String form : side.split("\\|")) {
          synonyms.add(PolicyLexicon.normalize(form));
        }
      }
    }
    for (String line : lines(PolicyLexicon.PARAPHRASES_FILE)) {
      for (String form : forms(line)) {
        assertTrue(!synonyms.contains(form), "'" + form + "' belongs to synonyms.txt already: " + line);
      }
    }
  }
}
