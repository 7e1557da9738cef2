package dev.policysearch.corpus.analysis;

import com.ibm.icu.text.Transliterator;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folds traditional Chinese characters to simplified ones (經濟 -> 经济, 國務院 -> 国务院), one
 * character for one character, so offsets into the original text stay valid for highlighting.
 * The table is derived from ICU's Traditional-Simplified transform; characters ICU maps to more or
 * fewer than one character are left alone.
 *
 * <p>Deriving it takes about 180 ms (ICU compiles the transform's rules first), at every start
 * of the indexer and the server. So the build derives it once ({@link #main}, run by Maven after
 * compiling) and ships the result as {@value #RESOURCE}, which loads in about a millisecond; a
 * class folder without it (a build that skipped that step) derives the table as before.
 */
public final class ChineseFolding {
  private ChineseFolding() {}

  private static final int FIRST = 0x3400;
  private static final int LAST = 0x9FFF;

  /** The table as the build writes it, beside this class: the characters that fold, in pairs. */
  static final String RESOURCE = "traditional-simplified.bin";

  /** simplified[c - FIRST] is the simplified form of c, or c itself. */
  private static final char[] SIMPLIFIED = table();

  private static char[] table() {
    try (InputStream in = ChineseFolding.class.getResourceAsStream(RESOURCE)) {
      return in == null ? fromIcu() : read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the corpus jar; rebuild it: ./policy-search build", e);
    }
  }

  /** The table derived from ICU's transform, character by character. */
  static char[] fromIcu() {
    Transliterator toSimplified = Transliterator.getInstance("Traditional-Simplified");
    char[] table = identity();
    for (int c = FIRST; c <= LAST; c++) {
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

  private static char[] identity() {
    char[] table = new char[LAST - FIRST + 1];
    for (int c = FIRST; c <= LAST; c++) {
      table[c - FIRST] = (char) c;
    }
    return table;
  }

  /** Reads what {@link #write} wrote: a count, then (traditional, simplified) pairs. */
  static char[] read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in));
    char[] table = identity();
    int pairs = data.readInt();
    for (int i = 0; i < pairs; i++) {
      char from = data.readChar();
      char to = data.readChar();
      if (from < FIRST || from > LAST) {
        throw new IOException(RESOURCE + ": character U+" + Integer.toHexString(from) + " is outside the folded range");
      }
      table[from - FIRST] = to;
    }
    return table;
  }

  /** Writes the characters of {@code table} that fold to another. */
  static void write(char[] table, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    int pairs = 0;
    for (int i = 0; i < table.length; i++) {
      pairs += table[i] != FIRST + i ? 1 : 0;
    }
    data.writeInt(pairs);
    for (int i = 0; i < table.length; i++) {
      if (table[i] != FIRST + i) {
        data.writeChar(FIRST + i);
        data.writeChar(table[i]);
      }
    }
    data.flush();
  }

  /** A copy of the table this class uses (from the resource, or derived when it is missing). */
  static char[] tableInUse() {
    return SIMPLIFIED.clone();
  }

  /**
   * Build step: derives the table from ICU and writes it to the file named by the one argument
   * (the class folder's {@value #RESOURCE} beside this class).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ChineseFolding OUTPUT_FILE");
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream stream = Files.newOutputStream(out)) {
      write(fromIcu(), stream);
    }
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
