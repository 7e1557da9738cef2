package dev.policysearch.indexer.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import dev.policysearch.corpus.store.JsonLinesWriter;
import dev.policysearch.indexer.Fixtures;
import dev.policysearch.indexer.crawl.CharsetRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every article fixture against the expected extraction beside it: {@code page.expected.json}
 * holds the corpus JSON line its site's profile must produce. The saved real Foreign Ministry
 * pages of ../shared are checked against hashes here and against the shared corpus's own records.
 */
class SiteExtractionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> ourFixturePagesExtractAsExpected() throws IOException {
    SiteProfiles profiles = SiteProfiles.load(Fixtures.edgeCaseProfiles());
    List<Path> expectations;
    try (Stream<Path> walk = Files.walk(Fixtures.sites())) {
      expectations = walk.filter(p -> p.toString().endsWith(".expected.json") && p.toString().contains("/pages/")).sorted().toList();
    }
    assertTrue(expectations.size() >= 10, "expected-extraction files found: " + expectations.size());
    return expectations.stream().map(expected -> DynamicTest.dynamicTest(Fixtures.sites().relativize(expected).toString(), () -> {
      String site = Fixtures.sites().relativize(expected).getName(0).toString();
      Path page = Path.of(expected.toString().replaceFirst("\\.expected\\.json$", ""));
      JsonNode want = JSON.readTree(Files.readString(expected, StandardCharsets.UTF_8));
      PolicyDocument got = extract(profiles.require(site), page, want.get("url").asText());
      assertEquals(want, JSON.readTree(JsonLinesWriter.toJson(got)), "extraction of " + page);
    }));
  }

  @TestFactory
  Stream<DynamicTest> savedForeignMinistryPagesExtractAsTheCorpusDid() throws IOException {
    Assumptions.assumeTrue(Fixtures.hasSharedPages(), "the saved pages of ../shared/corpus/html are not here (set POLICY_SEARCH_SHARED_CORPUS)");
    SiteProfiles profiles = SiteProfiles.load(null);
    Map<String, String> urls = Fixtures.sharedPages();
    Map<String, PolicyDocument> corpus = corpusRecords(Fixtures.sharedCorpus().resolve("mfa.jsonl.gz"));
    List<Path> expectations;
    try (Stream<Path> walk = Files.walk(Fixtures.sites())) {
      expectations = walk.filter(p -> p.toString().endsWith(".expected.json") && p.toString().contains("/shared/")).sorted().toList();
    }
    assertEquals(8, expectations.size(), "one expectation per saved article page");
    return expectations.stream().map(expected -> DynamicTest.dynamicTest(expected.getFileName().toString(), () -> {
      JsonNode want = JSON.readTree(Files.readString(expected, StandardCharsets.UTF_8));
      String file = want.get("page").asText();
      Path page = Fixtures.sharedCorpus().resolve("html").resolve(file);
      PolicyDocument got = extract(profiles.require(want.get("profile").asText()), page, urls.get(file));
      ObjectNode fields = (ObjectNode) JSON.readTree(JsonLinesWriter.toJson(got));
      fields.remove("body");
      assertEquals(want.get("document"), fields);
      assertEquals(want.get("body_paragraphs").asInt(), got.body().split("\n").length);
      assertEquals(want.get("body_sha256").asText(), sha256(got.body()));
      PolicyDocument record = corpus.get(got.id());
      if (record != null) {
        assertEquals(record.title(), got.title());
        assertEquals(record.body(), got.body(), "the crawl reads the page as the shared corpus did");
        assertEquals(record.date(), got.date());
        assertEquals(record.type(), got.type());
      }
    }));
  }

  static PolicyDocument extract(SiteProfile profile, Path page, String url) throws IOException {
    byte[] bytes = Files.readAllBytes(page);
    var document = Jsoup.parse(CharsetRule.decode(bytes, null), url);
    PageExtractor.Extraction extraction = new PageExtractor(profile).extract(document, url);
    assertTrue(extraction.document().isPresent(), page + ": " + extraction.problems());
    return extraction.document().get();
  }

  private static Map<String, PolicyDocument> corpusRecords(Path file) throws IOException {
    Map<String, PolicyDocument> records = new HashMap<>();
    try (JsonLinesReader reader = JsonLinesReader.open(file)) {
      for (CorpusLine line : reader) {
        if (line instanceof CorpusLine.Parsed p) {
          records.put(p.document().id(), p.document());
        }
      }
    }
    return records;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
