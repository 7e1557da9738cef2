package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconCheckTest {

  @TempDir Path dir;

  private void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
  }

  private List<String> problems() throws IOException {
    return LexiconCheck.check(dir).problems().stream().map(LexiconCheck.Problem::toString).toList();
  }

  @Test
  void theBundledFilesKeepEveryRule() throws IOException {
    LexiconCheck.Report report = LexiconCheck.check(null);
    assertEquals(List.of(), report.problems());
    assertTrue(report.entries().get(PolicyLexicon.PARAPHRASES_FILE) >= 1000, report.entries().toString());
    assertTrue(report.entries().get(PolicyLexicon.TERMS_FILE) >= 2000, report.entries().toString());
  }

  @Test
  void eachBrokenLineIsNamedWithItsFileAndLine() throws IOException {
    write(PolicyLexicon.TERMS_FILE, "# terms\n光伏\n单\n光伏\n习 近平\n一带·一路\n工信部\n工业和信息化部\n");
    write(PolicyLexicon.SYNONYMS_FILE, "工业和信息化部 = 工信部\n发改委 = 国家发展改革委\n光伏\n工信部 = 工信\n");
    write(PolicyLexicon.PARAPHRASES_FILE, "看病难 = 就医难\n卖地 = 土地出让 | \n坐牢 = 服刑 | jail\n办事 = 辦事\n就医难 = 看病贵\n工信部 = 工信部门\n上学 = 上学\n");
    List<String> problems = problems();
    List<String> expected =
        List.of(
            "policy-lexicon.txt:3: '单' is shorter than two characters: ignored",
            "policy-lexicon.txt:4: '光伏' is already on line 2",
            "policy-lexicon.txt:5: '习 近平' has a space or a tab inside: one term per line",
            "policy-lexicon.txt:6: '一带·一路' has punctuation: smartcn cuts a term there, so it can never be joined",
            "synonyms.txt:2: '发改委' is not in policy-lexicon.txt: add it there so documents keep it whole",
            "synonyms.txt:2: '国家发展改革委' is not in policy-lexicon.txt: add it there so documents keep it whole",
            "synonyms.txt:3: expected 'form = form | form ...', found '光伏'",
            "synonyms.txt:4: '工信' is not in policy-lexicon.txt: add it there so documents keep it whole",
            "synonyms.txt:4: '工信部' is also in the group on line 1: put equivalent forms on one line",
            "paraphrases.txt:2: an empty form (two bars in a row, or a bar at the end)",
            "paraphrases.txt:3: 'jail' has something besides Chinese characters",
            "paraphrases.txt:4: '辦事' is folded to '办事' before search: write that",
            "paraphrases.txt:5: '就医难' is also in the group on line 1: put equivalent forms on one line",
            "paraphrases.txt:6: '工信部' is in synonyms.txt already: exact equivalents belong there only",
            "paraphrases.txt:7: a group needs two different forms");
    for (String p : expected) {
      assertTrue(problems.contains(p), "missing: " + p + "\nall: " + String.join("\n", problems));
    }
    assertEquals(expected.size(), problems.size(), String.join("\n", problems));
  }

  @Test
  void glossaryLinesNeedOneTabAndAChineseFormOnOneLineOnly() throws IOException {
    write(Glossary.FILE, "光伏\tphotovoltaic\n光伏\tsolar\n双碳 photovoltaic\n碳达峰 | \tcarbon peak\n");
    List<String> problems = problems().stream().filter(p -> p.startsWith(Glossary.FILE)).toList();
    assertEquals(
        List.of(
            "glossary-zh-en.tsv:2: '光伏' is already on glossary-zh-en.tsv:1: a Chinese form belongs on one line",
            "glossary-zh-en.tsv:3: expected 'chinese<TAB>english', found 0 tabs: ignored",
            "glossary-zh-en.tsv:4: an empty alternative on the Chinese side"),
        problems);
  }

  @Test
  void aFolderWithoutTheFilesHasNoLexiconAndTheBundledGlossary() throws IOException {
    LexiconCheck.Report report = LexiconCheck.check(dir);
    assertEquals(List.of(), report.problems());
    assertEquals(0, report.entries().get(PolicyLexicon.TERMS_FILE));
    assertTrue(report.entries().get(Glossary.FILE) >= 1000);
  }
}
