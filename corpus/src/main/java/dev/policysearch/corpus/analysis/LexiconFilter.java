package dev.policysearch.corpus.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Joins adjacent smartcn tokens back into a lexicon term (习 近 平 -> 习近平), keeping the parts:
 * the term comes first, spanning its parts (position length = number of parts), then the parts
 * at their own positions. A query for the whole term then matches it as one unit (scored with its
 * own, high IDF), and a query for a part still finds it.
 *
 * <p>Tokens read ahead are kept as plain copies of what a word tokenizer sets (text, offsets,
 * position increment and length, type) in a few reused slots, not as captured attribute states:
 * this filter sees every word of every release, and a state captured and restored per word cost
 * several percent of indexing time.
 */
public final class LexiconFilter extends TokenFilter {

  /** Most smartcn tokens a lexicon term is assembled from. */
  private static final int MAX_PARTS = 8;

  private final TermTrie trie;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute posLen = addAttribute(PositionLengthAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);

  /** A token held back: read ahead, or waiting to be emitted after a joined term. */
  private static final class Held {
    char[] text = new char[8];
    int length;
    int start;
    int end;
    int increment;
    int positionLength;
    String type;

    void copy(Held other) {
      text = ArrayUtil.grow(text, other.length);
      System.arraycopy(other.text, 0, text, 0, other.length);
      length = other.length;
      start = other.start;
      end = other.end;
      increment = other.increment;
      positionLength = other.positionLength;
      type = other.type;
    }
  }

  /** Tokens read ahead but not yet emitted: lookahead[0, lookaheadSize), oldest first. */
  private final Held[] lookahead = slots(MAX_PARTS);

  private int lookaheadSize;

  /** The parts of a joined term, emitted after it: pending[pendingNext, pendingSize). */
  private final Held[] pending = slots(MAX_PARTS);

  private int pendingNext;
  private int pendingSize;
  private char[] joined = new char[16];
  private int joinedLength;
  private boolean exhausted;

  public LexiconFilter(TokenStream input, PolicyLexicon lexicon) {
    super(input);
    this.trie = lexicon.trie();
  }

  private static Held[] slots(int n) {
    Held[] slots = new Held[n];
    for (int i = 0; i < n; i++) {
      slots[i] = new Held();
    }
    return slots;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (pendingNext < pendingSize) {
      emit(pending[pendingNext++]);
      return true;
    }
    if (lookaheadSize == 0) {
      if (exhausted || !input.incrementToken()) {
        exhausted = true;
        return false;
      }
      // Most tokens begin no lexicon term: they pass as they are, without reading ahead.
      if (!trie.goesOn(trie.walk(TermTrie.ROOT, term.buffer(), term.length()))) {
        return true;
      }
      keep();
    }
    int parts = longestMatch();
    if (parts < 2) {
      emit(lookahead[0]);
      drop(1);
      return true;
    }
    // The joined term, then its parts (the first part at the same position, with increment 0).
    Held first = lookahead[0];
    pendingNext = 0;
    pendingSize = parts;
    for (int i = 0; i < parts; i++) {
      pending[i].copy(lookahead[i]);
    }
    pending[0].increment = 0;
    int start = first.start;
    int end = lookahead[parts - 1].end;
    emit(first);
    term.copyBuffer(joined, 0, joinedLength(parts));
    offset.setOffset(start, end);
    posLen.setPositionLength(parts);
    drop(parts);
    return true;
  }

  /** How many of the tokens ahead join into the longest lexicon term (0 when none). */
  private int longestMatch() throws IOException {
    int best = 0;
    joinedLength = 0;
    append(lookahead[0]);
    int node = trie.walk(TermTrie.ROOT, lookahead[0].text, lookahead[0].length);
    for (int n = 2; n <= MAX_PARTS; n++) {
      if (!trie.goesOn(node)) {
        break; // no term goes on from here
      }
      fill(n);
      if (lookaheadSize < n) {
        break;
      }
      if (lookahead[n - 2].end != lookahead[n - 1].start) {
        break; // only tokens that touch in the text join
      }
      append(lookahead[n - 1]);
      node = trie.walk(node, lookahead[n - 1].text, lookahead[n - 1].length);
      if (trie.isTerm(node)) {
        best = n;
      }
    }
    return best;
  }

  /** The length of the first {@code parts} tokens ahead joined (they are in {@link #joined}). */
  private int joinedLength(int parts) {
    int length = 0;
    for (int i = 0; i < parts; i++) {
      length += lookahead[i].length;
    }
    return length;
  }

  private void append(Held token) {
    joined = ArrayUtil.grow(joined, joinedLength + token.length);
    System.arraycopy(token.text, 0, joined, joinedLength, token.length);
    joinedLength += token.length;
  }

  private void fill(int n) throws IOException {
    while (lookaheadSize < n && !exhausted) {
      if (input.incrementToken()) {
        keep();
      } else {
        exhausted = true;
      }
    }
  }

  /** Copies the current token to the end of the lookahead. */
  private void keep() {
    Held slot = lookahead[lookaheadSize++];
    int length = term.length();
    slot.text = ArrayUtil.grow(slot.text, length);
    System.arraycopy(term.buffer(), 0, slot.text, 0, length);
    slot.length = length;
    slot.start = offset.startOffset();
    slot.end = offset.endOffset();
    slot.increment = posInc.getPositionIncrement();
    slot.positionLength = posLen.getPositionLength();
    slot.type = type.type();
  }

  /** Removes the first {@code n} tokens of the lookahead, keeping their slots for reuse. */
  private void drop(int n) {
    for (int i = 0; i < n; i++) {
      Held freed = lookahead[0];
      System.arraycopy(lookahead, 1, lookahead, 0, lookahead.length - 1);
      lookahead[lookahead.length - 1] = freed;
    }
    lookaheadSize -= n;
  }

  private void emit(Held token) {
    clearAttributes();
    term.copyBuffer(token.text, 0, token.length);
    offset.setOffset(token.start, token.end);
    posInc.setPositionIncrement(token.increment);
    posLen.setPositionLength(token.positionLength);
    type.setType(token.type);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    lookaheadSize = 0;
    pendingNext = 0;
    pendingSize = 0;
    exhausted = false;
  }
}
