package dev.policysearch.corpus.analysis;

import com.ibm.icu.text.Transliterator;

/**
 * Folds traditional Chinese characters to simplified ones (經濟 -> 经济, 國務院 -> 国务院), one
 * character for one character, so offsets into the original text stay valid for highlighting.
 * The table is derived once from ICU's Traditional-Simplified transform; characters ICU maps to
 * more or fewer than one character are left alone.
 */
public final class ChineseFolding {
  private ChineseFolding() {}

  private static final int FIRST = 0x3400;
  private static final int LAST = 0x9FFF;

  /** simplified[c - FIRST] is the simplified form of c, or c itself. */
  private static final char[] SIMPLIFIED = table();

  private static char[] table() {
    Transliterator toSimplified = Transliterator.getInstance("Traditional-Simplified");
    char[] table = new char[LAST - FIRST + 1];
    for (int c = FIRST; c <= LAST; c++) {
      table[c - FIRST] = (char) c;
      if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
        continue;
      }
      String folded = toSimplified.transliterate(String.valueOf((char) c));
      if (folded.length() == 1) {
        table[c - FIRST] = folded.charAt(0);
      }
    }
    return table;
  }

  /** The simplified form of one character (the character itself when it has none). */
  public static char fold(char c) {
    return c >= FIRST && c <= LAST ? SIMPLIFIED[c - FIRST] : c;
  }

  /** The text with every traditional character folded. */
  public static String fold(CharSequence text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fold(text.charAt(i));
    }
    return new String(out);
  }
}
