package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TermTrieTest {

  /** Every walk agrees with the set of terms: a term is a term, a proper prefix goes on. */
  @Test
  void walksAgreeWithTheSetOfTermsTheyWereBuiltFrom() {
    Random random = new Random(11);
    String alphabet = "改革开放中国a\uffff\u0000";
    List<String> terms = new ArrayList<>(List.of("", "改革", "改革开放", "改革", "中", "\uffff\u0000"));
    for (int n = 0; n < 400; n++) {
      StringBuilder term = new StringBuilder();
      for (int k = 1 + random.nextInt(6); k > 0; k--) {
        term.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      terms.add(term.toString());
    }
    TermTrie trie = new TermTrie(terms);
    Set<String> set = new HashSet<>(terms);
    Set<String> prefixes = new HashSet<>();
    for (String t : terms) {
      for (int i = 1; i < t.length(); i++) {
        prefixes.add(t.substring(0, i));
      }
    }
    List<String> probes = new ArrayList<>(set);
    probes.addAll(prefixes);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder probe = new StringBuilder();
      for (int k = 1 + random.nextInt(7); k > 0; k--) {
        probe.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      probes.add(probe.toString());
    }
    for (String probe : probes) {
      if (probe.isEmpty()) {
        continue;
      }
      int node = trie.walk(TermTrie.ROOT, probe);
      assertEquals(set.contains(probe), trie.isTerm(node), probe);
      assertEquals(prefixes.contains(probe), trie.goesOn(node), probe);
      assertEquals(node == TermTrie.NONE, !set.contains(probe) && !prefixes.contains(probe), probe);
      int byChars = trie.walk(TermTrie.ROOT, probe.toCharArray(), probe.length());
      assertEquals(node, byChars, probe);
    }
    assertEquals(false, trie.isTerm(TermTrie.ROOT), "the empty term is never a term");
  }
}
