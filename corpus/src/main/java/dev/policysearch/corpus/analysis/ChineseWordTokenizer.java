package dev.policysearch.corpus.analysis;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.analysis.util.SegmentingTokenizerBase;

/**
 * Chinese text as smartcn's words: split into sentences as smartcn's tokenizer splits it, each
 * sentence segmented by {@link LatticeSegmenter} (smartcn's model and result, less of its cost).
 * Terms, offsets and types are those of smartcn's {@code HMMChineseTokenizer}.
 */
public final class ChineseWordTokenizer extends SegmentingTokenizerBase {

  private static final BreakIterator SENTENCES = BreakIterator.getSentenceInstance(Locale.ROOT);

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
  private final LatticeSegmenter segmenter = new LatticeSegmenter();
  private int sentenceOffset;
  private int word;

  public ChineseWordTokenizer() {
    super(DEFAULT_TOKEN_ATTRIBUTE_FACTORY, (BreakIterator) SENTENCES.clone());
  }

  @Override
  protected void setNextSentence(int sentenceStart, int sentenceEnd) {
    segmenter.segment(buffer, sentenceStart, sentenceEnd - sentenceStart);
    sentenceOffset = offset + sentenceStart;
    word = 0;
  }

  @Override
  protected boolean incrementWord() {
    if (word >= segmenter.words()) {
      return false;
    }
    clearAttributes();
    segmenter.term(word, termAtt);
    offsetAtt.setOffset(
        correctOffset(sentenceOffset + segmenter.start(word)), correctOffset(sentenceOffset + segmenter.end(word)));
    typeAtt.setType("word");
    word++;
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    word = Integer.MAX_VALUE;
  }
}
