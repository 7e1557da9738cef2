package dev.policysearch.corpus.query;

import java.util.List;

/**
 * What a user asked for, after lenient parsing: clauses, each one or more alternatives (joined by
 * OR), each clause optional (ranked by how many match), required, or excluded.
 */
public record UserQuery(List<Clause> clauses) {

  /** Where a term is looked for. */
  public enum Scope {
    ALL,
    TITLE,
    ISSUER,
    DOC_NUMBER
  }

  /** How a clause counts. */
  public enum Occur {
    /** Ranked higher the more of these clauses match; the default. */
    SHOULD,
    /** Must match: {@code +term}, or either side of {@code AND}. */
    MUST,
    /** Must not match: {@code -term}, {@code NOT term}. */
    MUST_NOT
  }

  /** A word or run of words; {@code phrase} when it was quoted. */
  public record Term(String text, boolean phrase, Scope scope) {}

  public record Clause(List<Term> alternatives, Occur occur) {}

  public boolean isEmpty() {
    return clauses.isEmpty();
  }

  /** Whether any clause can contribute matches (a query of only exclusions cannot). */
  public boolean hasPositiveClause() {
    return clauses.stream().anyMatch(c -> c.occur() != Occur.MUST_NOT);
  }
}
