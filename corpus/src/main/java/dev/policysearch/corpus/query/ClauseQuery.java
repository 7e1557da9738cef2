package dev.policysearch.corpus.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;

/**
 * A clause as queries: {@code native} matches what the user typed (and its lexicon
 * equivalents), {@code partial} its words apart, {@code incidental} a trace of it that barely
 * speaks of it (a year's digits in an amount), {@code paraphrased} other wordings of it from the
 * paraphrases file, {@code translated} its other-language forms from the glossary. Any but one
 * may be null.
 */
record ClauseQuery(Query nativeForms, Query partial, Query incidental, Query paraphrased, Query translated) {

  /** What ranks: any form; partial matches and translations weighted down. */
  Query ranking() {
    List<Query> parts = new ArrayList<>();
    if (nativeForms != null) {
      parts.add(nativeForms);
    }
    if (partial != null) {
      parts.add(new BoostQuery(partial, PolicyQueryBuilder.PARTIAL_WEIGHT));
    }
    if (incidental != null) {
      parts.add(new BoostQuery(incidental, PolicyQueryBuilder.PARTIAL_WEIGHT));
    }
    if (paraphrased != null) {
      parts.add(new BoostQuery(paraphrased, PolicyQueryBuilder.PARAPHRASE_WEIGHT));
    }
    if (translated != null) {
      parts.add(new BoostQuery(translated, PolicyQueryBuilder.TRANSLATION_WEIGHT));
    }
    return PolicyQueryBuilder.any(parts.toArray(Query[]::new));
  }

  /**
   * What ranks when documents are ordered by how many clauses they match: the best-matching form
   * scores its BM25 plus a constant — a full unit for the words as typed (or their lexicon
   * equivalents, or all of them close together); less when it matches only in other wording
   * (paraphrases), through the glossary, or with every word of the term but apart, and least
   * for a trace of it (a year's digits in an amount). Releases in the user's language with all
   * the terms come first; partial and other-language matches follow. One evaluation per form.
   */
  Query coordinated() {
    List<Query> branches = new ArrayList<>();
    if (nativeForms != null) {
      branches.add(plus(nativeForms, 1f, PolicyQueryBuilder.COORDINATION));
    }
    if (partial != null) {
      branches.add(
          plus(partial, PolicyQueryBuilder.PARTIAL_WEIGHT, PolicyQueryBuilder.COORDINATION * PolicyQueryBuilder.PARTIAL_COORDINATION));
    }
    if (incidental != null) {
      branches.add(
          plus(incidental, PolicyQueryBuilder.PARTIAL_WEIGHT, PolicyQueryBuilder.COORDINATION * PolicyQueryBuilder.INCIDENTAL_COORDINATION));
    }
    if (paraphrased != null) {
      branches.add(
          plus(paraphrased, PolicyQueryBuilder.PARAPHRASE_WEIGHT, PolicyQueryBuilder.COORDINATION * PolicyQueryBuilder.PARAPHRASE_COORDINATION));
    }
    if (translated != null) {
      branches.add(
          plus(translated, PolicyQueryBuilder.TRANSLATION_WEIGHT, PolicyQueryBuilder.COORDINATION * PolicyQueryBuilder.TRANSLATED_COORDINATION));
    }
    return branches.size() == 1 ? branches.get(0) : new DisjunctionMaxQuery(branches, 0f);
  }

  private static Query plus(Query q, float weight, float constant) {
    return new PlusConstantQuery(weight == 1f ? q : new BoostQuery(q, weight), constant);
  }
}
