package dev.policysearch.opensearch;

import dev.policysearch.corpus.analysis.Analyzers;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.opensearch.index.analysis.AnalyzerProvider;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SearchPlugin;

/**
 * Our analysis chains inside OpenSearch, under the names an index mapping uses: {@code
 * policy_zh_words}, {@code policy_zh_bigrams} and {@code policy_en}. They are the very analyzers
 * the indexer and the server use in-process ({@link Analyzers}), so an OpenSearch index tokenizes
 * exactly as our Lucene index does.
 *
 * <p>And our query: {@code {"policy": {"text": ...}}} ({@link PolicyQuery}) builds on each shard
 * the ranked query the embedded index builds, so a cluster ranks as the embedded index does; and
 * our snippets: the highlighter {@code "type": "policy"} ({@link PolicyHighlighter}).
 */
public class PolicySearchPlugin extends Plugin implements AnalysisPlugin, SearchPlugin {

  public static final String CHINESE_WORDS = "policy_zh_words";
  public static final String CHINESE_BIGRAMS = "policy_zh_bigrams";
  public static final String ENGLISH = "policy_en";

  @Override
  public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
    return Map.of(
        CHINESE_WORDS, provider(CHINESE_WORDS, Analyzers::chineseWords),
        CHINESE_BIGRAMS, provider(CHINESE_BIGRAMS, Analyzers::chineseBigrams),
        ENGLISH, provider(ENGLISH, Analyzers::english));
  }

  @Override
  public Map<String, org.opensearch.search.fetch.subphase.highlight.Highlighter> getHighlighters() {
    return PolicyHighlighter.all();
  }

  @Override
  public List<QuerySpec<?>> getQueries() {
    return List.of(new QuerySpec<>(PolicyQuery.NAME, PolicyQuery::new, PolicyQuery::fromXContent));
  }

  /** Index settings and analyzer settings are ignored: our chains take no options. */
  private static AnalysisProvider<AnalyzerProvider<? extends Analyzer>> provider(
      String name, Function<Analyzers, Analyzer> chain) {
    return (indexSettings, environment, analyzerName, settings) ->
        new SharedAnalyzerProvider(name, () -> chain.apply(SharedAnalyzers.get()));
  }
}
