package dev.policysearch.corpus.analysis;

import java.util.Arrays;
import org.apache.lucene.analysis.cn.smart.CharType;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * smartcn's word segmentation of one sentence, computed without allocating per word: every
 * dictionary word found at every position becomes a node of a lattice, each pair of adjacent
 * nodes is weighted by smartcn's smoothed word-pair probability, and the cheapest path from the
 * sentence's start to its end is the segmentation.
 *
 * <p>Model, weights, tie-breaking and the treatment of letters, digits, spaces, punctuation and
 * characters outside the dictionary are smartcn's ({@code HHMMSegmenter}, {@code BiSegGraph},
 * {@code SegTokenFilter}), so the words are the same; what differs is the bookkeeping: flat
 * reusable arrays instead of a list of objects per position, a trie instead of a binary search
 * per prefix, and the pair hash continued from the first word's instead of a new array per pair.
 * Profiles of the indexer showed smartcn's bookkeeping, not its arithmetic, taking most of its
 * time. One instance per tokenizer: not thread-safe.
 */
final class LatticeSegmenter {

  private static final int BEGIN = 0;
  private static final int END = 1;
  private static final int WORD = 2;
  private static final int STRING = 3;
  private static final int NUMBER = 4;
  private static final int DELIMITER = 5;
  private static final int FULL_WIDTH_NUMBER = 6;
  private static final int FULL_WIDTH_STRING = 7;

  private static final double SMOOTH = 0.1;
  private static final double TINY = 1.0 / SmartcnModel.MAX_FREQUENCY;
  private static final char PAIR_SEPARATOR = '@';

  private static final char[] STRING_CHARS = "未##串".toCharArray();
  private static final char[] NUMBER_CHARS = "未##数".toCharArray();
  private static final char[] BEGIN_CHARS = "始##始".toCharArray();
  private static final char[] END_CHARS = "末##末".toCharArray();

  private final SmartcnModel model = SmartcnModel.get();

  // The lattice's nodes, in smartcn's order: by start position, then as found.
  private int nodes;
  private int[] nodeStart = new int[64];
  private int[] nodeEnd = new int[64];
  private int[] nodeType = new int[64];
  private int[] nodeFrequency = new int[64];
  private int[] nodeCharsFrom = new int[64];
  private int[] nodeCharsLength = new int[64];
  private long[] nodePairHash = new long[64];
  private double[] best = new double[64];
  private int[] previous = new int[64];

  /** The characters of every node (words without the spaces inside them, or smartcn's tags). */
  private char[] pool = new char[256];

  private int poolLength;

  /** Per position + 1 (the start sentinel sits at -1): the first node starting there, or -1. */
  private int[] firstNodeAt = new int[64];

  private int[] charTypes = new int[64];

  /** Whether the last run {@link #runEnd} measured had a full-width character. */
  private boolean runFullWidth;

  // The segmentation: nodes on the cheapest path, sentinels excluded.
  private int[] path = new int[64];
  private int pathLength;

  private char[] text;
  private int textOffset;

  /** Segments {@code length} characters of {@code text} from {@code offset}; read with the accessors. */
  void segment(char[] text, int offset, int length) {
    this.text = text;
    this.textOffset = offset;
    buildLattice(length);
    findCheapestPath(length);
  }

  /** How many words the last sentence has. */
  int words() {
    return pathLength;
  }

  /** Start of word {@code i}, relative to the sentence. */
  int start(int i) {
    return nodeStart[path[i]];
  }

  /** End of word {@code i}, relative to the sentence. */
  int end(int i) {
    return nodeEnd[path[i]];
  }

  /**
   * Sets {@code out} to word {@code i}'s term: Chinese words as they are, letters and digits as
   * written (full-width folded, lower-cased) and any punctuation as a comma, as smartcn emits them.
   */
  void term(int i, CharTermAttribute out) {
    int node = path[i];
    int type = nodeType[node];
    switch (type) {
      case DELIMITER -> out.setEmpty().append(',');
      case STRING, NUMBER, FULL_WIDTH_STRING, FULL_WIDTH_NUMBER -> {
        int from = textOffset + nodeStart[node];
        int length = nodeEnd[node] - nodeStart[node];
        char[] dest = out.resizeBuffer(length);
        boolean fullWidth = type == FULL_WIDTH_STRING || type == FULL_WIDTH_NUMBER;
        boolean lower = type != NUMBER;
        for (int k = 0; k < length; k++) {
          char c = text[from + k];
          if (fullWidth && c >= 0xFF10) {
            c -= 0xFEE0;
          }
          if (lower && c >= 'A' && c <= 'Z') {
            c += 0x20;
          }
          dest[k] = c;
        }
        out.setLength(length);
      }
      default -> out.copyBuffer(pool, nodeCharsFrom[node], nodeCharsLength[node]);
    }
  }

