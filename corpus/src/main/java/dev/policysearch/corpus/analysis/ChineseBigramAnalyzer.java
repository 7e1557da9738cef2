package dev.policysearch.corpus.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;

/**
 * Chinese text as overlapping character bigrams (新型工业化 -> 新型 型工 工业 业化); Latin words and
 * numbers stay whole and lower-cased. A phrase of bigrams matches exactly the contiguous string,
 * independent of any word segmentation: this field gives recall and exactness, the word field
 * gives ranking.
 */
public final class ChineseBigramAnalyzer extends Analyzer {

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new ChineseFoldingCharFilter(new CJKWidthCharFilter(reader));
  }

  @Override
  protected Reader initReaderForNormalization(String fieldName, Reader reader) {
    return initReader(fieldName, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    // StandardTokenizer -> LowerCaseFilter -> CJKBigramFilter, with a fast path for plain text.
    return new TokenStreamComponents(new ChineseBigramTokenizer());
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
