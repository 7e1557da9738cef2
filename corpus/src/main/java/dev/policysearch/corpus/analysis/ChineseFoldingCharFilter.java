package dev.policysearch.corpus.analysis;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;

/**
 * Applies {@link ChineseFolding} before tokenization, so the segmenter sees simplified text.
 * One character becomes one character: offsets need no correction.
 *
 * <p>{@link #withFullWidthAlphanumerics(Reader)} also folds full-width Latin letters and digits
 * (ＲＣＥＰ, ２０２４) to ASCII, and nothing else of the full-width block: the word segmenter's
 * dictionaries were built from text with full-width punctuation (，；：（）), and given the ASCII
 * forms instead it segments the same words about twice as slowly.
 */
public final class ChineseFoldingCharFilter extends CharFilter {

  private final boolean alphanumerics;

  public ChineseFoldingCharFilter(Reader in) {
    this(in, false);
  }

  private ChineseFoldingCharFilter(Reader in, boolean alphanumerics) {
    super(in);
    this.alphanumerics = alphanumerics;
  }

  /** Folds traditional characters, and full-width letters and digits to ASCII. */
  public static ChineseFoldingCharFilter withFullWidthAlphanumerics(Reader in) {
    return new ChineseFoldingCharFilter(in, true);
  }

  private char fold(char c) {
    if (alphanumerics && c >= '\uFF10' && c <= '\uFF5A' && Character.isLetterOrDigit(c)) {
      return (char) (c - 0xFEE0);
    }
    return ChineseFolding.fold(c);
  }

  @Override
  protected int correct(int currentOff) {
    return currentOff;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = input.read(buffer, offset, length);
    for (int i = offset; i < offset + n; i++) {
      buffer[i] = fold(buffer[i]);
    }
    return n;
  }

  @Override
  public int read() throws IOException {
    int c = input.read();
    return c < 0 ? c : fold((char) c);
  }
}
