package dev.policysearch.corpus.highlight;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Sentence boundaries for Chinese and English text alike: after 。！？；, after . ! ? ; followed
 * by a space, and at line breaks (paragraphs). Passages then start and end where a reader
 * expects, instead of mid-sentence.
 */
public final class SentenceBreakIterator extends BreakIterator {
  private String text = "";
  private int current;

  private boolean boundaryAt(int offset) {
    if (offset <= 0 || offset >= text.length()) {
      return true;
    }
    char before = text.charAt(offset - 1);
    switch (before) {
      case '。', '！', '？', '；', '\n' -> {
        return !isClosing(text.charAt(offset));
      }
      case '.', '!', '?', ';' -> {
        return Character.isWhitespace(text.charAt(offset));
      }
      case '”', '’', '」', '』', '）' -> {
        return offset >= 2 && "。！？；".indexOf(text.charAt(offset - 2)) >= 0;
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean isClosing(char c) {
    return c == '”' || c == '’' || c == '」' || c == '』' || c == '）';
  }

  @Override
  public int first() {
    current = 0;
    return current;
  }

  @Override
  public int last() {
    current = text.length();
    return current;
  }

  @Override
  public int next(int n) {
    int result = current;
    for (int i = 0; i < n && result != DONE; i++) {
      result = next();
    }
    for (int i = 0; i > n && result != DONE; i--) {
      result = previous();
    }
    return result;
  }

  @Override
  public int next() {
    if (current >= text.length()) {
      return DONE;
    }
    return boundaryAfter(current);
  }

  @Override
  public int previous() {
    if (current <= 0) {
      return DONE;
    }
    return boundaryBefore(current);
  }

  @Override
  public int following(int offset) {
    checkOffset(offset);
    if (offset >= text.length()) {
      current = text.length();
      return DONE;
    }
    return boundaryAfter(offset);
  }

  @Override
  public int preceding(int offset) {
    checkOffset(offset);
    if (offset <= 0) {
      current = 0;
      return DONE;
    }
    return boundaryBefore(offset);
  }

  /** Moves to the first boundary after {@code offset} (the end of the text at the latest). */
  private int boundaryAfter(int offset) {
    int i = offset + 1;
    while (i < text.length() && !boundaryAt(i)) {
      i++;
    }
    current = i;
    return current;
  }

  /** Moves to the last boundary before {@code offset} (the start of the text at the earliest). */
  private int boundaryBefore(int offset) {
    int i = offset - 1;
    while (i > 0 && !boundaryAt(i)) {
      i--;
    }
    current = i;
    return current;
  }

  @Override
  public boolean isBoundary(int offset) {
    checkOffset(offset);
    current = offset;
    return boundaryAt(offset);
  }

  private void checkOffset(int offset) {
    if (offset < 0 || offset > text.length()) {
      throw new IllegalArgumentException("offset " + offset + " outside 0.." + text.length());
    }
  }

  @Override
  public int current() {
    return current;
  }

  @Override
  public CharacterIterator getText() {
    return new StringCharacterIterator(text);
  }

  @Override
  public void setText(String newText) {
    text = newText;
    current = 0;
  }

  @Override
  public void setText(CharacterIterator newText) {
    StringBuilder sb = new StringBuilder();
    for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
      sb.append(c);
    }
    setText(sb.toString());
  }
}
