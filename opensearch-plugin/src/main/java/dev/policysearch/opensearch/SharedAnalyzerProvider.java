package dev.policysearch.opensearch;

import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.opensearch.index.analysis.AnalyzerProvider;
import org.opensearch.index.analysis.AnalyzerScope;

/**
 * Hands one of our node-wide analyzers to an index. The scope is {@link AnalyzerScope#GLOBAL}, not
 * the usual per-index scope: OpenSearch closes index-scoped analyzers when their index closes, and
 * a closed Lucene analyzer fails every later index that shares it.
 */
final class SharedAnalyzerProvider implements AnalyzerProvider<Analyzer> {

  private final String name;
  private final Supplier<Analyzer> analyzer;

  SharedAnalyzerProvider(String name, Supplier<Analyzer> analyzer) {
    this.name = name;
    this.analyzer = analyzer;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public AnalyzerScope scope() {
    return AnalyzerScope.GLOBAL;
  }

  @Override
  public Analyzer get() {
    return analyzer.get();
  }
}
