package dev.policysearch.corpus.analysis;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;

/**
 * Applies {@link ChineseFolding} before tokenization, so the segmenter sees simplified text.
 * One character becomes one character: offsets need no correction.
 */
public final class ChineseFoldingCharFilter extends CharFilter {

  public ChineseFoldingCharFilter(Reader in) {
    super(in);
  }

  @Override
  protected int correct(int currentOff) {
    return currentOff;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = input.read(buffer, offset, length);
    for (int i = offset; i < offset + n; i++) {
      buffer[i] = ChineseFolding.fold(buffer[i]);
    }
    return n;
  }

  @Override
  public int read() throws IOException {
    int c = input.read();
    return c < 0 ? c : ChineseFolding.fold((char) c);
  }
}
