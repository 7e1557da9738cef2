package dev.policysearch.corpus.highlight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The passage score must be the stock one, to the last bit, only computed more cheaply. */
class PassageRankerTest {

  @Test
  void scoresEveryPassageExactlyAsTheStockScorer() {
    Random random = new Random(11);
    String[] words = {"光伏", "产业", "发展", "安全", "生产", "碳达峰"};
    PassageScorer stock = new PassageScorer();
    PassageRanker ours = new PassageRanker();
    for (int round = 0; round < 2_000; round++) {
      Passage passage = new Passage();
      int start = random.nextInt(5_000);
      int length = 20 + random.nextInt(200);
      passage.setStartOffset(start);
      passage.setEndOffset(start + length);
      // Up to 40 matches: past PassageRanker.LINEAR_LIMIT the stock path is taken, also checked.
      int matches = 1 + random.nextInt(40);
      for (int m = 0; m < matches; m++) {
        String word = words[random.nextInt(words.length)];
        int offset = start + m * (length - 3) / matches; // in order, inside the passage
        passage.addMatch(offset, offset + word.length(), new BytesRef(word), 1 + random.nextInt(300));
      }
      int contentLength = start + length + random.nextInt(100_000);
      assertEquals(stock.score(passage, contentLength), ours.score(passage, contentLength), "passage " + round);
    }
  }
}
