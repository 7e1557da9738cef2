package dev.policysearch.corpus.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;

/**
 * A query reduced to what decides its matches, for counting them without scores. Clauses that
 * only add to a score go: the optional clauses of a Boolean query that has required ones (the
 * smartcn words beside a Chinese term's character pairs, the title-overlap bonus), boosts and
 * constants. Lucene ignores such clauses when it does not score, but only after it has looked up
 * their terms in every segment and opened their postings; a sample of a large index
 * ({@code MatchCounter}) paid that for every one of them.
 */
public final class MatchingForm {

  private MatchingForm() {}

  /** {@code query} with only what decides which documents match: the same matches. */
  public static Query of(Query query) {
    return switch (query) {
      case BooleanQuery bool -> ofBoolean(bool);
      case DisjunctionMaxQuery dismax -> {
        List<Query> disjuncts = new ArrayList<>();
        boolean changed = false;
        for (Query disjunct : dismax.getDisjuncts()) {
          Query q = of(disjunct);
          changed |= q != disjunct;
          disjuncts.add(q);
        }
        yield changed ? new DisjunctionMaxQuery(disjuncts, dismax.getTieBreakerMultiplier()) : dismax;
      }
      case BoostQuery boost -> of(boost.getQuery());
      case PlusConstantQuery plus -> of(plus.query());
      case RankingOnlyQuery ranking -> of(ranking.query());
      case ConstantScoreQuery constant -> of(constant.getQuery());
      default -> query;
    };
  }

  private static Query ofBoolean(BooleanQuery bool) {
    boolean required = bool.clauses().stream().anyMatch(BooleanClause::isRequired);
    // With a required clause and no minimum of optional ones, the optional clauses only score.
    boolean optionalOnlyScore = required && bool.getMinimumNumberShouldMatch() == 0;
    BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
    boolean changed = false;
    for (BooleanClause clause : bool.clauses()) {
      if (optionalOnlyScore && clause.occur() == BooleanClause.Occur.SHOULD) {
        changed = true;
        continue;
      }
      Query q = of(clause.query());
      changed |= q != clause.query();
      out.add(q, clause.occur());
    }
    return changed ? out.build() : bool;
  }
}
