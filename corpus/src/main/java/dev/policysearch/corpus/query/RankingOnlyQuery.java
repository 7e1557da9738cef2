package dev.policysearch.corpus.query;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * A query that only ranks: it scores as the query it wraps, but shows none of its terms to
 * visitors, so highlighting and term extraction pass it by. For a bonus such as title overlap,
 * whose character pairs are not what the user searched for and must not be marked.
 */
public final class RankingOnlyQuery extends Query {

  private final Query query;

  public RankingOnlyQuery(Query query) {
    this.query = Objects.requireNonNull(query);
  }

  public Query query() {
    return query;
  }

  /**
   * {@code query} without its ranking-only clauses (the optional clauses of a top-level Boolean
   * query that are ranking only): the same matches, ranked by the rest.
   */
  public static Query without(Query query) {
    if (!(query instanceof BooleanQuery bool)
        || bool.clauses().stream().noneMatch(c -> c.query() instanceof RankingOnlyQuery)) {
      return query;
    }
    BooleanQuery.Builder rest = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
    for (BooleanClause clause : bool.clauses()) {
      if (!(clause.query() instanceof RankingOnlyQuery)) {
        rest.add(clause);
      }
    }
    return rest.build();
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = query.rewrite(searcher);
    return rewritten == query ? this : new RankingOnlyQuery(rewritten);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
    return query.createWeight(searcher, scoreMode, boost);
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "ranking(" + query.toString(field) + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && ((RankingOnlyQuery) other).query.equals(query);
  }

  @Override
  public int hashCode() {
    return 31 * classHash() + query.hashCode();
  }
}
