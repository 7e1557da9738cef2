package dev.policysearch.corpus.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Joins adjacent smartcn tokens back into a lexicon term (习 近 平 -> 习近平), keeping the parts:
 * the term comes first, spanning its parts (position length = number of parts), then the parts
 * at their own positions. A query for the whole term then matches it as one unit (scored with its
 * own, high IDF), and a query for a part still finds it.
 */
public final class LexiconFilter extends TokenFilter {

  /** Most smartcn tokens a lexicon term is assembled from. */
  private static final int MAX_PARTS = 8;

  private final PolicyLexicon lexicon;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute posLen = addAttribute(PositionLengthAttribute.class);

  /** Tokens read ahead but not yet emitted. */
  private final List<AttributeSource.State> lookahead = new ArrayList<>();
  private final List<String> lookaheadTerms = new ArrayList<>();
  private final List<int[]> lookaheadOffsets = new ArrayList<>();
  private final Deque<AttributeSource.State> pending = new ArrayDeque<>();
  private final StringBuilder joined = new StringBuilder();
  private boolean exhausted;

  public LexiconFilter(TokenStream input, PolicyLexicon lexicon) {
    super(input);
    this.lexicon = lexicon;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!pending.isEmpty()) {
      restoreState(pending.poll());
      return true;
    }
    if (lookahead.isEmpty()) {
      if (exhausted || !input.incrementToken()) {
        exhausted = true;
        return false;
      }
      // Most tokens begin no lexicon term: they pass as they are, without reading ahead.
      if (!lexicon.startsLongerTerm(term.buffer(), term.length())) {
        return true;
      }
      keep();
    }
    int parts = longestMatch();
    if (parts < 2) {
      restoreState(take());
      return true;
    }
    // The joined term, then its parts (the first part at the same position).
    joined.setLength(0);
    for (int i = 0; i < parts; i++) {
      joined.append(lookaheadTerms.get(i));
    }
    int start = lookaheadOffsets.get(0)[0];
    int end = lookaheadOffsets.get(parts - 1)[1];
    List<AttributeSource.State> partStates = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      partStates.add(take());
    }
    restoreState(partStates.get(0));
    int firstIncrement = posInc.getPositionIncrement();
    posInc.setPositionIncrement(0);
    pending.add(captureState());
    for (int i = 1; i < parts; i++) {
      pending.add(partStates.get(i));
    }
    restoreState(partStates.get(0));
    term.setEmpty().append(joined);
    offset.setOffset(start, end);
    posInc.setPositionIncrement(firstIncrement);
    posLen.setPositionLength(parts);
    return true;
  }

  /** How many of the tokens ahead join into the longest lexicon term (0 when none). */
  private int longestMatch() throws IOException {
    int best = 0;
    joined.setLength(0);
    joined.append(lookaheadTerms.get(0));
    for (int n = 2; n <= MAX_PARTS; n++) {
      if (!lexicon.startsLongerTerm(joined)) {
        break; // no term goes on from here
      }
      fill(n);
      if (lookahead.size() < n) {
        break;
      }
      int[] previous = lookaheadOffsets.get(n - 2);
      int[] next = lookaheadOffsets.get(n - 1);
      if (previous[1] != next[0]) {
        break; // only tokens that touch in the text join
      }
      joined.append(lookaheadTerms.get(n - 1));
      if (joined.length() > lexicon.longestTerm()) {
        break;
      }
      if (lexicon.containsChars(joined)) {
        best = n;
      }
    }
    return best;
  }

  private void fill(int n) throws IOException {
    while (lookahead.size() < n && !exhausted) {
      if (input.incrementToken()) {
        keep();
      } else {
        exhausted = true;
      }
    }
  }

  /** Puts the current token at the end of the lookahead. */
  private void keep() {
    lookahead.add(captureState());
    lookaheadTerms.add(term.toString());
    lookaheadOffsets.add(new int[] {offset.startOffset(), offset.endOffset()});
  }

  private AttributeSource.State take() {
    lookaheadTerms.remove(0);
    lookaheadOffsets.remove(0);
    return lookahead.remove(0);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    lookahead.clear();
    lookaheadTerms.clear();
    lookaheadOffsets.clear();
    pending.clear();
    exhausted = false;
  }
}
