package dev.policysearch.corpus.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocNumbersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "国发〔2019〕5号", "国发[2019]5号", "国发【2019】5号", "国发(2019)5号", "国发（2019）5号", "国发2019年5号",
        "国发 2019 5号", "国发［２０１９］５号", "国发〔2019〕05号"
      })
  void everyWayOfTypingANumberGivesOneKey(String typed) {
    assertEquals(Optional.of("国发/2019/5"), DocNumbers.key(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"国务院令第250号", "国务院令250号", "中华人民共和国国务院令第250号", "国务院令 第250号"})
  void decreesWithoutYearGiveOneKey(String typed) {
    assertEquals(Optional.of("国务院令/250"), DocNumbers.key(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"光伏", "2019", "新型工业化 推进", "", "第5号", "国发〔2019〕"})
  void otherTextIsNotADocumentNumber(String typed) {
    assertEquals(Optional.empty(), DocNumbers.key(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"商务部公告2024年第10号", "商务部公告〔2024〕10号"})
  void announcementsWithYearAndOrdinal(String typed) {
    assertEquals(Optional.of("商务部公告/2024/10"), DocNumbers.key(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"主席令第七十三号", "中华人民共和国主席令第七十三号", "主席令第73号", "主席令 第七十三号"})
  void chineseNumeralsMeetDigits(String typed) {
    assertEquals(Optional.of("主席令/73"), DocNumbers.key(typed));
  }

  @org.junit.jupiter.api.Test
  void chineseNumbersReadAsWritten() {
    assertEquals(3, DocNumbers.chineseNumber("三"));
    assertEquals(10, DocNumbers.chineseNumber("十"));
    assertEquals(12, DocNumbers.chineseNumber("十二"));
    assertEquals(30, DocNumbers.chineseNumber("三十"));
    assertEquals(105, DocNumbers.chineseNumber("一百零五"));
    assertEquals(250, DocNumbers.chineseNumber("二百五十"));
    assertEquals(105, DocNumbers.chineseNumber("一〇五"));
    assertEquals(1234, DocNumbers.chineseNumber("一千二百三十四"));
    assertEquals(Optional.of("国发/2019/5"), DocNumbers.key("国发〔2019〕五号"));
  }
}
