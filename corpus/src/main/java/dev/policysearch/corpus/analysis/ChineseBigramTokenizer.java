package dev.policysearch.corpus.analysis;

import java.io.CharArrayReader;
import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizerImpl;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.AttributeSource;

/**
 * The tokens of {@code StandardTokenizer -> LowerCaseFilter -> CJKBigramFilter}, every attribute
 * the same, at a fraction of the cost for ordinary Chinese text.
 *
 * <p>The stock chain makes one token of every Chinese character, lower-cases it and buffers it to
 * pair it with the next: per character a pass through the word-break scanner, three attribute
 * resets and a lower-casing. Here a text made only of common characters (the basic CJK ideographs,
 * Chinese punctuation that never joins a word, ASCII and a few signs and Latin letters: the kinds
 * of {@code KINDS}) is read once, and pairs are made straight from the ideographs; only runs of
 * the other characters that hold a letter or digit go through the stock word-break scanner, each
 * on its own, which gives the same words since ideographs and that punctuation break words on both
 * sides. Any other character (kana, hangul, rarer ideographs, emoji, combining marks and so on)
 * sends the whole text through the stock chain.
 * {@code ChineseBigramTokenizerTest} compares both on random texts and the corpus check in
 * docs/BENCHMARKS.md (twelfth session) on every release.
 */
final class ChineseBigramTokenizer extends Tokenizer {
  private static final String DOUBLE = "<DOUBLE>";
  private static final String SINGLE = "<SINGLE>";
  private static final int MAX_WORD = 255; // StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute posLenAtt = addAttribute(PositionLengthAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);

  /** The whole (char-filtered) text of the current value. */
  private char[] text = new char[1024];

  private int length;
  private boolean fast;

  // Fast path: every token of the value, worked out in reset(). A pair or a lone character keeps
  // its characters in first/second (second 0 for a lone one); a word keeps its place in words.
  private int count;
  private int next;
  private char[] first = new char[256];
  private char[] second = new char[256];
  private int[] starts = new int[256];
  private int[] ends = new int[256];
  private int[] wordAt = new int[256]; // -1 for a pair or a lone character
  private int[] wordLength = new int[256];
  private int[] wordType = new int[256];
  private int[] wordIncrement = new int[256];
  private char[] words = new char[256];
  private int wordChars;
  private int finalOffset;

  // The pairing state of the character run being read.
  private boolean hasPrevious; // the last character can still pair with the next one
  private boolean lone; // the run so far is one character that nothing was made of yet
  private boolean runEmpty = true;
  private char previous;
  private int previousStart;
  private int previousEnd;
  private int lastEnd;

  private final StandardTokenizerImpl scanner = new StandardTokenizerImpl(null);
  private final CharTermAttribute scratch;

  // Slow path: the stock chain, on attributes of its own, copied over token by token.
  private final StandardTokenizer stockTokenizer = new StandardTokenizer();
  private final TokenStream stock = new CJKBigramFilter(new LowerCaseFilter(stockTokenizer));
  private final CharTermAttribute stockTerm = stock.getAttribute(CharTermAttribute.class);
  private final OffsetAttribute stockOffset = stock.getAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute stockPosInc = stock.getAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute stockPosLen = stock.getAttribute(PositionLengthAttribute.class);
  private final TypeAttribute stockType = stock.getAttribute(TypeAttribute.class);

  ChineseBigramTokenizer() {
    // A term attribute outside this stream's own, for the scanner to copy a word into.
    scratch = new AttributeSource().addAttribute(CharTermAttribute.class);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    length = 0;
    for (int read; (read = input.read(text, length, text.length - length)) != -1; ) {
      length += read;
      if (length == text.length) {
        text = ArrayUtil.grow(text, length + 1);
      }
    }
    fast = common(text, length);
    if (fast) {
      tokenize();
    } else {
      // The stock chain sees offsets already corrected, as it does behind the char filters: the
      // bigram filter compares them to find adjacent characters.
      stockTokenizer.setReader(
          new CharFilter(new CharArrayReader(text, 0, length)) {
            @Override
            protected int correct(int offset) {
              return ChineseBigramTokenizer.this.correctOffset(offset);
            }

            @Override
            public int read(char[] buffer, int off, int len) throws IOException {
              return input.read(buffer, off, len);
            }
          });
      stock.reset();
    }
  }

  /** True when every character is one the fast path handles exactly like the stock chain. */
  static boolean common(char[] text, int length) {
    // Every character is looked up, with no early exit: nearly every text is common, and a loop
    // without a branch on a character's kind leaves the compiled code nothing to give up later.
    int kinds = 0;
    for (int i = 0; i < length; i++) {
      kinds |= KINDS[text[i]];
    }
    return (kinds & OTHER) == 0;
  }

