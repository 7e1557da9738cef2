package dev.policysearch.server.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;

/**
 * A clause as queries: {@code native} matches what the user typed (and its lexicon
 * equivalents), {@code translated} its other-language forms from the glossary (may be null).
 */
record ClauseQuery(Query nativeForms, Query partial, Query translated) {

  /** What ranks: any form; partial matches and translations weighted down. */
  Query ranking() {
    List<Query> parts = new ArrayList<>();
    if (nativeForms != null) {
      parts.add(nativeForms);
    }
    if (partial != null) {
      parts.add(new BoostQuery(partial, PolicyQueryBuilder.PARTIAL_WEIGHT));
    }
    if (translated != null) {
      parts.add(new BoostQuery(translated, PolicyQueryBuilder.TRANSLATION_WEIGHT));
    }
    return PolicyQueryBuilder.any(parts.toArray(Query[]::new));
  }

  /**
   * The constant a document earns for matching this clause: a full unit for the words as typed
   * (or their lexicon equivalents, or all of them close together); half a unit when it has
   * every word of the term but apart, or matches only through the glossary. Releases in the
   * user's language with all the terms come first; partial and other-language matches follow.
   */
  Query coordination() {
    List<Query> units = new ArrayList<>();
    if (nativeForms != null) {
      units.add(new BoostQuery(new ConstantScoreQuery(nativeForms), PolicyQueryBuilder.COORDINATION));
    }
    if (partial != null) {
      units.add(new BoostQuery(new ConstantScoreQuery(partial), PolicyQueryBuilder.COORDINATION * PolicyQueryBuilder.PARTIAL_COORDINATION));
    }
    if (translated != null) {
      units.add(new BoostQuery(new ConstantScoreQuery(translated), PolicyQueryBuilder.COORDINATION * PolicyQueryBuilder.TRANSLATED_COORDINATION));
    }
    return units.size() == 1 ? units.get(0) : new DisjunctionMaxQuery(units, 0f);
  }
}
