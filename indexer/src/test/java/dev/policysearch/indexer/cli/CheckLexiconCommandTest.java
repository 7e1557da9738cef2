package dev.policysearch.indexer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-lexicon} as an admin runs it: what it prints and its exit code. */
class CheckLexiconCommandTest {

  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = IndexerMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void theBundledFilesPass() {
    Run r = run("check-lexicon");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("paraphrases.txt"), r.out());
    assertTrue(r.out().contains("No problems."), r.out());
  }

  @Test
  void aBrokenLineIsNamedAndTheExitCodeSaysSo() throws Exception {
    Files.writeString(tmp.resolve("paraphrases.txt"), "看病难 = 就医难\n卖地 土地出让\n", StandardCharsets.UTF_8);
    Run r = run("check-lexicon", "--dir", tmp.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("paraphrases.txt:2: expected 'form = form | form ...', found '卖地 土地出让'"), r.out());
    assertTrue(r.out().contains("1 line(s) break a rule"), r.out());
  }

  @Test
  void aMissingFolderIsAUsageError() {
    Run r = run("check-lexicon", "--dir", tmp.resolve("nowhere").toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("no such folder"), r.err());
  }
}