  private void buildLattice(int length) {
    nodes = 0;
    poolLength = 0;
    if (firstNodeAt.length < length + 2) {
      firstNodeAt = new int[Math.max(length + 2, firstNodeAt.length * 2)];
    }
    Arrays.fill(firstNodeAt, 0, length + 2, -1);
    if (charTypes.length < length) {
      charTypes = new int[Math.max(length, charTypes.length * 2)];
    }
    for (int i = 0; i < length; i++) {
      charTypes[i] = SmartcnModel.charType(text[textOffset + i]);
    }

    addTag(-1, 0, BEGIN, model.beginFrequency, BEGIN_CHARS);
    int i = 0;
    while (i < length) {
      int j;
      switch (charTypes[i]) {
        case CharType.SPACE_LIKE:
          i++;
          break;
        case CharType.SURROGATE: {
          int count = Character.charCount(Character.codePointAt(text, textOffset + i, textOffset + length));
          int from = poolLength;
          for (int k = 0; k < count; k++) {
            append(text[textOffset + i + k]);
          }
          add(i, i + count, WORD, 0, from, count);
          i += count;
          break;
        }
        case CharType.HANZI:
          addWordsAt(i, length);
          i++;
          break;
        case CharType.LETTER, CharType.FULLWIDTH_LETTER:
          j = runEnd(i, length, CharType.LETTER, CharType.FULLWIDTH_LETTER);
          addTag(i, j, runFullWidth ? FULL_WIDTH_STRING : STRING, model.stringFrequency, STRING_CHARS);
          i = j;
          break;
        case CharType.DIGIT, CharType.FULLWIDTH_DIGIT:
          j = runEnd(i, length, CharType.DIGIT, CharType.FULLWIDTH_DIGIT);
          addTag(i, j, runFullWidth ? FULL_WIDTH_NUMBER : NUMBER, model.numberFrequency, NUMBER_CHARS);
          i = j;
          break;
        case CharType.DELIMITER: {
          int from = poolLength;
          append(text[textOffset + i]);
          add(i, i + 1, DELIMITER, SmartcnModel.MAX_FREQUENCY, from, 1);
          i++;
          break;
        }
        default:
          addTag(i, i + 1, STRING, model.stringFrequency, STRING_CHARS);
          i++;
          break;
      }
    }
    addTag(length, length + 1, END, model.endFrequency, END_CHARS);
  }

  /**
   * The end of the run of {@code half} and {@code full}-width characters starting at {@code i}
   * (letters, or digits); {@link #runFullWidth} tells whether any of them was full-width.
   */
  private int runEnd(int i, int length, int half, int full) {
    runFullWidth = false;
    int j = i;
    while (j < length && (charTypes[j] == half || charTypes[j] == full)) {
      runFullWidth |= charTypes[j] == full;
      j++;
    }
    return j;
  }

  /**
   * The character at {@code i} alone, then every longer dictionary word starting there; as in
   * smartcn, spaces inside a run of Chinese characters are stepped over (and left out of the word).
   */
  private void addWordsAt(int i, int length) {
    char c = text[textOffset + i];
    int node = model.first(c);
    int from = poolLength;
    append(c);
    add(i, i + 1, WORD, node == 0 ? 0 : model.frequency(node), from, 1);
    int j = i + 1;
    int wordLength = 1;
    // The word so far sits at pool[from, from + wordLength): nothing else is appended meanwhile.
    while (node != 0) {
      if (wordLength > 1 && model.isWord(node)) {
        add(i, j, WORD, model.frequency(node), from, wordLength);
      }
      while (j < length && charTypes[j] == CharType.SPACE_LIKE) {
        j++;
      }
      if (j >= length || charTypes[j] != CharType.HANZI) {
        break;
      }
      char next = text[textOffset + j];
      node = model.child(node, next);
      append(next);
      wordLength++;
      j++;
    }
  }

