package dev.policysearch.corpus.analysis;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.lucene.analysis.cn.smart.CharType;
import org.apache.lucene.analysis.cn.smart.hhmm.HHMMSegmenter;

/**
 * smartcn's word model (its core dictionary of word frequencies and its word-pair frequencies),
 * read from the files smartcn ships and held in structures that answer the segmenter's two
 * questions without allocating: "is this a word, and how frequent" and "how often does this word
 * follow that one".
 *
 * <p>smartcn keeps words in per-first-character sorted arrays searched by binary search, and
 * word pairs in a table of 64-bit hashes of {@code first@second}; both allocate a new array for
 * every lookup. Here words are a trie walked one character at a time, and pairs are looked up by
 * the same 64-bit hash computed incrementally. The answers are the same: {@link
 * LatticeSegmenter} produces smartcn's segmentation exactly (ChineseWordTokenizerTest compares
 * them).
 *
 * <p>Reading the core dictionary (Java-serialized arrays of arrays) and building its trie was
 * about two thirds of reading the model, a quarter of a second of every start of the server and
 * the indexer. So the build writes the trie once ({@link #main}, run by Maven after compiling)
 * as {@value #WORDS_RESOURCE} beside this class, read with a few bulk copies; a class folder
 * without it (a build that skipped that step) builds the trie from smartcn's file as before.
 */
public final class SmartcnModel {

  /** smartcn's largest frequency, the weight it gives punctuation. */
  static final int MAX_FREQUENCY = 2079997 + 80000;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 1099511628211L;
  private static final int NO_WORD = -1;

  private static final class Holder {
    static final SmartcnModel INSTANCE = load();
  }

  /**
   * Children of the trie's nodes, side by side and ordered by character: node n's children are
   * at [childFrom[n], childFrom[n + 1]) of childChars (their characters) and childNodes.
   */
  private final int[] childFrom;

  private final char[] childChars;
  private final int[] childNodes;

  /**
   * A one-sided filter over the word pairs (a Bloom filter, two bits per pair in one 64-bit word):
   * most pairs the segmenter asks for were never seen, and this small table says so without a
   * look into the large one. It never says no to a pair that is there.
   */
  private final long[] pairFilter;

  private final int pairFilterMask;

  /**
   * smartcn's type of every character ({@code Utility.getCharType}), looked up rather than worked
   * out by the segmenter: its tests of rare ranges (full-width digits, surrogates) were compiled
   * as traps until first met, and each first meeting threw the compiled segmenter away
   * (docs/BENCHMARKS.md, nineteenth session). Written as smartcn's ranges, later ones taking
   * precedence as earlier tests do in smartcn; {@code SmartcnModelTest} compares every character
   * with smartcn's own answer. (Asking smartcn for all 65,536 took 15 ms of a start.)
   */
  private static final byte[] CHAR_TYPES = new byte[Character.MAX_VALUE + 1];

  static {
    Arrays.fill(CHAR_TYPES, (byte) CharType.OTHER);
    fillCharType(0xFE30, 0xFF63, CharType.DELIMITER);
    fillCharType(0xFF10, 0xFF19, CharType.FULLWIDTH_DIGIT);
    fillCharType(0xFF21, 0xFF3A, CharType.FULLWIDTH_LETTER);
    fillCharType(0xFF41, 0xFF5A, CharType.FULLWIDTH_LETTER);
    fillCharType(0x0021, 0x00BB, CharType.DELIMITER);
    fillCharType(0x2010, 0x2642, CharType.DELIMITER);
    fillCharType(0x3001, 0x301E, CharType.DELIMITER);
    for (char c : new char[] {' ', '\t', '\r', '\n', '\u3000'}) {
      CHAR_TYPES[c] = CharType.SPACE_LIKE;
    }
    fillCharType('0', '9', CharType.DIGIT);
    fillCharType('A', 'Z', CharType.LETTER);
    fillCharType('a', 'z', CharType.LETTER);
    fillCharType(0x4E00, 0x9FA5, CharType.HANZI);
    fillCharType(Character.MIN_SURROGATE, Character.MAX_SURROGATE, CharType.SURROGATE);
  }

  /** Sets the type of the characters {@code from} to {@code to}, both included. */
  private static void fillCharType(int from, int to, int type) {
    Arrays.fill(CHAR_TYPES, from, to + 1, (byte) type);
  }

  /** The first character's node, or 0 when no word starts with it. */
  private final int[] firstCharNode;

  /** Frequency of the word ending at each node, {@link #NO_WORD} when the node is only a prefix. */
  private final int[] frequencies;

