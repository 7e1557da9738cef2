package dev.policysearch.corpus.query;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * A query's own score plus a constant. Wrapped around a clause (with {@code FunctionScoreQuery}),
 * it ranks documents by how many clauses they match and then by BM25 in one evaluation of the
 * clause, where a separate constant-score copy of the clause would evaluate it twice.
 */
final class ScorePlusConstant extends DoubleValuesSource {

  private final double constant;

  ScorePlusConstant(double constant) {
    this.constant = constant;
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) {
    return new DoubleValues() {
      @Override
      public double doubleValue() throws IOException {
        return scores.doubleValue() + constant;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        return scores.advanceExact(doc);
      }
    };
  }

  @Override
  public boolean needsScores() {
    return true;
  }

  @Override
  public DoubleValuesSource rewrite(IndexSearcher searcher) {
    return this;
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return false;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(constant);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScorePlusConstant o && o.constant == constant;
  }

  @Override
  public String toString() {
    return "score+" + constant;
  }
}