  private void addTag(int start, int end, int type, int frequency, char[] tag) {
    int from = poolLength;
    for (char c : tag) {
      append(c);
    }
    add(start, end, type, frequency, from, tag.length);
  }

  private void add(int start, int end, int type, int frequency, int charsFrom, int charsLength) {
    if (nodes == nodeStart.length) {
      int n = nodes * 2;
      nodeStart = Arrays.copyOf(nodeStart, n);
      nodeEnd = Arrays.copyOf(nodeEnd, n);
      nodeType = Arrays.copyOf(nodeType, n);
      nodeFrequency = Arrays.copyOf(nodeFrequency, n);
      nodeCharsFrom = Arrays.copyOf(nodeCharsFrom, n);
      nodeCharsLength = Arrays.copyOf(nodeCharsLength, n);
      nodePairHash = Arrays.copyOf(nodePairHash, n);
      best = Arrays.copyOf(best, n);
      previous = Arrays.copyOf(previous, n);
    }
    int n = nodes++;
    nodeStart[n] = start;
    nodeEnd[n] = end;
    nodeType[n] = type;
    nodeFrequency[n] = frequency;
    nodeCharsFrom[n] = charsFrom;
    nodeCharsLength[n] = charsLength;
    long hash = SmartcnModel.pairHashStart();
    for (int k = 0; k < charsLength; k++) {
      hash = SmartcnModel.pairHash(hash, pool[charsFrom + k]);
    }
    nodePairHash[n] = SmartcnModel.pairHash(hash, PAIR_SEPARATOR);
    if (firstNodeAt[start + 1] < 0) {
      firstNodeAt[start + 1] = n;
    }
  }

  private void append(char c) {
    if (poolLength == pool.length) {
      pool = Arrays.copyOf(pool, pool.length * 2);
    }
    pool[poolLength++] = c;
  }

  /** smartcn's smoothed cost of a word following one of {@code fromFrequency}, term for term. */
  private static double weight(double fromFrequency, int pairFrequency) {
    return -Math.log(
        SMOOTH * (1.0 + fromFrequency) / (SmartcnModel.MAX_FREQUENCY + 0.0)
            + (1.0 - SMOOTH) * ((1.0 - TINY) * pairFrequency / (1.0 + fromFrequency) + TINY));
  }

  /**
   * smartcn's shortest path: nodes in order, each edge from a node to every node starting where
   * it ends (or at the next position where any node starts), weight from the first node's
   * frequency and the pair's; on equal cost the earlier predecessor wins, as in smartcn.
   */
  private void findCheapestPath(int length) {
    Arrays.fill(best, 0, nodes, Double.MAX_VALUE);
    best[0] = 0;
    previous[0] = 0;
    for (int from = 0; from < nodes - 1; from++) {
      int next = nodeEnd[from];
      while (next <= length && firstNodeAt[next + 1] < 0) {
        next++;
      }
      if (next > length) {
        continue;
      }
      int first = firstNodeAt[next + 1];
      double fromFrequency = nodeFrequency[from];
      long fromHash = nodePairHash[from];
      double base = best[from];
      // Most pairs were never seen: their weight depends on the first word alone.
      double unseenWeight = weight(fromFrequency, 0);
      for (int to = first; to < nodes && nodeStart[to] == next; to++) {
        long hash = fromHash;
        int charsFrom = nodeCharsFrom[to];
        for (int k = 0, n = nodeCharsLength[to]; k < n; k++) {
          hash = SmartcnModel.pairHash(hash, pool[charsFrom + k]);
        }
        int pairFrequency = model.pairFrequency(hash);
        double weight = pairFrequency == 0 ? unseenWeight : weight(fromFrequency, pairFrequency);
        double cost = base + weight;
        if (cost < best[to]) {
          best[to] = cost;
          previous[to] = from;
        }
      }
    }
    int last = nodes - 1;
    int count = 0;
    for (int n = previous[last]; n != 0; n = previous[n]) {
      count++;
    }
    if (path.length < count) {
      path = new int[Math.max(count, path.length * 2)];
    }
    pathLength = count;
    int k = count;
    for (int n = previous[last]; n != 0; n = previous[n]) {
      path[--k] = n;
    }
  }
}