  /**
   * Word pairs: hash of {@code first@second} to its frequency, open addressing; 0 marks an empty
   * slot (smartcn cannot hold a pair whose hash is 0 either: 0 is its empty slot too).
   */
  private final long[] pairKeys;

  private final int[] pairFrequencies;
  private final int pairMask;

  final int stringFrequency;
  final int numberFrequency;
  final int beginFrequency;
  final int endFrequency;

  static SmartcnModel get() {
    return Holder.INSTANCE;
  }

  private static final java.util.concurrent.atomic.AtomicBoolean LOADING = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Starts reading the model (about 200 ms) on a thread of its own, once, so that it overlaps
   * what a program does before its first Chinese text (opening an index, reading the first
   * documents) instead of holding up the first segmenter. {@link #get} waits for it as needed; a
   * failure to read it is reported there, where the model is needed.
   */
  static void loadInBackground() {
    if (LOADING.compareAndSet(false, true)) {
      Thread.ofPlatform()
          .daemon()
          .name("smartcn-model")
          .start(
              () -> {
                try {
                  get();
                } catch (Throwable e) {
                  // get() on the thread that needs the model reports it
                }
              });
    }
  }

  private SmartcnModel(Words words, long[] pairHashes, int[] pairCounts) {
    firstCharNode = words.firstCharNode();
    childFrom = words.childFrom();
    childChars = words.childChars();
    childNodes = words.childNodes();
    frequencies = words.frequencies();

    int pairs = pairHashes.length;
    int pairCapacity = Integer.highestOneBit(Math.max(16, pairs * 2)) << 1;
    pairKeys = new long[pairCapacity];
    pairFrequencies = new int[pairCapacity];
    pairMask = pairCapacity - 1;
    int filterWords = Integer.highestOneBit(Math.max(64, pairs / 4)) << 1; // about 16 bits a pair
    pairFilter = new long[filterWords];
    pairFilterMask = filterWords - 1;
    for (int i = 0; i < pairs; i++) {
      putPair(pairHashes[i], pairCounts[i]);
      long h = mix64(pairHashes[i]);
      pairFilter[(int) h & pairFilterMask] |= filterBits(h);
    }

    stringFrequency = frequency("未##串");
    numberFrequency = frequency("未##数");
    beginFrequency = frequency("始##始");
    endFrequency = frequency("末##末");
  }

  /** The core dictionary's words and frequencies as a trie. */
  static Words words(char[][] words, int[] wordFrequencies) {
    TermTrie.Layout trie = TermTrie.layout(words);
    int[] frequencies = new int[trie.nodes()];
    Arrays.fill(frequencies, NO_WORD);
    for (int i = 0; i < words.length; i++) {
      if (trie.ends()[i] != 0) {
        frequencies[trie.ends()[i]] = wordFrequencies[i];
      }
    }
    return new Words(trie.firstChar(), trie.childFrom(), trie.childChars(), trie.childNodes(), frequencies);
  }

  /**
   * The core dictionary as a trie, as {@link SmartcnModel}'s fields hold it: node 0 is the root's
   * stand-in, {@code firstCharNode} the node of each first character, {@code childFrom},
   * {@code childChars} and {@code childNodes} every node's children, {@code frequencies} each
   * node's word frequency ({@link #NO_WORD} for a prefix only).
   */
  record Words(int[] firstCharNode, int[] childFrom, char[] childChars, int[] childNodes, int[] frequencies) {}

  /** smartcn's {@code CharType} of {@code c}. */
  static int charType(char c) {
    return CHAR_TYPES[c];
  }

  /** The node reached from the root by {@code c}, 0 when no word starts with it. */
  int first(char c) {
    return firstCharNode[c];
  }

  /** The node reached from {@code node} by {@code c}, 0 when no word continues that way. */
  int child(int node, char c) {
    int child = TermTrie.find(childChars, childNodes, childFrom[node], childFrom[node + 1], c);
    return child < 0 ? 0 : child;
  }

  /** Whether the characters leading to {@code node} are a word of the dictionary. */
  boolean isWord(int node) {
    return frequencies[node] != NO_WORD;
  }

  /** The frequency of the word ending at {@code node}; 0 when it is no word. */
  int frequency(int node) {
    int f = frequencies[node];
    return f == NO_WORD ? 0 : f;
  }

  private int frequency(String word) {
    int node = first(word.charAt(0));
    for (int i = 1; i < word.length() && node != 0; i++) {
      node = child(node, word.charAt(i));
    }
    return node == 0 ? 0 : frequency(node);
  }

  /** The pair hash after {@code c}, continuing from {@code hash} (start with {@link #pairHashStart()}). */
  static long pairHash(long hash, char c) {
    hash = (hash ^ (c & 0x00FF)) * FNV_PRIME;
    return (hash ^ (c >> 8)) * FNV_PRIME;
  }

  static long pairHashStart() {
    return FNV_OFFSET;
  }

  /** How often the pair whose full hash is {@code hash} was seen; 0 when never. */
  int pairFrequency(long hash) {
    long h = mix64(hash);
    long bits = filterBits(h);
    if ((pairFilter[(int) h & pairFilterMask] & bits) != bits) {
      return 0;
    }
    int slot = mix(hash) & pairMask;
    long key;
    while ((key = pairKeys[slot]) != 0) {
      if (key == hash) {
        return pairFrequencies[slot];
      }
      slot = (slot + 1) & pairMask;
    }
    return 0;
  }

  private void putPair(long hash, int frequency) {
    int slot = mix(hash) & pairMask;
    while (pairKeys[slot] != 0) {
      if (pairKeys[slot] == hash) {
        return; // smartcn's lookup finds the first entry of a hash; keep that one
      }
      slot = (slot + 1) & pairMask;
    }
    pairKeys[slot] = hash;
    pairFrequencies[slot] = frequency;
  }

  private static long mix64(long key) {
    long h = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
    return h ^ (h >>> 29);
  }

  /** Two bits of a 64-bit word, chosen by bits of {@code h} that do not pick the word. */
  private static long filterBits(long h) {
    return (1L << (h >>> 52)) | (1L << (h >>> 58));
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading smartcn's files
  // ---------------------------------------------------------------------------------------------

  private static SmartcnModel load() {
    try {
      Words words;
      try (InputStream in = SmartcnModel.class.getResourceAsStream(WORDS_RESOURCE)) {
        words = in == null ? coreDictionary() : readWords(in);
      }

      Object[] bigrams = read("bigramdict.mem", 2);
      long[] table = (long[]) bigrams[0];
      int[] tableCounts = (int[]) bigrams[1];
      int used = 0;
      for (long h : table) {
        if (h != 0) {
          used++;
        }
      }
      long[] pairHashes = new long[used];
      int[] pairCounts = new int[used];
      int p = 0;
      for (int i = 0; i < table.length; i++) {
        if (table[i] != 0) {
          pairHashes[p] = table[i];
          pairCounts[p] = tableCounts[i];
          p++;
        }
      }
      return new SmartcnModel(words, pairHashes, pairCounts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read smartcn's dictionaries: " + e.getMessage(), e);
    }
  }

  /** The trie built from smartcn's core dictionary file. */
  static Words coreDictionary() throws IOException {
    Object[] core = read("coredict.mem", 4);
    short[] wordIndexTable = (short[]) core[0];
    char[] charIndexTable = (char[]) core[1];
    char[][][] rests = (char[][][]) core[2];
    int[][] counts = (int[][]) core[3];
    int total = 0;
    for (int slot = 0; slot < charIndexTable.length; slot++) {
      if (charIndexTable[slot] != 0 && wordIndexTable[slot] >= 0 && rests[wordIndexTable[slot]] != null) {
        total += rests[wordIndexTable[slot]].length;
      }
    }
    char[][] words = new char[total][];
    int[] wordFrequencies = new int[total];
    int n = 0;
    for (int slot = 0; slot < charIndexTable.length; slot++) {
      char first = charIndexTable[slot];
      if (first == 0 || wordIndexTable[slot] < 0 || rests[wordIndexTable[slot]] == null) {
        continue;
      }
      char[][] items = rests[wordIndexTable[slot]];
      int[] itemCounts = counts[wordIndexTable[slot]];
      for (int k = 0; k < items.length; k++) {
        char[] rest = items[k] == null ? new char[0] : items[k];
        char[] word = new char[rest.length + 1];
        word[0] = first;
        System.arraycopy(rest, 0, word, 1, rest.length);
        words[n] = word;
        wordFrequencies[n] = itemCounts[k];
        n++;
      }
    }
    return words(words, wordFrequencies);
  }

  /** The trie as the build writes it, beside this class. */
  static final String WORDS_RESOURCE = "smartcn-words.bin";

  private static final int WORDS_MAGIC = 0x50535731; // "PSW1"

  /**
   * Writes {@code words} as {@link #readWords} reads it: a magic number, the five arrays'
   * lengths, then the arrays, big-endian.
   */
  static void writeWords(Words words, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
    data.writeInt(WORDS_MAGIC);
    data.writeInt(words.firstCharNode().length);
    data.writeInt(words.childFrom().length);
    data.writeInt(words.childChars().length);
    data.writeInt(words.childNodes().length);
    data.writeInt(words.frequencies().length);
    for (int v : words.firstCharNode()) {
      data.writeInt(v);
    }
    for (int v : words.childFrom()) {
      data.writeInt(v);
    }
    for (char v : words.childChars()) {
      data.writeChar(v);
    }
    for (int v : words.childNodes()) {
      data.writeInt(v);
    }
    for (int v : words.frequencies()) {
      data.writeInt(v);
    }
    data.flush();
  }

  /**
   * Reads what {@link #writeWords} wrote, with bulk copies, and checks that it is a whole trie
   * (every child and first-character node inside it, child lists in order), so that a damaged
   * file fails here rather than in a search.
   */
  static Words readWords(InputStream in) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes());
    String problem = WORDS_RESOURCE + " is damaged; rebuild: ./policy-search build";
    if (bytes.remaining() < 24 || bytes.getInt() != WORDS_MAGIC) {
      throw new IOException(problem);
    }
    int firsts = bytes.getInt();
    int froms = bytes.getInt();
    int edges = bytes.getInt(); // childChars' length
    int edgeNodes = bytes.getInt(); // childNodes', the same
    int nodes = bytes.getInt(); // frequencies'
    long expected = 4L * firsts + 4L * froms + 2L * edges + 4L * edgeNodes + 4L * nodes;
    if (firsts != 65536 || froms < 2 || edges != edgeNodes || nodes < 1 || expected != bytes.remaining()) {
      throw new IOException(problem);
    }
    int[] firstCharNode = new int[firsts];
    int[] childFrom = new int[froms];
    char[] childChars = new char[edges];
    int[] childNodes = new int[edges];
    int[] frequencies = new int[nodes];
    bytes.asIntBuffer().get(firstCharNode);
    bytes.position(bytes.position() + 4 * firsts);
    bytes.asIntBuffer().get(childFrom);
    bytes.position(bytes.position() + 4 * froms);
    bytes.asCharBuffer().get(childChars);
    bytes.position(bytes.position() + 2 * edges);
    bytes.asIntBuffer().get(childNodes);
    bytes.position(bytes.position() + 4 * edges);
    bytes.asIntBuffer().get(frequencies);
    boolean whole = childFrom[0] == 0 && childFrom[froms - 1] == edges && froms - 1 <= nodes;
    for (int i = 1; i < froms && whole; i++) {
      whole = childFrom[i - 1] <= childFrom[i];
    }
    int used = froms - 1; // nodes with a child list
    for (int i = 0; i < edges && whole; i++) {
      whole = childNodes[i] > 0 && childNodes[i] < used;
    }
    for (int i = 0; i < firsts && whole; i++) {
      whole = firstCharNode[i] >= 0 && firstCharNode[i] < used;
    }
    if (!whole) {
      throw new IOException(problem);
    }
    return new Words(firstCharNode, childFrom, childChars, childNodes, frequencies);
  }

  /**
   * Build step: builds the trie from smartcn's core dictionary and writes it to the file named
   * by the one argument (the class folder's {@value #WORDS_RESOURCE} beside this class).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SmartcnModel OUTPUT_FILE");
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream stream = Files.newOutputStream(out)) {
      writeWords(coreDictionary(), stream);
    }
  }

  /** Reads {@code count} arrays of primitives (nothing else is let through) from smartcn's jar. */
  private static Object[] read(String resource, int count) throws IOException {
    try (InputStream in = HHMMSegmenter.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is missing from lucene-analysis-smartcn");
      }
      try (ObjectInputStream objects = new ObjectInputStream(in)) {
        objects.setObjectInputFilter(SmartcnModel::onlyPrimitiveArrays);
        Object[] out = new Object[count];
        for (int i = 0; i < count; i++) {
          out[i] = objects.readObject();
        }
        return out;
      } catch (ClassNotFoundException e) {
        throw new IOException(resource + " holds an unexpected class", e);
      }
    }
  }

  private static ObjectInputFilter.Status onlyPrimitiveArrays(ObjectInputFilter.FilterInfo info) {
    Class<?> type = info.serialClass();
    if (type == null) {
      return ObjectInputFilter.Status.UNDECIDED;
    }
    while (type.isArray()) {
      type = type.getComponentType();
    }
    return type.isPrimitive() ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
  }
}