  // What the fast path does with a character, looked up in a table rather than tested range by
  // range: a test of a rare range that the JIT compiler has never seen true is compiled as a trap,
  // and the first rare character of a run (a Roman numeral in the ten-thousandth release) threw
  // the compiled tokenizer away and had it compiled again, a dozen times in an index of the
  // shared corpus (docs/BENCHMARKS.md, nineteenth session).

  /**
   * The basic CJK ideographs (U+4E00-U+9FA5) and 〇: one ideographic word each for the scanner,
   * never joined to anything else.
   */
  private static final byte IDEOGRAPH = 1;

  /**
   * Chinese punctuation and spaces that word-break rules treat as "other": they end every word
   * and belong to none. (Not U+00B7, U+2018, U+2019, which may join letters.)
   */
  private static final byte PUNCTUATION = 2;

  /**
   * Characters left to the stock scanner, in runs between ideographs and punctuation: ASCII, and
   * signs, Latin letters and numerals seen in Chinese releases that may join letters or digits
   * (U+00B7, U+2018, U+2019) or be words themselves (é, Ⅲ), but never join an ideograph nor make
   * a CJK word. Blank: ASCII other than letters and digits, never part of a word.
   */
  private static final byte SCANNED_BLANK = 3;

  /** Scanned, and may be (part of) a word: ASCII letters and digits, every other scanned one. */
  private static final byte SCANNED_WORD = 4;

  /**
   * Anything else: the text takes the stock chain, so the tokenizing loop never meets it. A bit of
   * its own, so that {@link #common} can or the kinds of a whole text together.
   */
  private static final byte OTHER = 8;

  private static final byte[] KINDS = new byte[Character.MAX_VALUE + 1];

  /** The lower case of every scanned character (all below U+2600), as the stock chain makes it. */
  private static final char[] LOWER = new char[0x2600];

  static {
    Arrays.fill(KINDS, OTHER);
    Arrays.fill(KINDS, 0x00, 0x80, SCANNED_BLANK);
    Arrays.fill(KINDS, '0', '9' + 1, SCANNED_WORD);
    Arrays.fill(KINDS, 'A', 'Z' + 1, SCANNED_WORD);
    Arrays.fill(KINDS, 'a', 'z' + 1, SCANNED_WORD);
    char[] signs = {0x00B0, 0x00B1, 0x00B7, 0x2018, 0x2019, 0x2022, 0x2030, 0x2103, 0x2236};
    for (char c : signs) {
      KINDS[c] = SCANNED_WORD;
    }
    Arrays.fill(KINDS, 0x00C0, 0x0100, SCANNED_WORD);
    Arrays.fill(KINDS, 0x2160, 0x2180, SCANNED_WORD);
    Arrays.fill(KINDS, 0x2190, 0x2194, SCANNED_WORD);
    Arrays.fill(KINDS, 0x2460, 0x2474, SCANNED_WORD);
    Arrays.fill(KINDS, 0x25A0, 0x25D0, SCANNED_WORD);
    Arrays.fill(KINDS, 0x3000, 0x3004, PUNCTUATION);
    Arrays.fill(KINDS, 0x3008, 0x3012, PUNCTUATION);
    Arrays.fill(KINDS, 0x3014, 0x3020, PUNCTUATION);
    Arrays.fill(KINDS, 0x2013, 0x2017, PUNCTUATION);
    Arrays.fill(KINDS, 0x201C, 0x2020, PUNCTUATION);
    KINDS[0x2026] = PUNCTUATION;
    KINDS[0x00A0] = PUNCTUATION;
    Arrays.fill(KINDS, 0x4E00, 0x9FA6, IDEOGRAPH);
    KINDS[0x3007] = IDEOGRAPH;
    for (char c = 0; c < LOWER.length; c++) {
      LOWER[c] = KINDS[c] == SCANNED_WORD ? (char) Character.toLowerCase(c) : c;
    }
  }

  private void tokenize() throws IOException {
    count = 0;
    next = 0;
    wordChars = 0;
    hasPrevious = false;
    lone = false;
    runEmpty = true;
    lastEnd = 0;
    int start = correctOffset(0);
    int i = 0;
    while (i < length) {
      char c = text[i];
      byte kind = KINDS[c];
      if (kind == IDEOGRAPH) {
        int end = correctOffset(i + 1);
        ideograph(c, start, end);
        start = end;
        i++;
      } else if (kind >= SCANNED_BLANK) {
        int from = i;
        boolean wordy = false; // a run of ASCII spaces and punctuation holds no word
        while (i < length && (kind = KINDS[text[i]]) >= SCANNED_BLANK) {
          wordy |= kind == SCANNED_WORD;
          i++;
        }
        if (wordy) {
          scan(from, i);
        }
        start = correctOffset(i);
      } else {
        i++;
        start = correctOffset(i);
      }
    }
    if (lone) {
      addLone();
    }
    finalOffset = correctOffset(length);
  }

