package dev.policysearch.corpus.highlight;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats highlighted passages as HTML-escaped text with every match wrapped in {@code <mark>}.
 * Overlapping and touching matches (the bigrams 新型 型工 工业 of one phrase) become a single
 * mark. Returns one string per passage.
 */
public final class MarkFormatter extends PassageFormatter {

  @Override
  public List<String> format(Passage[] passages, String content) {
    List<String> out = new ArrayList<>(passages.length);
    for (Passage passage : passages) {
      out.add(format(passage, content));
    }
    return out;
  }

  /** Longest passage shown, in characters; a longer sentence is cut around its first match. */
  static final int MAX_CHARS = 240;

  /** Characters kept before the first match when a long passage is cut. */
  private static final int LEAD = 60;

  static String format(Passage passage, String content) {
    StringBuilder sb = new StringBuilder(passage.getLength() + 32);
    int pos = passage.getStartOffset();
    int end = passage.getEndOffset();
    boolean cutStart = false;
    boolean cutEnd = false;
    if (end - pos > MAX_CHARS) {
      int firstMatch = passage.getNumMatches() > 0 ? passage.getMatchStarts()[0] : pos;
      int start = Math.max(pos, firstMatch - LEAD);
      cutStart = start > pos;
      pos = start;
      cutEnd = pos + MAX_CHARS < end;
      end = Math.min(end, pos + MAX_CHARS);
    }
    if (cutStart) {
      sb.append('…');
    }
    int[] starts = passage.getMatchStarts();
    int[] ends = passage.getMatchEnds();
    int n = passage.getNumMatches();
    int i = 0;
    while (i < n) {
      if (starts[i] >= end) {
        break;
      }
      if (ends[i] <= pos) {
        i++;
        continue;
      }
      int start = Math.max(starts[i], pos);
      int stop = ends[i];
      // Merge every following match that overlaps or touches this one.
      while (i + 1 < n && starts[i + 1] <= stop) {
        stop = Math.max(stop, ends[++i]);
      }
      i++;
      stop = Math.min(stop, end);
      if (start >= stop) {
        continue;
      }
      escape(sb, content, pos, start);
      sb.append("<mark>");
      escape(sb, content, start, stop);
      sb.append("</mark>");
      pos = stop;
    }
    escape(sb, content, pos, end);
    if (cutEnd) {
      sb.append('…');
    }
    return sb.toString().strip();
  }

  /** Appends {@code content[from, to)} with the characters that matter in HTML escaped. */
  static void escape(StringBuilder sb, String content, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = content.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '\n' -> sb.append(' ');
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(' ');
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    escape(sb, text, 0, text.length());
    return sb.toString();
  }
}
