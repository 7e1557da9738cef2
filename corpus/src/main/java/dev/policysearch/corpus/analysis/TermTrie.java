package dev.policysearch.corpus.analysis;

import java.util.Arrays;
import java.util.Collection;

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
  private final int[] firstChar;

  /** Node n's children are [childFrom[n], childFrom[n + 1]) of childChars and childNodes, by character. */
  private final int[] childFrom;

  private final char[] childChars;
  private final int[] childNodes;
  private final boolean[] terminal;

  public TermTrie(Collection<String> terms) {
    char[][] words = new char[terms.size()][];
    int i = 0;
    for (String term : terms) {
      words[i++] = term.toCharArray();
    }
    Layout layout = layout(words);
    firstChar = layout.firstChar();
    childFrom = layout.childFrom();
    childChars = layout.childChars();
    childNodes = layout.childNodes();
    terminal = new boolean[layout.nodes()];
    for (int end : layout.ends()) {
      if (end != ROOT) { // the empty term is no term
        terminal[end] = true;
      }
    }
  }

  /**
   * A trie laid out flat: {@code firstChar} the node of each first character (0 for none),
   * node n's children {@code [childFrom[n], childFrom[n + 1])} of {@code childChars} (sorted) and
   * {@code childNodes}, nodes numbered from 1 below {@code nodes}; {@code ends[i]} is the node
   * where word i ends (0 for an empty word).
   */
  record Layout(int[] firstChar, int[] childFrom, char[] childChars, int[] childNodes, int nodes, int[] ends) {}

  private static final int CHILD_BITS = 24;
  private static final long CHILD_MASK = (1L << CHILD_BITS) - 1;

  /**
   * Lays out the trie of {@code words}: edges go into a hash table of (node, character) -> child
   * as the words are walked, then, sorted by node and character, become the child lists side by
   * side. (Maps of maps cost ten times as much: the lexicon's and smartcn's tries are built at
   * every start.)
   */
  static Layout layout(char[][] words) {
    long chars = 1;
    for (char[] w : words) {
      chars += w.length;
    }
    if (chars >= 1 << CHILD_BITS) {
      throw new IllegalStateException("too many characters for a trie: " + chars);
    }
    int[] firstChar = new int[Character.MAX_VALUE + 1];
    int[] ends = new int[words.length];
    int capacity = Integer.highestOneBit((int) Math.max(16, chars * 2)) << 1;
    long[] edges = new long[capacity];
    int next = 1;
    int edgeCount = 0;
    for (int i = 0; i < words.length; i++) {
      char[] w = words[i];
      if (w.length == 0) {
        continue;
      }
      int node = firstChar[w[0]];
      if (node == 0) {
        node = next++;
        firstChar[w[0]] = node;
      }
      for (int k = 1; k < w.length; k++) {
        long key = ((long) node << 16) | w[k];
        int slot = mix(key) & (capacity - 1);
        while (edges[slot] != 0 && edges[slot] >>> CHILD_BITS != key) {
          slot = (slot + 1) & (capacity - 1);
        }
        if (edges[slot] == 0) {
          edges[slot] = key << CHILD_BITS | next++;
          edgeCount++;
        }
        node = (int) (edges[slot] & CHILD_MASK);
      }
      ends[i] = node;
    }
    long[] sorted = new long[edgeCount];
    int e = 0;
    for (long edge : edges) {
      if (edge != 0) {
        sorted[e++] = edge;
      }
    }
    Arrays.sort(sorted); // by parent node, then character
    int[] childFrom = new int[next + 1];
    char[] childChars = new char[edgeCount];
    int[] childNodes = new int[edgeCount];
    for (int k = 0; k < edgeCount; k++) {
      long key = sorted[k] >>> CHILD_BITS;
      childFrom[(int) (key >>> 16) + 1]++;
      childChars[k] = (char) key;
      childNodes[k] = (int) (sorted[k] & CHILD_MASK);
    }
    for (int n = 0; n < next; n++) {
      childFrom[n + 1] += childFrom[n];
    }
    return new Layout(firstChar, childFrom, childChars, childNodes, next, ends);
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
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
