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
}
