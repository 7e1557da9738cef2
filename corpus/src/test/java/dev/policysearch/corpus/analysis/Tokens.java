package dev.policysearch.corpus.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** Test helper: the tokens an analyzer makes of a text, with or without their offsets. */
final class Tokens {
  private Tokens() {}

  static List<String> of(Analyzer analyzer, String text) {
    return of(analyzer, "f", text);
  }

  static List<String> of(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    run(analyzer, field, text, (term, start, end) -> out.add(term));
    return out;
  }

  /** Tokens as {@code term[start,end)}. */
  static List<String> withOffsets(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    run(analyzer, "f", text, (term, start, end) -> out.add(term + "[" + start + "," + end + ")"));
    return out;
  }

  /** Tokens as {@code term[start,end)+increment/length}. */
  static List<String> withPositions(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      var inc = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
      var len = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term + "[" + offset.startOffset() + "," + offset.endOffset() + ")+" + inc.getPositionIncrement() + "/" + len.getPositionLength());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private interface Sink {
    void accept(String term, int start, int end);
  }

  private static void run(Analyzer analyzer, String field, String text, Sink sink) {
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        sink.accept(term.toString(), offset.startOffset(), offset.endOffset());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
