package dev.policysearch.corpus.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Terms as a trie walked a character at a time. The lexicon filter joins 习 + 近 + 平 with one step
 * per character instead of hashing the whole join again after each token; the theme classifier
 * finds every keyword starting at a character in one walk. Node 0 is the root; {@link #NONE} is
 * where no term goes. Immutable once built, shared by every analysis thread.
 */
public final class TermTrie {

  public static final int NONE = -1;
  public static final int ROOT = 0;

  /** The node each first character leads to, 0 when none (the root is never a child). */
  private final int[] firstChar = new int[Character.MAX_VALUE + 1];

  /** Node n's children are [childFrom[n], childFrom[n + 1]) of childChars and childNodes, by character. */
  private final int[] childFrom;

  private final char[] childChars;
  private final int[] childNodes;
  private final boolean[] terminal;

  public TermTrie(Collection<String> terms) {
    // Built as nested maps first (the lexicon has thousands of terms, not millions), then laid out flat.
    List<TreeMap<Character, Integer>> children = new ArrayList<>();
    List<Boolean> ends = new ArrayList<>();
    children.add(new TreeMap<>());
    ends.add(false);
    for (String term : terms) {
      int node = ROOT;
      for (int i = 0; i < term.length(); i++) {
        Integer next = children.get(node).get(term.charAt(i));
        if (next == null) {
          next = children.size();
          children.add(new TreeMap<>());
          ends.add(false);
          children.get(node).put(term.charAt(i), next);
        }
        node = next;
      }
      if (node != ROOT) {
        ends.set(node, true);
      }
    }
    int nodes = children.size();
    terminal = new boolean[nodes];
    childFrom = new int[nodes + 1];
    int edges = 0;
    for (int n = 0; n < nodes; n++) {
      terminal[n] = ends.get(n);
      childFrom[n] = edges;
      edges += n == ROOT ? 0 : children.get(n).size();
    }
    childFrom[nodes] = edges;
    childChars = new char[edges];
    childNodes = new int[edges];
    for (int n = 0; n < nodes; n++) {
      int at = childFrom[n];
      for (var child : children.get(n).entrySet()) {
        if (n == ROOT) {
          firstChar[child.getKey()] = child.getValue();
        } else {
          childChars[at] = child.getKey();
          childNodes[at] = child.getValue();
          at++;
        }
      }
    }
  }

  /** The node reached from {@code node} by {@code length} chars of {@code text}, or {@link #NONE}. */
  int walk(int node, char[] text, int length) {
    for (int i = 0; i < length && node != NONE; i++) {
      node = step(node, text[i]);
    }
    return node;
  }

  /** The node reached from {@code node} by {@code text}, or {@link #NONE}. */
  public int walk(int node, CharSequence text) {
    for (int i = 0; i < text.length() && node != NONE; i++) {
      node = step(node, text.charAt(i));
    }
    return node;
  }

  /** The node reached from {@code node} by {@code c}, or {@link #NONE}. */
  public int step(int node, char c) {
    if (node == ROOT) {
      int next = firstChar[c];
      return next == 0 ? NONE : next;
    }
    return find(childChars, childNodes, childFrom[node], childFrom[node + 1], c);
  }

  /**
   * In a node's children laid out side by side ({@code chars[from, to)} sorted, with their nodes
   * in {@code nodes}), the node {@code c} leads to, or {@link #NONE}.
   */
  static int find(char[] chars, int[] nodes, int from, int to, char c) {
    int low = from;
    int high = to - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      char found = chars[mid];
      if (found < c) {
        low = mid + 1;
      } else if (found > c) {
        high = mid - 1;
      } else {
        return nodes[mid];
      }
    }
    return NONE;
  }

  /** How many nodes the trie has, the root included: node numbers are below it. */
  public int nodes() {
    return terminal.length;
  }

  /** Whether the characters leading to {@code node} are a term. */
  boolean isTerm(int node) {
    return node > ROOT && terminal[node];
  }

  /**
   * Whether some term goes on past {@code node}: its characters are a proper, non-empty prefix
   * of a term.
   */
  boolean goesOn(int node) {
    if (node <= ROOT) {
      return false;
    }
    return childFrom[node + 1] > childFrom[node];
  }
}
