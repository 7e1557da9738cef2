package dev.policysearch.corpus.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Entries found by how they start, for suggestions: the entries sorted once, on the first
 * lookup rather than when the lexicon or glossary is read (a server's start reads both, and
 * sorting tens of thousands of strings there was a fifth of that reading; docs/BENCHMARKS.md,
 * eighteenth session).
 */
final class PrefixList {
  private static final Comparator<String> SHORTEST_FIRST = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private final Collection<String> entries;
  private volatile String[] sorted;

  /** {@code entries} is read on the first lookup and must not change. */
  PrefixList(Collection<String> entries) {
    this.entries = entries;
  }

  /** Up to {@code limit} entries that start with {@code prefix}, shortest first. */
  List<String> startingWith(String prefix, int limit) {
    String[] all = sorted();
    int from = Arrays.binarySearch(all, prefix);
    if (from < 0) {
      from = -from - 1;
    }
    List<String> out = new ArrayList<>();
    for (int i = from; i < all.length && all[i].startsWith(prefix); i++) {
      out.add(all[i]);
    }
    out.sort(SHORTEST_FIRST);
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private String[] sorted() {
    String[] all = sorted;
    if (all == null) {
      all = entries.toArray(String[]::new);
      Arrays.sort(all);
      sorted = all;
    }
    return all;
  }
}
