package dev.policysearch.indexer.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.indexer.cli.IndexerMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteProfilesTest {

  static final List<String> SHIPPED = List.of("gov-cn", "gov-cn-en", "miit", "miit-en", "mfa", "mfa-en");

  @Test
  void theSixShippedProfilesLoadAndPairUpAcrossLanguages() throws IOException {
    SiteProfiles profiles = SiteProfiles.load(null);
    assertEquals(SHIPPED.stream().sorted().toList(), List.copyOf(profiles.names()));
    for (String name : SHIPPED) {
      SiteProfile profile = profiles.require(name);
      SiteProfile other = profiles.require(profile.pairSite());
      assertEquals(name, other.pairSite(), name + " and " + other.name() + " name each other");
      assertNotEquals(profile.lang(), other.lang());
    }
  }

  @Test
  void listSitesPrintsOneNameALine() {
    StringWriter out = new StringWriter();
    int status = IndexerMain.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "crawl", "--list-sites");
    assertEquals(0, status);
    assertEquals(SHIPPED.stream().sorted().toList(), out.toString().lines().toList());
  }

  @Test
  void aMistakeInAProfileIsReportedWithWhatIsWrong() {
    IOException e = assertThrows(IOException.class, () -> SiteProfiles.parse(
        "{\"name\":\"x\",\"site\":\"https://x.gov.cn\",\"lang\":\"zh\",\"lists\":[{\"url\":\"https://x.gov.cn/l.htm\"}],\"article\":{\"title\":[{\"selector\":\"h1\"}],\"body\":{\"selectors\":[\"#c\"]}},\"dealy_millis\":5}"
            .getBytes(StandardCharsets.UTF_8), "x.json"));
    assertTrue(e.getMessage().contains("x.json") && e.getMessage().contains("dealy_millis"), e.getMessage());
    IOException bad = assertThrows(IOException.class, () -> SiteProfiles.parse(
        "{\"name\":\"x\",\"site\":\"x.gov.cn\",\"lang\":\"zh\",\"lists\":[{\"url\":\"https://x.gov.cn/l.htm\"}],\"article\":{\"title\":[{\"selector\":\"h1\"}],\"body\":{\"selectors\":[\"#c\"]}}}"
            .getBytes(StandardCharsets.UTF_8), "x.json"));
    assertTrue(bad.getMessage().contains("site must be an origin"), bad.getMessage());
    IOException css = assertThrows(IOException.class, () -> SiteProfiles.parse(
        "{\"name\":\"x\",\"site\":\"https://x.gov.cn\",\"lang\":\"zh\",\"lists\":[{\"url\":\"https://x.gov.cn/l.htm\"}],\"article\":{\"title\":[{\"selector\":\"h1[\"}],\"body\":{\"selectors\":[\"#c\"]}}}"
            .getBytes(StandardCharsets.UTF_8), "x.json"));
    assertTrue(css.getMessage().contains("bad CSS selector 'h1['"), css.getMessage());
  }

  @Test
  void datesAreFoundAmongOtherWords() {
    DateFormats formats = new DateFormats(DateFormats.DEFAULTS);
    assertEquals("2024-01-05", formats.find("发布时间：2024-01-05 10:30 来源：新华社").orElseThrow().toString());
    assertEquals("2019-05-09", formats.find("Regular Press Conference on May 9, 2019").orElseThrow().toString());
    assertEquals("2024-03-07", formats.find("成文日期：2024年3月7日").orElseThrow().toString());
    assertTrue(formats.find("2019-13-45 and nothing else").isEmpty());
  }
}
