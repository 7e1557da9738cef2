package dev.policysearch.corpus.highlight;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 of the passage as a small document, times a bonus for passages
 * early in the text), computed without a hash table per passage.
 *
 * <p>The stock scorer sets up a {@code BytesRefHash} for every candidate passage to count each
 * term once. A long law has hundreds of candidate passages with a handful of matches each, and
 * those tables cost more than the scoring. Here the distinct terms are found by comparing the
 * passage's few matches with each other, in the same order, so every score is the same float.
 */
final class PassageRanker extends PassageScorer {

  /** Above this many matches in one passage, the stock scorer's table is the cheaper way. */
  static final int LINEAR_LIMIT = 32;

  @Override
  public float score(Passage passage, int contentLength) {
    int matches = passage.getNumMatches();
    if (matches > LINEAR_LIMIT) {
      return super.score(passage, contentLength);
    }
    BytesRef[] terms = passage.getMatchTerms();
    int[] inDocument = passage.getMatchTermFreqsInDoc();
    double score = 0d;
    for (int i = 0; i < matches; i++) {
      if (seenBefore(terms, i)) {
        continue;
      }
      int inPassage = 1;
      for (int j = i + 1; j < matches; j++) {
        if (terms[j].bytesEquals(terms[i])) {
          inPassage++;
        }
      }
      // Terms in order of first match, each with its first match's document frequency: the
      // order and values the stock scorer sums.
      score += tf(inPassage, passage.getLength()) * weight(contentLength, inDocument[i]);
    }
    score *= norm(passage.getStartOffset());
    return (float) score;
  }

  private static boolean seenBefore(BytesRef[] terms, int i) {
    for (int j = 0; j < i; j++) {
      if (terms[j].bytesEquals(terms[i])) {
        return true;
      }
    }
    return false;
  }
}
