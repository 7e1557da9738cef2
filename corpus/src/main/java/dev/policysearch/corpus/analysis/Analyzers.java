package dev.policysearch.corpus.analysis;

import dev.policysearch.corpus.schema.Fields;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/**
 * The analysis chain of every analyzed field, in one place: the indexer writes with {@link
 * #perField()}, and the server analyses each query part with the analyzer of the field it
 * queries, so index and query time can never disagree.
 */
public final class Analyzers {

  private final Analyzer chineseWords;
  private final Analyzer chineseBigrams = new ChineseBigramAnalyzer();
  private final Analyzer english = new EnglishTextAnalyzer();
  private final PerFieldAnalyzerWrapper perField;

  /** The chains with the policy lexicon in use (see {@link PolicyLexicon#bundled()}). */
  public Analyzers() {
    this(PolicyLexicon.bundled());
  }

  public Analyzers(PolicyLexicon lexicon) {
    SmartcnModel.loadInBackground();
    chineseWords = new ChineseWordAnalyzer(lexicon);
    perField =
        new PerFieldAnalyzerWrapper(
            new KeywordAnalyzer(),
            Map.of(
                Fields.TITLE_ZH, chineseWords,
                Fields.BODY_ZH, chineseWords,
                Fields.TITLE_ZH_BIGRAM, chineseBigrams,
                Fields.BODY_ZH_BIGRAM, chineseBigrams,
                Fields.DOC_NUMBER_TEXT, chineseBigrams,
                Fields.ISSUER_TEXT, chineseBigrams,
                Fields.META_TEXT, chineseBigrams,
                Fields.TITLE_EN, english,
                Fields.BODY_EN, english));
  }

  /**
   * Starts reading smartcn's model, the bundled lexicon and the bundled glossary on background
   * threads, for a server that is about to start: it parses its arguments and opens its index
   * meanwhile, and its first search, which needs all three, need not wait for them one after
   * another. A failure is left for the first real use to report, on the thread that needs them.
   */
  public static void preloadForSearch() {
    SmartcnModel.loadInBackground();
    Thread.ofPlatform()
        .daemon()
        .name("lexicon-preload")
        .start(
            () -> {
              try {
                PolicyLexicon.bundled();
                Glossary.bundled();
              } catch (RuntimeException e) {
                // reported by the first real use
              }
            });
  }

  /** The analyzer for every field of the schema; keyword (untouched) for the exact-match ones. */
  public Analyzer perField() {
    return perField;
  }

  public Analyzer chineseWords() {
    return chineseWords;
  }

  public Analyzer chineseBigrams() {
    return chineseBigrams;
  }

  public Analyzer english() {
    return english;
  }
}
