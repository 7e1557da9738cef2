package dev.policysearch.indexer.crawl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import dev.policysearch.corpus.store.JsonLinesWriter;
import dev.policysearch.indexer.Fixtures;
import dev.policysearch.indexer.cli.IndexerMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The crawl command against fixture sites served on 127.0.0.1; nothing here touches the internet. */
class CrawlIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** What one run of the crawl command printed. */
  record Run(int status, String out, String err) {}

  static Run crawl(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("crawl"));
    all.addAll(List.of(args));
    all.addAll(List.of("--delay-ms", "0", "--backoff-ms", "10", "--contact", "crawler-tests@localhost", "--quiet"));
    int status = IndexerMain.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Run(status, out.toString(), err.toString());
  }

  static FixtureSite edgeSite() throws IOException {
    return FixtureSite.serving(Fixtures.sites().resolve("edge-cases").resolve("pages"))
        .behave("/flaky/retry.htm", FixtureSite.Behaviour.FAIL_ONCE)
        .behave("/slow/timeout.htm", FixtureSite.Behaviour.SLOW)
        .behave("/slow/trickle.htm", FixtureSite.Behaviour.TRICKLE)
        .behave("/loop/a.htm", FixtureSite.Behaviour.REDIRECT_LOOP)
        .behave("/loop/b.htm", FixtureSite.Behaviour.REDIRECT_LOOP)
        .behave("/big/huge.htm", FixtureSite.Behaviour.HUGE);
  }

  private Run crawlEdges(FixtureSite site, Path store, String... more) {
    List<String> args = new ArrayList<>(List.of("--site", "edge-cases", "--profiles", Fixtures.edgeCaseProfiles().toString(),
        "--store", store.toString(), "--base-url", site.baseUrl(), "--timeout-ms", "500", "--retries", "1", "--max-page-bytes", "300000"));
    args.addAll(List.of(more));
    return crawl(args.toArray(String[]::new));
  }

  @Test
  void oneBadPageNeverStopsACrawlAndEachProblemIsReportedOnce() throws Exception {
    Path store = tmp.resolve("store");
    try (FixtureSite site = edgeSite()) {
      Run run = crawlEdges(site, store);
      assertEquals(0, run.status(), run.err());
      Map<String, PolicyDocument> stored = read(store.resolve("edge-cases.jsonl"));
      assertEquals(List.of("edge-gbk-no-header", "edge-malformed", "edge-plain", "edge-retry"), List.copyOf(stored.keySet()));
      for (PolicyDocument document : stored.values()) {
        String page = document.url().replace("https://edge.example.gov.cn/", "");
        assertSameAsExpected(Fixtures.sites().resolve("edge-cases/pages/" + page + ".expected.json"), document);
      }
      assertTrue(stored.get("edge-gbk-no-header").body().contains("中小企业可以先从研发设计"), "GBK page decoded");
      assertFalse(stored.get("edge-malformed").body().contains("脚本写的内容"), "script text is not body text");

      String tally = run.out();
      for (String count : List.of("stored 4", "robots-skipped 1", "http-errors 1", "empty 1", "failed 4", "duplicates 2")) {
        assertTrue(tally.contains(count), "tally has '" + count + "': " + tally);
      }
      assertEquals(1, occurrences(run.err(), "problem: [edge-cases] https://edge.example.gov.cn/articles/missing.htm: HTTP 404"), run.err());
      assertTrue(run.err().contains("redirect loop"), run.err());
      assertTrue(run.err().contains("over the limit"), run.err());
      assertTrue(run.err().contains("no response within 500 ms"), run.err());
      assertTrue(run.err().contains("page not received within 500 ms"), run.err());
      assertTrue(run.err().contains("robots.txt forbids it"), run.err());
      assertTrue(site.requests().stream().noneMatch(r -> r.path().startsWith("/private/")), "robots.txt was obeyed");
      assertTrue(site.requests().stream().anyMatch(r -> r.path().equals("/robots.txt")));
      assertEquals(2, site.requests().stream().filter(r -> r.path().equals("/flaky/retry.htm")).count(), "500 then a retry");
    }
  }

  @Test
  void aSecondRunAsksConditionallyAndStoresNothingNew() throws Exception {
    Path store = tmp.resolve("store");
    try (FixtureSite site = edgeSite()) {
      assertEquals(0, crawlEdges(site, store).status());
      byte[] before = Files.readAllBytes(store.resolve("edge-cases.jsonl"));
      List<String> storedPaths = List.of("/articles/plain.htm", "/articles/gbk-no-header.htm", "/articles/malformed.htm", "/flaky/retry.htm", "/list.htm");
      site.clearRequests();
      Run second = crawlEdges(site, store);
      assertEquals(0, second.status(), second.err());
      assertTrue(second.out().contains("stored 0"), second.out());
      assertTrue(second.out().contains("fetched 0, not-modified 8"), second.out());
      for (String path : storedPaths) {
        List<FixtureSite.Seen> asked = site.requests().stream().filter(r -> r.path().equals(path)).toList();
        assertFalse(asked.isEmpty(), path + " re-checked");
        assertTrue(asked.stream().allMatch(FixtureSite.Seen::conditional), path + " asked conditionally: " + asked);
        assertTrue(asked.stream().allMatch(r -> r.status() == 304), path + ": " + asked);
      }
      assertArrayEquals(before, Files.readAllBytes(store.resolve("edge-cases.jsonl")));
    }
  }

  @Test
  void changedAndRemovedPagesReachTheStoreAndTheIndex() throws Exception {
    Path store = tmp.resolve("store");
    Path index = tmp.resolve("index");
    try (FixtureSite site = edgeSite()) {
      Run first = crawlEdges(site, store, "--index", index.toString());
      assertEquals(0, first.status(), first.err());
      assertEquals(4, liveDocs(index));

      Path changed = tmp.resolve("plain-changed.htm");
      String page = Files.readString(Fixtures.sites().resolve("edge-cases/pages/articles/plain.htm"));
      Files.writeString(changed, page.replace("<div class=\"share\">", "<p>三、本通知自印发之日起施行。</p><div class=\"share\">"));
      site.withFile("/articles/plain.htm", changed).behave("/articles/malformed.htm", FixtureSite.Behaviour.GONE);

      Run second = crawlEdges(site, store, "--index", index.toString());
      assertEquals(0, second.status(), second.err());
      assertTrue(second.out().contains("stored 1,") && second.out().contains("removed 1"), second.out());
      Map<String, PolicyDocument> stored = read(store.resolve("edge-cases.jsonl"));
      assertEquals(List.of("edge-gbk-no-header", "edge-plain", "edge-retry"), List.copyOf(stored.keySet()));
      assertTrue(stored.get("edge-plain").body().endsWith("三、本通知自印发之日起施行。"), stored.get("edge-plain").body());
      assertTrue(second.out().contains("1 releases added or updated, 1 removed"), second.out());
      assertEquals(3, liveDocs(index));
    }
  }

  @Test
  void aListThatAScriptLoadsAsJsonIsReadFromItsHtmlField() throws Exception {
    Path store = tmp.resolve("store");
    try (FixtureSite site = edgeSite()) {
      Run run = crawl("--site", "json-list", "--profiles", Fixtures.edgeCaseProfiles().toString(), "--store", store.toString(),
          "--base-url", site.baseUrl(), "--retries", "1");
      assertEquals(0, run.status(), run.err());
      assertEquals(List.of("json-gbk-no-header", "json-plain", "json-retry"), List.copyOf(read(store.resolve("json-list.jsonl")).keySet()));
      assertTrue(site.requests().stream().anyMatch(r -> r.path().equals("/api/list-2.json")), "the second page, from the count in the JSON");
      Run explained = command("check-profile", "json-list", "--profiles", Fixtures.edgeCaseProfiles().toString(),
          "--file", Fixtures.sites().resolve("edge-cases/pages/api/list-1.json").toString(), "--page-url", "https://edge.example.gov.cn/api/list-1.json");
      assertTrue(explained.out().contains("2 release links, 1 further pages"), explained.out());
    }
  }

  @Test
  void sinceSkipsOlderReleasesAndStopsReadingTheList() throws Exception {
    Path store = tmp.resolve("store");
    try (FixtureSite site = edgeSite()) {
      Run run = crawlEdges(site, store, "--since", "2024-02-28");
      assertEquals(0, run.status(), run.err());
      assertEquals(List.of("edge-gbk-no-header", "edge-plain"), List.copyOf(read(store.resolve("edge-cases.jsonl")).keySet()));
      assertTrue(site.requests().stream().noneMatch(r -> r.path().equals("/articles/malformed.htm")), "older releases are not fetched");
      assertTrue(run.out().contains("older-than-since"), run.out());
    }
  }

  @Test
  void checkProfileShowsWhatAPageYieldsAndWhy() throws Exception {
    Path page = Fixtures.sites().resolve("gov-cn/pages/zhengce/content/2024-03/05/content_6936178.htm");
    String url = "https://www.gov.cn/zhengce/content/2024-03/05/content_6936178.htm";
    Run json = command("check-profile", "gov-cn", "--file", page.toString(), "--page-url", url, "--json");
    assertEquals(0, json.status(), json.err());
    assertEquals(JSON.readTree(Files.readString(Path.of(page + ".expected.json"))), JSON.readTree(json.out()));

    try (FixtureSite site = publisherSite("gov-cn", "gov-cn-en")) {
      Run fetched = command("check-profile", "gov-cn", "--url", url, "--base-url", site.baseUrl());
      assertEquals(0, fetched.status(), fetched.err());
      assertTrue(fetched.out().contains("doc_number  国发〔2024〕7号"), fetched.out());
      assertTrue(fetched.out().contains("A crawl would store this release"), fetched.out());

      Run list = command("check-profile", "gov-cn", "--url", "https://www.gov.cn/zhengce/zuixin/home.htm", "--base-url", site.baseUrl());
      assertTrue(list.out().contains("As a list page") && list.out().contains("A crawl would store nothing from this page"), list.out());
      assertTrue(list.out().contains("no body: none of the selectors"), list.out());

      Run missing = command("check-profile", "gov-cn", "--url", "https://www.gov.cn/nothing.htm", "--base-url", site.baseUrl());
      assertEquals(1, missing.status());
      assertTrue(missing.err().contains("HTTP 404"), missing.err());
    }
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    Run storeIsAFile = command("crawl", "--site", "gov-cn", "--store", file.toString());
    assertEquals(2, storeIsAFile.status());
    assertTrue(storeIsAFile.err().contains("is a file; name a folder"), storeIsAFile.err());
    Run unknown = command("check-profile", "no-such-site", "--file", page.toString());
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("no site profile named 'no-such-site'"), unknown.err());
  }

  static Run command(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = IndexerMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(status, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({"gov-cn, gov-cn-en", "miit, miit-en", "mfa, mfa-en"})
  void everyShippedProfileCrawlsItsFixtureSiteAndPairsTheLanguages(String zh, String en) throws Exception {
    Path store = tmp.resolve("store");
    try (FixtureSite site = publisherSite(zh, en)) {
      Run run = crawl("--site", zh, en, "--store", store.toString(), "--base-url", site.baseUrl());
      assertEquals(0, run.status(), run.err());
      Map<String, PolicyDocument> zhDocs = read(store.resolve(zh + ".jsonl"));
      Map<String, PolicyDocument> enDocs = read(store.resolve(en + ".jsonl"));
      for (String name : List.of(zh, en)) {
        Map<String, PolicyDocument> docs = name.equals(zh) ? zhDocs : enDocs;
        List<Path> expected = expectations(name);
        assertEquals(expected.size(), docs.size(), name + " stores each fixture article: " + docs.keySet());
        for (Path file : expected) {
          ObjectNode want = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
          PolicyDocument got = docs.get(want.get("id").asText());
          assertTrue(got != null, "stored " + want.get("id"));
          assertSameAsExpected(file, got);
        }
      }
      int pairs = 0;
      for (PolicyDocument z : zhDocs.values()) {
        if (z.pairId() != null) {
          pairs++;
          PolicyDocument e = enDocs.get(z.pairId());
          assertTrue(e != null && z.id().equals(e.pairId()), "pair_id both ways: " + z.id() + " <-> " + z.pairId());
        }
      }
      assertTrue(enDocs.values().stream().filter(e -> e.pairId() != null).count() == pairs, "no one-sided pairs");
      assertTrue(pairs >= 3, zh + "/" + en + " pairs: " + pairs);
      if (zh.equals("mfa")) {
        assertEquals("mfa-en-t20240403_11276221", zhDocs.get("mfa-zh-t20240403_11276141").pairId(), "paired by the page's English link");
        assertEquals("mfa-en-t1617471", zhDocs.get("mfa-zh-t1617387").pairId(), "paired by date and type");
        assertEquals(null, zhDocs.get("mfa-zh-t1415586").pairId(), "no English version of 2016-11-15 was crawled");
      }
    }
  }

  @Test
  void aCrawlKilledMidwayAndRunAgainEndsWithTheStoreOfAnUninterruptedOne() throws Exception {
    Path whole = tmp.resolve("whole");
    Path resumed = tmp.resolve("resumed");
    try (FixtureSite site = publisherSite("miit", "miit-en")) {
      assertEquals(0, crawl("--site", "miit", "miit-en", "--store", whole.toString(), "--base-url", site.baseUrl()).status());

      CountDownLatch arrived = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      site.gate("/zwgk/zcwj/wjfb/tz/art/2024/art_19d918a1f9df4f788f3dfebdbbe17eba.html", arrived, release);
      Process child = new ProcessBuilder(javaBin(), "-jar", Path.of("target", "policy-search-indexer.jar").toString(),
          "crawl", "--site", "miit", "miit-en", "--store", resumed.toString(), "--base-url", site.baseUrl(), "--delay-ms", "0", "--quiet")
          .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
      assertTrue(arrived.await(60, TimeUnit.SECONDS), "the crawl reached the gated page: " + Files.readString(tmp.resolve("child.log")));
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      release.countDown();
      long before = Files.readAllLines(resumed.resolve("miit.jsonl")).size();
      assertTrue(before >= 1, "something was stored before the kill");
      assertTrue(before < read(whole.resolve("miit.jsonl")).size(), "the kill came midway");

      site.gate("/never", new CountDownLatch(1), new CountDownLatch(0));
      Run again = crawl("--site", "miit", "miit-en", "--store", resumed.toString(), "--base-url", site.baseUrl());
      assertEquals(0, again.status(), again.err());
      for (String file : List.of("miit.jsonl", "miit-en.jsonl")) {
        assertEquals(Files.readString(whole.resolve(file)), Files.readString(resumed.resolve(file)), file);
      }
    }
  }

  @Test
  void withIndexTheCrawlBuildsAndThenUpdatesTheIndex() throws Exception {
    Path store = tmp.resolve("store");
    Path index = tmp.resolve("index");
    try (FixtureSite site = publisherSite("gov-cn", "gov-cn-en")) {
      Run first = crawl("--site", "gov-cn", "gov-cn-en", "--store", store.toString(), "--base-url", site.baseUrl(), "--index", index.toString());
      assertEquals(0, first.status(), first.err());
      int total = read(store.resolve("gov-cn.jsonl")).size() + read(store.resolve("gov-cn-en.jsonl")).size();
      assertEquals(total, liveDocs(index));
      Run second = crawl("--site", "gov-cn", "--store", store.toString(), "--base-url", site.baseUrl(), "--index", index.toString());
      assertTrue(second.out().contains("already up to date"), second.out());
      assertEquals(total, liveDocs(index));
    }
  }

  private static int liveDocs(Path index) throws IOException {
    Path current = index.resolve(Files.readString(index.resolve("CURRENT")).strip());
    try (var dir = FSDirectory.open(current); var reader = DirectoryReader.open(dir)) {
      return reader.numDocs();
    }
  }

  /** A publisher's two fixture sites served as one host (they share one on the real web too). */
  static FixtureSite publisherSite(String zh, String en) throws IOException {
    FixtureSite site = FixtureSite.serving(Fixtures.sites().resolve(zh).resolve("pages"), Fixtures.sites().resolve(en).resolve("pages"));
    if (zh.equals("mfa")) {
      Assumptions.assumeTrue(Fixtures.hasSharedPages(), "the saved Foreign Ministry pages of ../shared/corpus/html are not here");
      for (var page : Fixtures.sharedPages().entrySet()) {
        site.withFile(Fixtures.pathOf(page.getValue()), Fixtures.sharedCorpus().resolve("html").resolve(page.getKey()));
      }
    }
    return site;
  }

  /** The expected extractions of a site's article fixtures (ours and, for mfa, the saved pages). */
  private static List<Path> expectations(String site) throws IOException {
    try (Stream<Path> walk = Files.walk(Fixtures.sites().resolve(site).resolve("pages"))) {
      List<Path> ours = walk.filter(p -> p.toString().endsWith(".expected.json")).sorted().toList();
      if (!site.startsWith("mfa")) {
        return ours;
      }
      List<Path> all = new ArrayList<>(ours);
      Path shared = Fixtures.sites().resolve(site).resolve("shared");
      try (Stream<Path> saved = Files.list(shared)) {
        saved.sorted().forEach(p -> all.add(toDocumentExpectation(p)));
      }
      return all;
    }
  }

  /** A saved page's expectation holds fields and a body hash; the test needs only its id here. */
  private static Path toDocumentExpectation(Path sharedExpectation) {
    try {
      ObjectNode doc = (ObjectNode) JSON.readTree(Files.readString(sharedExpectation)).get("document");
      Path file = Files.createTempFile("expected", ".json");
      file.toFile().deleteOnExit();
      doc.put("body", "(hashed)");
      Files.writeString(file, doc.toString());
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void assertSameAsExpected(Path expectedFile, PolicyDocument got) throws IOException {
    ObjectNode want = (ObjectNode) JSON.readTree(Files.readString(expectedFile, StandardCharsets.UTF_8));
    ObjectNode have = (ObjectNode) JSON.readTree(JsonLinesWriter.toJson(got));
    want.remove("pair_id");
    have.remove("pair_id");
    if ("(hashed)".equals(want.path("body").asText())) {
      want.remove("body");
      have.remove("body");
      want.remove("url");
      have.remove("url"); // the saved mfa.gov.cn page is stored under the site's canonical host
    }
    assertEquals(want, have, "stored as " + expectedFile.getFileName() + " says");
  }

  static Map<String, PolicyDocument> read(Path file) throws IOException {
    Map<String, PolicyDocument> docs = new TreeMap<>();
    try (JsonLinesReader reader = JsonLinesReader.open(file)) {
      for (CorpusLine line : reader) {
        if (line instanceof CorpusLine.Parsed p) {
          docs.put(p.document().id(), p.document());
        } else {
          throw new AssertionError("bad store line " + line);
        }
      }
    }
    return docs;
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
