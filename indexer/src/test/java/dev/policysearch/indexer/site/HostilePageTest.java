package dev.policysearch.indexer.site;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.indexer.crawl.CharsetRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Broken and hostile pages never break extraction: each one yields a release or a reason why
 * not, never an exception (the crawl would count it as failed and go on, but it should not have
 * to).
 */
class HostilePageTest {

  private static final String URL = "https://www.gov.cn/zhengce/content/2024-03/05/content_1.htm";

  private static List<String> pages() {
    Random random = new Random(20261127L);
    List<String> pages = new ArrayList<>();
    byte[] noise = new byte[200_000];
    random.nextBytes(noise);
    pages.add(CharsetRule.decode(noise, null));
    pages.add("<div>".repeat(50_000) + "深层嵌套的正文" + "</div>".repeat(10));
    pages.add("<html><body><h1>标题<table><tr><td>" + "<p>段落".repeat(20_000));
    pages.add("<html><body><div id=\"UCAP-CONTENT\">" + "文字".repeat(300_000) + "</div>");
    pages.add("<html><body><a href=\"" + "x".repeat(100_000) + "\">链接</a><script>" + "while(1){}".repeat(1_000));
    pages.add("<html>\u0000\u0001<body>\uFEFF<h1>\u200B零宽\u200D字符</h1><div id=UCAP-CONTENT><p>\u0007正文</p>");
    pages.add("<!-- unterminated comment <h1>标题</h1><div id=\"UCAP-CONTENT\"><p>正文</p>");
    pages.add("<html><head><meta charset=\"x-nonexistent\"><title>\uD800</title></head><body><p>\uDC00孤立代理</p>");
    pages.add("");
    return pages;
  }

  @Test
  void everyShippedProfileReadsHostilePagesWithoutFailing() throws IOException {
    SiteProfiles profiles = SiteProfiles.load(null);
    for (String name : profiles.names()) {
      PageExtractor extractor = new PageExtractor(profiles.require(name));
      for (String html : pages()) {
        PageExtractor.Extraction extraction = extractor.extract(Jsoup.parse(html, URL), URL);
        assertTrue(extraction.document().isPresent() || !extraction.problems().isEmpty(), name + ": a release or a reason");
        extraction.document().ifPresent(d -> assertFalse(d.body().isBlank(), name + ": never a blank body"));
      }
    }
  }

  @Test
  void listRulesReadHostilePagesWithoutFailing() throws IOException {
    SiteProfiles profiles = SiteProfiles.load(null);
    for (String name : profiles.names()) {
      SiteProfile profile = profiles.require(name);
      for (SiteProfile.ListSource source : profile.lists()) {
        ListExtractor lists = new ListExtractor(profile, source);
        for (String html : pages()) {
          ListExtractor.ListPage page = lists.read(html, source.url(), true);
          assertTrue(page.items().stream().allMatch(i -> i.url().startsWith("http")), name + ": only absolute links");
        }
      }
    }
  }
}
