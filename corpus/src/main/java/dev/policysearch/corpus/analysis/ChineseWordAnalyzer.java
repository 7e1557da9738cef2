package dev.policysearch.corpus.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;

/**
 * Chinese text as words: full-width letters and digits folded to ASCII (so ５Ｇ and 5G are one token),
 * traditional characters folded to simplified, segmented by smartcn's HMM model (computed by
 * {@link ChineseWordTokenizer}, same words at a third of smartcn's cost), pieces of
 * policy-lexicon terms joined back into whole terms (parts kept), Latin words stemmed as smartcn
 * does, punctuation dropped.
 */
public final class ChineseWordAnalyzer extends Analyzer {

  private final PolicyLexicon lexicon;

  public ChineseWordAnalyzer(PolicyLexicon lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return ChineseFoldingCharFilter.withFullWidthAlphanumerics(reader);
  }

  @Override
  protected Reader initReaderForNormalization(String fieldName, Reader reader) {
    return initReader(fieldName, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer = new ChineseWordTokenizer();
    TokenStream stream = new LexiconFilter(tokenizer, lexicon);
    stream = new PorterStemFilter(stream);
    stream = new StopFilter(stream, SmartChineseAnalyzer.getDefaultStopSet());
    return new TokenStreamComponents(tokenizer, stream);
  }
}
