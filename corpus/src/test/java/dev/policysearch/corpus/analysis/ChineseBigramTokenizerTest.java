package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.PolicyDocument;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;

/**
 * {@link ChineseBigramTokenizer} against the stock chain it stands for, behind the same character
 * filters: every token with every attribute, and the state after the last one.
 */
class ChineseBigramTokenizerTest {

  /** The chain the bigram fields were indexed with before the fast tokenizer. */
  private static final class StockBigrams extends Analyzer {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return new ChineseFoldingCharFilter(new CJKWidthCharFilter(reader));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new StandardTokenizer();
      return new TokenStreamComponents(tokenizer, new CJKBigramFilter(new LowerCaseFilter(tokenizer)));
    }
  }

  private final Analyzer stock = new StockBigrams();
  private final Analyzer ours = new ChineseBigramAnalyzer();

  static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute positionLength = ts.addAttribute(PositionLengthAttribute.class);
      TypeAttribute type = ts.addAttribute(TypeAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term + "[" + offset.startOffset() + "," + offset.endOffset() + ")+" + increment.getPositionIncrement()
            + "/" + positionLength.getPositionLength() + type.type());
      }
      ts.end();
      out.add("end[" + offset.startOffset() + "," + offset.endOffset() + ")+" + increment.getPositionIncrement());
    }
    return out;
  }

  private void same(String text) throws IOException {
    assertEquals(tokens(stock, text), tokens(ours, text), () -> "text: " + text.codePoints()
        .mapToObj(cp -> cp < 0x80 ? Character.toString(cp) : String.format("\\u%04X", cp)).reduce("", String::concat));
  }

  @Test
  void plainChineseTextIsPairedAsTheStockChainDoes() throws IOException {
    same("新型工业化");
    same("国务院关于印发《“十四五”数字经济发展规划》的通知");
    same("中");
    same("中。文");
    same("2023年GDP增长5.2%，CPI上涨0.2%。");
    same("国发〔2021〕29号");
    same("  U.S.-China 贸易, e-mail: info@gov.cn 3,000.50 元 x_y 中a文 中文a国 中文国a家");
    same("");
    same("。。。 ，，");
  }

  @Test
  void textOutsideTheFastPathGoesThroughTheStockChain() throws IOException {
    assertFalse(ChineseBigramTokenizer.common("日本の".toCharArray(), 3));
    assertTrue(ChineseBigramTokenizer.common("中文,abc。".toCharArray(), 7)); // after width folding
    same("日本の経済と中国");
    same("𠀀中文𠀁");
    same("中\uFE0F文 ① Ⅱ 々 〇 한국어 café naïve ‘quoted’ don’t ·中·");
    same("马克思·恩格斯 ‘放管服’改革 don’t 25℃ ±0.5 Ⅲ级 ①② 〇二三 Café·A·b 3·5");
    same("ｶﾞｷﾞ半角ｶﾅ 全角ＡＢＣ１２３");
    same("👍🏽 中文 #️⃣ 🇨🇳");
  }

  @Test
  void traditionalCharactersAreFoldedFirst() throws IOException {
    same("國務院關於發展數字經濟的意見");
  }

  @Test
  void randomTextsMatchTheStockChain() throws IOException {
    String common = "中文国务院发展经济的了在和是人一有政策改革开放" + "abcXYZ019 .,:;'-_@/#*%\n\t()\"" + "、。《》“”「」【】〔〕…—　" + "·‘’éÀÉ°±•‰℃∶ⅢⅡ↑①■●〇";
    String rare = "日の経カナ한국々・\uFE0F\u200D\u0301國發ＡＢ１，ｶﾞ\u00AD\u2060";
    Random random = new Random(20261129);
    for (int round = 0; round < 20000; round++) {
      // Mostly common characters; in a third of the texts one rare character among them, so that
      // each rare one is met beside ideographs, letters and punctuation with nothing else rare.
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(40);
      for (int i = 0; i < n; i++) {
        text.append(common.charAt(random.nextInt(common.length())));
      }
      if (round % 3 == 0) {
        text.insert(random.nextInt(text.length() + 1), rare.charAt(random.nextInt(rare.length())));
      } else if (round % 50 == 1) {
        text.insert(random.nextInt(text.length() + 1), Character.toChars(0x20000 + random.nextInt(50))); // beyond the BMP
      }
      same(text.toString());
    }
  }

  @Test
  void longRunsAndLongWords() throws IOException {
    same("发展".repeat(400));
    same("a".repeat(600) + "中文" + "9".repeat(300));
  }

  @Test
  void bundledSampleCorpusMatchesTheStockChain() throws IOException {
    int compared = CorpusTexts.eachRelease(CorpusTexts.SAMPLE, 1, this::same);
    assertTrue(compared > 20, "the sample corpus was read: " + compared + " releases");
  }

  @Test
  void sharedCorpusMatchesTheStockChain() throws IOException {
    int compared = 0;
    for (Path file : CorpusTexts.sharedFiles()) {
      compared += CorpusTexts.eachRelease(file, 20, this::same); // every 20th keeps this test to seconds
    }
    assertTrue(compared > 1000, "releases compared: " + compared);
  }

  /** Title, body and the metadata texts the bigram analyzer indexes. */
  private void same(PolicyDocument d) throws IOException {
    for (String text : new String[] {d.title(), d.body(), d.issuer(), d.docNumber(), d.source()}) {
      if (text != null) {
        same(text);
      }
    }
  }
}
