package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.lucene.analysis.cn.smart.Utility;
import org.junit.jupiter.api.Test;

class SmartcnModelTest {

  @Test
  void characterTypesAreSmartcnsForEveryCharacter() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      int expected = Utility.getCharType((char) c);
      if (SmartcnModel.charType((char) c) != expected) {
        assertEquals(expected, SmartcnModel.charType((char) c), "type of U+" + Integer.toHexString(c));
      }
    }
  }

  private static void assertSameTrie(SmartcnModel.Words expected, SmartcnModel.Words actual) {
    assertArrayEquals(expected.firstCharNode(), actual.firstCharNode(), "first-character nodes");
    assertArrayEquals(expected.childFrom(), actual.childFrom(), "child list starts");
    assertArrayEquals(expected.childChars(), actual.childChars(), "child characters");
    assertArrayEquals(expected.childNodes(), actual.childNodes(), "child nodes");
    assertArrayEquals(expected.frequencies(), actual.frequencies(), "frequencies");
  }

  private static byte[] written(SmartcnModel.Words words) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SmartcnModel.writeWords(words, out);
    return out.toByteArray();
  }

  @Test
  void theBuildShipsTheTrieOfSmartcnsCoreDictionary() throws IOException {
    try (InputStream in = SmartcnModel.class.getResourceAsStream(SmartcnModel.WORDS_RESOURCE)) {
      assertNotNull(in, SmartcnModel.WORDS_RESOURCE + " is written by the build (exec-maven-plugin, process-classes)");
      assertSameTrie(SmartcnModel.coreDictionary(), SmartcnModel.readWords(in));
    }
  }

  @Test
  void aTrieReadsBackAsWritten() throws IOException {
    SmartcnModel.Words words =
        SmartcnModel.words(new char[][] {"中国".toCharArray(), "中".toCharArray(), "中华".toCharArray()}, new int[] {5, 7, 3});
    assertTrue(words.frequencies().length >= 3);
    assertSameTrie(words, SmartcnModel.readWords(new ByteArrayInputStream(written(words))));
  }

  @Test
  void aDamagedFileIsRefusedNotUsed() throws IOException {
    SmartcnModel.Words words = SmartcnModel.words(new char[][] {"中国".toCharArray(), "中华".toCharArray()}, new int[] {5, 3});
    byte[] whole = written(words);

    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 1);
    assertThrows(IOException.class, () -> SmartcnModel.readWords(new ByteArrayInputStream(truncated)));

    byte[] badMagic = whole.clone();
    badMagic[0] ^= 1;
    assertThrows(IOException.class, () -> SmartcnModel.readWords(new ByteArrayInputStream(badMagic)));

    // A child node past the trie's end: the last int before the frequencies is the last child node.
    byte[] badChild = whole.clone();
    int childEnd = whole.length - 4 * words.frequencies().length;
    ByteBuffer.wrap(badChild).putInt(childEnd - 4, 1 << 20);
    assertThrows(IOException.class, () -> SmartcnModel.readWords(new ByteArrayInputStream(badChild)));

    assertThrows(IOException.class, () -> SmartcnModel.readWords(new ByteArrayInputStream(new byte[0])));
  }
}
