package dev.policysearch.corpus.query;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.schema.Fields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * A query cut down to what releases of one language can match. A Chinese query holds clauses on
 * the Chinese title and body fields and, through the glossary, on the English ones; searched among
 * English releases only, the Chinese clauses can never match, yet each still has its terms looked
 * up in every segment and its postings advanced to every English candidate. Scoped to English,
 * those clauses are gone and the query scores every English release exactly as before: a
 * Boolean query scores the sum of its matching clauses, a disjunction the best of them (plus its
 * tie-breaker's share of the others), and a clause that cannot match adds nothing to either.
 *
 * <p>A clause is dropped when every field it reads is one that releases of the language cannot
 * hold ({@link Fields#heldBy}); a required clause dropped takes its query with it. Query types
 * not known here are kept whole unless all their fields are foreign.
 */
public final class LanguageScope {

  private LanguageScope() {}

  /**
   * {@code query} for releases of {@code lang} only: the same matches and scores among them, or a
   * {@link MatchNoDocsQuery} when none of them can match.
   */
  public static Query of(Query query, Language lang) {
    Query scoped = scope(query, lang);
    return scoped == null ? new MatchNoDocsQuery("no clause can match a release in " + lang.code()) : scoped;
  }

  /** The scoped query, or null when it can match no release of the language. */
  private static Query scope(Query query, Language lang) {
    return switch (query) {
      case BooleanQuery bool -> scopeBoolean(bool, lang);
      case DisjunctionMaxQuery dismax -> {
        List<Query> kept = new ArrayList<>();
        boolean changed = false;
        for (Query disjunct : dismax.getDisjuncts()) {
          Query q = scope(disjunct, lang);
          changed |= q != disjunct;
          if (q != null) {
            kept.add(q);
          }
        }
        yield kept.isEmpty() ? null : changed ? new DisjunctionMaxQuery(kept, dismax.getTieBreakerMultiplier()) : dismax;
      }
      case BoostQuery boost -> wrap(boost.getQuery(), lang, q -> new BoostQuery(q, boost.getBoost()), boost);
      case PlusConstantQuery plus -> wrap(plus.query(), lang, q -> new PlusConstantQuery(q, plus.constant()), plus);
      case RankingOnlyQuery ranking -> wrap(ranking.query(), lang, RankingOnlyQuery::new, ranking);
      case ConstantScoreQuery constant -> wrap(constant.getQuery(), lang, ConstantScoreQuery::new, constant);
      case MatchNoDocsQuery none -> null;
      default -> readsOnlyForeignFields(query, lang) ? null : query;
    };
  }

  private static Query wrap(Query inner, Language lang, UnaryOperator<Query> rewrap, Query original) {
    Query q = scope(inner, lang);
    return q == null ? null : q == inner ? original : rewrap.apply(q);
  }

  private static Query scopeBoolean(BooleanQuery bool, Language lang) {
    BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
    boolean changed = false;
    boolean positive = false;
    int optional = 0;
    for (BooleanClause clause : bool.clauses()) {
      Query q = scope(clause.query(), lang);
      if (q == null) {
        if (clause.isRequired()) {
          return null; // a clause every match needs, and none can have
        }
        changed = true; // an optional clause that never matches, or an exclusion that excludes nothing
        continue;
      }
      changed |= q != clause.query();
      out.add(q, clause.occur());
      if (clause.occur() == BooleanClause.Occur.SHOULD) {
        optional++;
        positive = true;
      } else if (clause.isRequired()) {
        positive = true;
      }
    }
    if (!positive || optional < bool.getMinimumNumberShouldMatch()) {
      return null;
    }
    return changed ? out.build() : bool;
  }

  /** Whether {@code query} reads at least one field and only fields releases of {@code lang} cannot hold. */
  private static boolean readsOnlyForeignFields(Query query, Language lang) {
    Set<String> fields = fieldsRead(query);
    return !fields.isEmpty() && fields.stream().noneMatch(f -> Fields.heldBy(f, lang));
  }

  /** Every field {@code query} reads terms of, excluded clauses included. */
  static Set<String> fieldsRead(Query query) {
    Set<String> fields = new HashSet<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            fields.add(field);
            return true;
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
          }
        });
    return fields;
  }
}
