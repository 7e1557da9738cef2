package dev.policysearch.opensearch;

import dev.policysearch.corpus.analysis.Analyzers;

/**
 * The one {@link Analyzers} of the node, built on first use: building it loads the policy lexicon
 * and derives the traditional-to-simplified table from ICU (well under a second, but not work to
 * repeat for every index, nor to do at node start when no index uses our analyzers).
 */
final class SharedAnalyzers {
  private SharedAnalyzers() {}

  private static final class Holder {
    static final Analyzers INSTANCE = new Analyzers();
  }

  static Analyzers get() {
    return Holder.INSTANCE;
  }
}
