package dev.policysearch.corpus.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the tokens of every analysis chain: what is indexed is what can be found. */
class AnalyzersTest {

  private final Analyzers analyzers = new Analyzers();

  @Test
  void bigramsCoverEveryContiguousPairOfChineseCharacters() {
    assertEquals(List.of("新型", "型工", "工业", "业化"), Tokens.of(analyzers.chineseBigrams(), "新型工业化"));
  }

  @Test
  void bigramOffsetsPointIntoTheOriginalTextForHighlighting() {
    assertEquals(
        List.of("推进[0,2)", "进新[1,3)", "新型[2,4)", "型工[3,5)", "工业[4,6)", "业化[5,7)"),
        Tokens.withOffsets(analyzers.chineseBigrams(), "推进新型工业化"));
  }

  @Test
  void bigramsBreakAtPunctuationAndKeepLatinWordsWhole() {
    assertEquals(
        List.of("发展", "5g", "网络", "和", "ai"), Tokens.of(analyzers.chineseBigrams(), "发展5G网络，和AI"));
  }

  @Test
  void fullWidthFormsFoldToHalfWidthWithOffsetsKept() {
    assertEquals(
        List.of("5g[0,2)", "网络[2,4)"), Tokens.withOffsets(analyzers.chineseBigrams(), "５Ｇ网络"));
    assertEquals(Tokens.of(analyzers.chineseWords(), "5G网络"), Tokens.of(analyzers.chineseWords(), "５Ｇ网络"));
  }

  @Test
  void wordsAreSegmentedBesideFullWidthPunctuationAsStockSmartcnDoes() {
    // Punctuation reaches the segmenter as typed: its dictionaries know the full-width forms
    // (ASCII ones make it slower and segment differently); only letters and digits are folded.
    var stockSmartcn = new org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer();
    String text = "我国经济发展的目的，是让人民共享发展红利；来看一看：１２项ＡＩ举措！";
    assertEquals(Tokens.of(stockSmartcn, text), Tokens.of(stock.chineseWords(), text));
  }

  @Test
  void lexiconTermsAreJoinedWhereverTheyStartInARunOfTokens() {
    assertEquals(
        List.of("我们", "支持", "光伏", "光", "伏", "和", "新能源汽车", "新", "能源", "汽车"),
        Tokens.of(analyzers.chineseWords(), "我们支持光伏和新能源汽车"));
  }

  @Test
  void documentNumberBecomesTheSameTokensWhateverTheBrackets() {
    List<String> expected = List.of("国办", "办发", "2024", "1", "号");
    assertEquals(expected, Tokens.of(analyzers.chineseBigrams(), "国办发〔2024〕1号"));
    assertEquals(expected, Tokens.of(analyzers.chineseBigrams(), "国办发[2024]1号"));
    assertEquals(expected, Tokens.of(analyzers.chineseBigrams(), "国办发【2024】1号"));
    assertEquals(expected, Tokens.of(analyzers.chineseBigrams(), "国办发（2024）1号"));
  }

  private final Analyzers stock = new Analyzers(PolicyLexicon.empty());

  @Test
  void stockSmartcnSplitsWordsItDoesNotKnow() {
    assertEquals(List.of("光", "伏"), Tokens.of(stock.chineseWords(), "光伏"));
    assertEquals(List.of("习", "近", "平"), Tokens.of(stock.chineseWords(), "习近平"));
    assertEquals(List.of("推动", "高", "质量", "发展"), Tokens.of(stock.chineseWords(), "推动高质量发展。"));
  }

  @Test
  void lexiconJoinsThePiecesIntoOneTermAndKeepsThePieces() {
    assertEquals(List.of("光伏", "光", "伏"), Tokens.of(analyzers.chineseWords(), "光伏"));
    assertEquals(List.of("习近平", "习", "近", "平"), Tokens.of(analyzers.chineseWords(), "习近平"));
    assertEquals(
        List.of("推动", "高质量发展", "高", "质量", "发展"), Tokens.of(analyzers.chineseWords(), "推动高质量发展。"));
  }

  @Test
  void lexiconTermSpansItsPiecesForPhraseQueries() throws java.io.IOException {
    var onlyPv =
        new Analyzers(PolicyLexicon.parse(new java.io.ByteArrayInputStream("光伏\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), null));
    assertEquals(
        List.of("光伏[0,2)+1/2", "光[0,1)+0/1", "伏[1,2)+1/1", "发电[2,4)+1/1"),
        Tokens.withPositions(onlyPv.chineseWords(), "光伏发电"));
  }

  @Test
  void longestLexiconTermWins() {
    assertEquals(List.of("光伏发电", "光", "伏", "发电"), Tokens.of(analyzers.chineseWords(), "光伏发电"));
  }

  @Test
  void traditionalCharactersAreFoldedToSimplifiedInEveryChain() {
    assertEquals(Tokens.of(analyzers.chineseWords(), "经济发展"), Tokens.of(analyzers.chineseWords(), "經濟發展"));
    assertEquals(List.of("国务[0,2)", "务院[1,3)"), Tokens.withOffsets(analyzers.chineseBigrams(), "國務院"));
    assertEquals(List.of("粤港澳大湾区", "粤", "港", "澳", "大", "湾", "区"), Tokens.of(analyzers.chineseWords(), "粵港澳大灣區"));
  }

  @Test
  void smartcnLowerCasesAndStemsLatinWordsInsideChineseText() {
    assertEquals(List.of("推动", "industri"), Tokens.of(analyzers.chineseWords(), "推动Industrialization"));
  }

  @Test
  void englishIsLowerCasedStemmedAndStopWordsDropped() {
    assertEquals(
        List.of("promot", "new", "industri", "china"),
        Tokens.of(analyzers.english(), "Promoting the new industrialization of China's"));
  }

  @Test
  void englishKeepsOffsetsOfTheOriginalWords() {
    assertEquals(List.of("new[0,3)", "industri[4,21)"), Tokens.withOffsets(analyzers.english(), "New Industrialization"));
  }

  @Test
  void perFieldWrapperUsesTheChainOfEachField() {
    assertEquals(List.of("光伏"), Tokens.of(analyzers.perField(), "body_zh_bigram", "光伏"));
    assertEquals(List.of("光伏", "光", "伏"), Tokens.of(analyzers.perField(), "body_zh", "光伏"));
    assertEquals(List.of("industri"), Tokens.of(analyzers.perField(), "body_en", "industries"));
    assertEquals(List.of("国务院"), Tokens.of(analyzers.perField(), "issuer", "国务院"));
  }
}
