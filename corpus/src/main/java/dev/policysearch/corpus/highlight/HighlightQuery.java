package dev.policysearch.corpus.highlight;

import dev.policysearch.corpus.query.PolicyQueryBuilder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import dev.policysearch.corpus.query.PlusConstantQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;

/**
 * The part of a ranked query the highlighter needs: its terms and phrases over the shown fields,
 * in the same Boolean structure, each alternative once.
 *
 * <p>The ranked query holds each term many times over (words, bigrams, phrases of both, loose and
 * partial forms, translations, metadata, document numbers), mostly on fields that are never shown.
 * Asking the whole of it where it matches in each hit costs more than the search itself. This
 * query marks what the ranked one marks in the shown fields: a conjunction still marks its words
 * only where all of them occur, prohibited clauses mark nothing; what it leaves out are clauses on
 * other fields (a hit matched those, or it would not be a hit), scores and boosts (the highlighter
 * ranks passages by their matches alone) and repeats.
 */
public final class HighlightQuery {
  private HighlightQuery() {}

  /** The highlight query of {@code ranked} over {@code fields}; matches nothing when it has no terms there. */
  public static Query of(Query ranked, Set<String> fields) {
    Query shown = shown(ranked, fields);
    return shown == null ? new MatchNoDocsQuery("no terms in " + fields) : shown;
  }

  /** {@code query} reduced to the shown fields, or null when nothing of it is there. */
  private static Query shown(Query query, Set<String> fields) {
    return switch (query) {
      case TermQuery term -> fields.contains(term.getTerm().field()) ? term : null;
      case PhraseQuery phrase -> fields.contains(phrase.getField()) ? phrase : null;
      case BoostQuery boost -> shown(boost.getQuery(), fields);
      case ConstantScoreQuery constant -> shown(constant.getQuery(), fields);
      case PlusConstantQuery plus -> shown(plus.query(), fields);
      case DisjunctionMaxQuery max -> anyOf(max.getDisjuncts().stream().map(q -> shown(q, fields)).toList());
      case BooleanQuery bool -> shownBoolean(bool, fields);
      default -> anyOf(termsOf(query, fields));
    };
  }

  private static Query shownBoolean(BooleanQuery bool, Set<String> fields) {
    List<Query> required = new ArrayList<>();
    List<Query> optional = new ArrayList<>();
    for (BooleanClause clause : bool.clauses()) {
      Query shown = clause.occur() == BooleanClause.Occur.MUST_NOT ? null : shown(clause.query(), fields);
      if (shown == null) {
        continue;
      }
      if (clause.occur() == BooleanClause.Occur.SHOULD) {
        optional.add(shown);
      } else {
        required.add(shown);
      }
    }
    if (required.isEmpty()) {
      return anyOf(optional);
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    new LinkedHashSet<>(required).forEach(q -> all.add(q, BooleanClause.Occur.MUST));
    new LinkedHashSet<>(optional).forEach(q -> all.add(q, BooleanClause.Occur.SHOULD));
    return all.build();
  }

  /** One query matching where any of {@code queries} does (nulls ignored, repeats once), or null. */
  private static Query anyOf(List<Query> queries) {
    List<Query> flat = new ArrayList<>();
    for (Query q : queries) {
      if (q instanceof BooleanQuery bool && bool.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.SHOULD)) {
        bool.clauses().forEach(c -> flat.add(c.query()));
      } else {
        flat.add(q);
      }
    }
    return PolicyQueryBuilder.anyOf(flat);
  }

  /** The terms of a query of another kind (synonyms, term sets) over the shown fields. */
  private static List<Query> termsOf(Query query, Set<String> fields) {
    List<Query> terms = new ArrayList<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            return fields.contains(field);
          }

          @Override
          public void consumeTerms(Query q, Term... found) {
            for (Term term : found) {
              terms.add(new TermQuery(term));
            }
          }
        });
    return terms;
  }
}
