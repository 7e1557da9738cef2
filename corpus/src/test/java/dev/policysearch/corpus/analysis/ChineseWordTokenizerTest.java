package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.PolicyDocument;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;

/**
 * Our segmenter must give smartcn's words exactly (term, offsets, position, type): the index and
 * every relevance figure were measured with them. Compared token by token with smartcn's own
 * tokenizer on odd inputs, on random ones, on our sample corpus and on the shared corpus.
 */
class ChineseWordTokenizerTest {

  private final Tokenizer smartcn = new HMMChineseTokenizer();
  private final Tokenizer ours = new ChineseWordTokenizer();

  @Test
  void wordsAreSmartcnsOnOddInputs() throws IOException {
    for (String text :
        List.of(
            "",
            " ",
            "　\t\n",
            "习近平在中央经济工作会议上发表重要讲话",
            "推进新型工业化，加快建设制造强国。",
            "国发〔2019〕5号 国务院令第250号",
            "光 伏 产 业", // spaces inside a run of Chinese characters
            "中华 人民共和国",
            "５Ｇ网络和ＡＩ应用，ＧＤＰ增长５.２％",
            "5G、AI and GDP 5.2% in 2024年",
            "MixedCASE Letters和Digits123",
            "𠀀𠀁汉字𪚥", // characters outside the basic plane
            "\uD840", // a lone surrogate
            "是\uDC00非", // a lone low surrogate
            "龥龦鿿㐀", // at and beyond the edge of smartcn's Chinese range
            "！？；：“”‘’（）《》【】—…·",
            "a",
            "中",
            "。。。",
            "第一条 为了规范……制定本法。第二条 本法适用于中华人民共和国境内。")) {
      assertSameWords(text);
    }
  }

  @Test
  void wordsAreSmartcnsAcrossTheTokenizersBuffer() throws IOException {
    // Longer than the 1,024-character buffer, with no sentence end inside: the base class's
    // refill path.
    assertSameWords("我们要坚持以人民为中心的发展思想".repeat(200));
    assertSameWords(("加快构建新发展格局，推动高质量发展。").repeat(300));
  }

  @Test
  void wordsAreSmartcnsOnRandomText() throws IOException {
    String alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
        + "      ，。、；：？！“”（）《》〔〕0123456789abcXYZ５Ｇａｂ.-%/·𠀀";
    Random random = new Random(20261128L);
    int[] codePoints = alphabet.codePoints().toArray();
    for (int n = 0; n < 3_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(60);
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      assertSameWords(text.toString());
    }
  }

  @Test
  void wordsAreSmartcnsOnTheSampleCorpus() throws IOException {
    int compared = CorpusTexts.eachRelease(CorpusTexts.SAMPLE, 1, this::assertSameWords);
    assertTrue(compared > 20, "the sample corpus was read: " + compared + " releases");
  }

  @Test
  void wordsAreSmartcnsOnTheSharedCorpus() throws IOException {
    int compared = 0;
    for (Path file : CorpusTexts.sharedFiles()) {
      compared += CorpusTexts.eachRelease(file, 25, this::assertSameWords); // every 25th keeps this test to seconds
    }
    assertTrue(compared > 500, "releases compared: " + compared);
  }

  private void assertSameWords(PolicyDocument document) throws IOException {
    assertSameWords(document.title());
    assertSameWords(document.body());
  }

  private void assertSameWords(String text) throws IOException {
    String value = text == null ? "" : text;
    List<String> expected = words(smartcn, value);
    List<String> actual = words(ours, value);
    if (!expected.equals(actual)) {
      int i = 0;
      while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
        i++;
      }
      assertEquals(
          expected.subList(i, Math.min(expected.size(), i + 5)),
          actual.subList(i, Math.min(actual.size(), i + 5)),
          "first difference at token " + i + " of " + abbreviate(value));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? "\"" + text + "\"" : "\"" + text.substring(0, 80) + "…\" (" + text.length() + " chars)";
  }

  private static List<String> words(Tokenizer tokenizer, String text) throws IOException {
    CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
    OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
    PositionIncrementAttribute increment = tokenizer.addAttribute(PositionIncrementAttribute.class);
    TypeAttribute type = tokenizer.addAttribute(TypeAttribute.class);
    List<String> out = new ArrayList<>();
    tokenizer.setReader(new StringReader(text));
    tokenizer.reset();
    while (tokenizer.incrementToken()) {
      out.add(term + "[" + offset.startOffset() + "," + offset.endOffset() + ")+" + increment.getPositionIncrement() + " " + type.type());
    }
    tokenizer.end();
    out.add("end " + offset.endOffset());
    tokenizer.close();
    return out;
  }
}
