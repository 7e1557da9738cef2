package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ChineseFoldingTest {

  @Test
  void theTableTheBuildShipsIsTheOneIcuGives() throws IOException {
    try (InputStream in = ChineseFolding.class.getResourceAsStream(ChineseFolding.RESOURCE)) {
      assertNotNull(in, ChineseFolding.RESOURCE + " is written by the build (exec-maven-plugin, process-classes)");
      assertArrayEquals(ChineseFolding.fromIcu(), ChineseFolding.read(in));
    }
    assertArrayEquals(ChineseFolding.fromIcu(), ChineseFolding.tableInUse(), "the class uses the shipped table");
  }

  @Test
  void foldsTraditionalCharactersOneForOne() {
    assertEquals("国务院关于经济工作的报告", ChineseFolding.fold("國務院關於經濟工作的報告"));
    assertEquals("already 简体 text, ２０２４", ChineseFolding.fold("already 简体 text, ２０２４"));
    assertEquals('A', ChineseFolding.fold('A'));
  }

  @Test
  void writeThenReadGivesTheSameTable() throws IOException {
    char[] table = ChineseFolding.tableInUse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChineseFolding.write(table, out);
    assertArrayEquals(table, ChineseFolding.read(new ByteArrayInputStream(out.toByteArray())));
  }

  @Test
  void aPairOutsideTheFoldedRangeIsRefused() {
    byte[] bad = {0, 0, 0, 1, 0, 'A', 0, 'B'};
    assertThrows(IOException.class, () -> ChineseFolding.read(new ByteArrayInputStream(bad)));
  }
}
