package dev.policysearch.corpus.query;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.Bits;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DocIdStream;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * A query's own score plus a constant: documents are ranked by how many clauses they match (the
 * constant, one unit per clause) and then by BM25, in one evaluation of the clause.
 *
 * <p>Unlike a function-score wrapper it keeps the wrapped query's score bounds: its largest
 * possible score is the wrapped query's plus the constant, and a minimum competitive score is
 * passed down less the constant. A top-k search can therefore skip documents and whole blocks
 * that cannot reach the page (block-max WAND) instead of scoring every match.
 */
public final class PlusConstantQuery extends Query {

  private final Query query;
  private final float constant;

  public PlusConstantQuery(Query query, float constant) {
    if (!(constant >= 0) || Float.isInfinite(constant)) {
      throw new IllegalArgumentException("constant must be finite and >= 0: " + constant);
    }
    this.query = Objects.requireNonNull(query);
    this.constant = constant;
  }

  public Query query() {
    return query;
  }

  public float constant() {
    return constant;
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = query.rewrite(searcher);
    return rewritten == query ? this : new PlusConstantQuery(rewritten, constant);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
    Weight inner = query.createWeight(searcher, scoreMode, 1f);
    if (!scoreMode.needsScores()) {
      return inner;
    }
    return new PlusConstantWeight(this, inner, boost);
  }

  @Override
  public void visit(QueryVisitor visitor) {
    query.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.MUST, this));
  }

  @Override
  public String toString(String field) {
    return "(" + query.toString(field) + ")+" + constant;
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && ((PlusConstantQuery) other).query.equals(query) && ((PlusConstantQuery) other).constant == constant;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classHash() + query.hashCode()) + Float.hashCode(constant);
  }

  /** {@code boost * (inner + constant)}, with the inner weight's matches and counts. */
  private final class PlusConstantWeight extends FilterWeight {

    private final float boost;

    PlusConstantWeight(Query query, Weight inner, float boost) {
      super(query, inner);
      this.boost = boost;
    }

    @Override
    public Matches matches(LeafReaderContext context, int doc) throws IOException {
      return in.matches(context, doc);
    }

    @Override
    public Explanation explain(LeafReaderContext context, int doc) throws IOException {
      Explanation inner = in.explain(context, doc);
      if (!inner.isMatch()) {
        return inner;
      }
      float score = shifted(inner.getValue().floatValue(), constant, boost);
      return Explanation.match(
          score,
          "(score + " + constant + ")" + (boost == 1f ? "" : " x " + boost) + ", from:",
          inner);
    }

    @Override
    public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
      ScorerSupplier inner = in.scorerSupplier(context);
      if (inner == null) {
        return null;
      }
      return new ScorerSupplier() {
        @Override
        public Scorer get(long leadCost) throws IOException {
          return new PlusConstantScorer(inner.get(leadCost), constant, boost);
        }

        @Override
        public BulkScorer bulkScorer() throws IOException {
          // The wrapped query's own bulk scorer (a top-level disjunction skips with MaxScore),
          // its scores shifted on their way to the collector.
          BulkScorer bulk = inner.bulkScorer();
          return new BulkScorer() {
            @Override
            public int score(LeafCollector collector, Bits acceptDocs, int min, int max) throws IOException {
              return bulk.score(new ShiftingCollector(collector, constant, boost), acceptDocs, min, max);
            }

            @Override
            public long cost() {
              return bulk.cost();
            }
          };
        }

        @Override
        public long cost() {
          return inner.cost();
        }

        @Override
        public void setTopLevelScoringClause() throws IOException {
          inner.setTopLevelScoringClause();
        }
      };
    }

    @Override
    public int count(LeafReaderContext context) throws IOException {
      return in.count(context);
    }
  }

  /**
   * Scores {@code boost * (inner + constant)} and translates score bounds both ways. Float sums
   * round, so the bound passed down is lowered by a few units in the last place of the constant:
   * the wrapped scorer may then keep a document it could have skipped, never skip one that
   * counts.
   */
  private static final class PlusConstantScorer extends Scorer {

    private final Scorer in;
    private final float constant;
    private final float boost;

    PlusConstantScorer(Scorer in, float constant, float boost) {
      this.in = in;
      this.constant = constant;
      this.boost = boost;
    }

    @Override
    public float score() throws IOException {
      return shifted(in.score(), constant, boost);
    }

    @Override
    public int docID() {
      return in.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
      return in.iterator();
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      return in.twoPhaseIterator();
    }

    @Override
    public int advanceShallow(int target) throws IOException {
      return in.advanceShallow(target);
    }

    @Override
    public float getMaxScore(int upTo) throws IOException {
      float inner = in.getMaxScore(upTo);
      if (inner == Float.POSITIVE_INFINITY) {
        return inner;
      }
      return Math.nextUp(shifted(inner, constant, boost));
    }

    @Override
    public void setMinCompetitiveScore(float minScore) throws IOException {
      passDown(in, minScore, constant, boost);
    }
  }

  /** Hands the collector the wrapped query's scores shifted by the constant. */
  private static final class ShiftingCollector implements LeafCollector {

    private final LeafCollector in;
    private final float constant;
    private final float boost;

    ShiftingCollector(LeafCollector in, float constant, float boost) {
      this.in = in;
      this.constant = constant;
      this.boost = boost;
    }

    @Override
    public void setScorer(Scorable scorer) throws IOException {
      in.setScorer(
          new Scorable() {
            @Override
            public float score() throws IOException {
              return shifted(scorer.score(), constant, boost);
            }

            @Override
            public void setMinCompetitiveScore(float minScore) throws IOException {
              passDown(scorer, minScore, constant, boost);
            }
          });
    }

    @Override
    public void collect(int doc) throws IOException {
      in.collect(doc);
    }

    @Override
    public void collect(DocIdStream stream) throws IOException {
      in.collect(stream);
    }

    @Override
    public DocIdSetIterator competitiveIterator() throws IOException {
      return in.competitiveIterator();
    }

    @Override
    public void finish() throws IOException {
      in.finish();
    }
  }

  /** The same sum, in the same order and precision, as a function-score wrapper computed it. */
  static float shifted(float score, float constant, float boost) {
    return (float) ((score + (double) constant) * boost);
  }

  /**
   * Tells the wrapped scorer the least score it must still produce: {@code minScore} undone by
   * boost and constant, lowered by a few units in the last place for the rounding of the sum.
   */
  static void passDown(Scorable in, float minScore, float constant, float boost) throws IOException {
    if (boost <= 0) {
      return;
    }
    float target = minScore / boost;
    float inner = target - constant - 4 * (Math.ulp(target) + Math.ulp(constant));
    if (inner > 0) {
      in.setMinCompetitiveScore(inner);
    }
  }
}