  /** One ideograph, as the bigram filter takes it: paired with the one before when adjacent. */
  private void ideograph(char c, int start, int end) {
    if (start != lastEnd) {
      if (lone) {
        addLone();
      }
      hasPrevious = false;
      lone = false;
      runEmpty = true;
    }
    if (hasPrevious) {
      add(previous, c, previousStart, end);
      lone = false;
    } else {
      lone = runEmpty;
    }
    runEmpty = false;
    hasPrevious = true;
    previous = c;
    previousStart = start;
    previousEnd = end;
    lastEnd = end;
  }

  /** The words the stock scanner finds in text[from, to), lower-cased. */
  private void scan(int from, int to) throws IOException {
    scanner.yyreset(new CharArrayReader(text, from, to - from));
    int skipped = 0;
    for (int type; (type = scanner.getNextToken()) != StandardTokenizerImpl.YYEOF; ) {
      if (scanner.yylength() > MAX_WORD) {
        skipped++;
        continue;
      }
      if (lone) {
        addLone();
        hasPrevious = false;
      }
      scanner.getText(scratch);
      int n = scratch.length();
      char[] chars = scratch.buffer();
      words = ArrayUtil.grow(words, wordChars + n);
      for (int k = 0; k < n; k++) {
        words[wordChars + k] = LOWER[chars[k]];
      }
      int at = from + scanner.yychar();
      grow();
      first[count] = 0;
      second[count] = 0;
      starts[count] = correctOffset(at);
      ends[count] = correctOffset(at + n);
      wordAt[count] = wordChars;
      wordLength[count] = n;
      wordType[count] = type;
      wordIncrement[count] = skipped + 1;
      count++;
      wordChars += n;
      skipped = 0;
    }
  }

  private void addLone() {
    add(previous, (char) 0, previousStart, previousEnd);
    lone = false;
  }

  private void add(char a, char b, int start, int end) {
    grow();
    first[count] = a;
    second[count] = b;
    starts[count] = start;
    ends[count] = end;
    wordAt[count] = -1;
    count++;
  }

  private void grow() {
    if (count == starts.length) {
      int size = ArrayUtil.oversize(count + 1, Integer.BYTES);
      first = ArrayUtil.growExact(first, size);
      second = ArrayUtil.growExact(second, size);
      starts = ArrayUtil.growExact(starts, size);
      ends = ArrayUtil.growExact(ends, size);
      wordAt = ArrayUtil.growExact(wordAt, size);
      wordLength = ArrayUtil.growExact(wordLength, size);
      wordType = ArrayUtil.growExact(wordType, size);
      wordIncrement = ArrayUtil.growExact(wordIncrement, size);
    }
  }

  @Override
  public boolean incrementToken() throws IOException {
    clearAttributes();
    if (!fast) {
      if (!stock.incrementToken()) {
        return false;
      }
      termAtt.copyBuffer(stockTerm.buffer(), 0, stockTerm.length());
      offsetAtt.setOffset(stockOffset.startOffset(), stockOffset.endOffset());
      posIncAtt.setPositionIncrement(stockPosInc.getPositionIncrement());
      posLenAtt.setPositionLength(stockPosLen.getPositionLength());
      typeAtt.setType(stockType.type());
      return true;
    }
    if (next == count) {
      return false;
    }
    int t = next++;
    offsetAtt.setOffset(starts[t], ends[t]);
    if (wordAt[t] >= 0) {
      termAtt.copyBuffer(words, wordAt[t], wordLength[t]);
      typeAtt.setType(StandardTokenizer.TOKEN_TYPES[wordType[t]]);
      posIncAtt.setPositionIncrement(wordIncrement[t]);
    } else if (second[t] != 0) {
      char[] buffer = termAtt.resizeBuffer(2);
      buffer[0] = first[t];
      buffer[1] = second[t];
      termAtt.setLength(2);
      typeAtt.setType(DOUBLE);
    } else {
      termAtt.resizeBuffer(1)[0] = first[t];
      termAtt.setLength(1);
      typeAtt.setType(SINGLE);
    }
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    if (fast) {
      offsetAtt.setOffset(finalOffset, finalOffset);
    } else {
      stock.end();
      offsetAtt.setOffset(stockOffset.startOffset(), stockOffset.endOffset());
      posIncAtt.setPositionIncrement(stockPosInc.getPositionIncrement());
    }
  }

  @Override
  public void close() throws IOException {
    super.close();
    if (!fast) {
      stock.close();
    }
  }
}
