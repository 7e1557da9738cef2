package dev.policysearch.indexer.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetRuleTest {

  private static final Charset GBK = Charset.forName("GBK");
  private static final String PAGE = "<html><head><title>数字化转型</title></head><body><p>中小企业数字化转型指南正式发布，喆。</p></body></html>";

  @Test
  void theRuleGoesBomThenHeaderThenMetaThenDetection() {
    byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, PAGE.getBytes(StandardCharsets.UTF_8));
    assertEquals("byte-order mark", CharsetRule.decide(bom, "text/html; charset=gbk").because());
    assertEquals(PAGE, CharsetRule.decode(bom, "text/html; charset=gbk"));

    byte[] gbk = PAGE.getBytes(GBK);
    assertEquals("HTTP header", CharsetRule.decide(gbk, "text/html; charset=GB2312").because());
    assertEquals(PAGE, CharsetRule.decode(gbk, "text/html; charset=GB2312"), "gb2312 is read as GB18030, so GBK-only 喆 survives");

    byte[] meta = ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">" + PAGE).getBytes(GBK);
    assertEquals("meta tag", CharsetRule.decide(meta, "text/html").because());

    assertEquals(PAGE, CharsetRule.decode(gbk, "text/html"), "no label at all: detected");
    assertEquals("detected (valid UTF-8)", CharsetRule.decide(PAGE.getBytes(StandardCharsets.UTF_8), null).because());
  }

  @Test
  void urlsHaveOneSpelling() {
    assertEquals("http://www.gov.cn/a/b.htm", UrlNormalizer.normalize("HTTP://WWW.GOV.CN:80/a/./c/../b.htm#top").orElseThrow());
    assertEquals("https://www.gov.cn/", UrlNormalizer.normalize("https://www.gov.cn").orElseThrow());
    assertEquals("https://www.gov.cn/l.htm?page=2", UrlNormalizer.normalize("https://www.gov.cn:443/l.htm?page=2").orElseThrow());
    assertEquals(java.util.Optional.empty(), UrlNormalizer.normalize("javascript:void(0)"));
    assertEquals(java.util.Optional.empty(), UrlNormalizer.normalize("mailto:someone@gov.cn"));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
