package dev.policysearch.corpus.highlight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class MarkFormatterTest {

  private static Passage passage(int start, int end, int[]... matches) {
    Passage p = new Passage();
    p.setStartOffset(start);
    p.setEndOffset(end);
    for (int[] m : matches) {
      p.addMatch(m[0], m[1], new BytesRef("x"), 1);
    }
    return p;
  }

  @Test
  void overlappingAndTouchingMatchesBecomeOneMark() {
    String text = "推进新型工业化建设";
    // bigrams 新型 型工 工业 业化 overlap; 建设 touches 业化
    Passage p = passage(0, text.length(), new int[] {2, 4}, new int[] {3, 5}, new int[] {4, 6}, new int[] {5, 7}, new int[] {7, 9});
    assertEquals("推进<mark>新型工业化建设</mark>", MarkFormatter.format(p, text));
  }

  @Test
  void textIsHtmlEscapedInsideAndOutsideMarks() {
    String text = "a<b> & \"c\" <script>";
    Passage p = passage(0, text.length(), new int[] {0, 4});
    assertEquals("<mark>a&lt;b&gt;</mark> &amp; &quot;c&quot; &lt;script&gt;", MarkFormatter.format(p, text));
  }

  @Test
  void longPassagesAreCutAroundTheFirstMatch() {
    String text = "甲".repeat(500) + "光伏" + "乙".repeat(500);
    Passage p = passage(0, text.length(), new int[] {500, 502});
    String s = MarkFormatter.format(p, text);
    assertTrue(s.startsWith("…") && s.endsWith("…"), s);
    assertTrue(s.contains("<mark>光伏</mark>"));
    assertTrue(s.length() <= MarkFormatter.MAX_CHARS + 20, "length " + s.length());
  }

  @Test
  void lineBreaksAndControlCharactersBecomeSpaces() {
    String text = "第一段\n第二段\u0001";
    assertEquals("第一段 第二段", MarkFormatter.format(passage(0, text.length()), text));
  }
}
