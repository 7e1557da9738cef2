package dev.policysearch.indexer.cli;

import dev.policysearch.corpus.store.JsonLinesWriter;
import dev.policysearch.indexer.crawl.CharsetRule;
import dev.policysearch.indexer.crawl.Fetcher;
import dev.policysearch.indexer.crawl.FetchSettings;
import dev.policysearch.indexer.site.ListExtractor;
import dev.policysearch.indexer.site.PageExtractor;
import dev.policysearch.indexer.site.SiteProfile;
import dev.policysearch.indexer.site.SiteProfiles;
import dev.policysearch.indexer.site.UrlMapping;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code policy-search check-profile NAME (--url URL | --file PAGE.html)}: shows what a profile
 * reads from one page, field by field with the rule that matched, and why a page comes out empty.
 */
@Command(
    name = "check-profile",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what the site profile NAME extracts from one page: each field with the rule that found it,",
      "the links a list page yields, and why a page would be stored empty. With --json, prints exactly",
      "the corpus JSON line a crawl would store."
    })
public final class CheckProfileCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Site profile (see crawl --list-sites).")
  String name;

  @CommandLine.ArgGroup(multiplicity = "1")
  PageSource page;

  static final class PageSource {
    @Option(names = "--url", paramLabel = "URL", description = "Fetch this page (politely, obeying robots.txt).")
    String url;

    @Option(names = "--file", paramLabel = "PAGE.html", description = "Read a saved page.")
    Path file;
  }

  @Option(names = "--page-url", paramLabel = "URL", description = "With --file: the address the page was saved from (ids and links depend on it).")
  String pageUrl;

  @Option(names = "--base-url", paramLabel = "URL", description = "Fetch from a mirror of the site: the profile's host is replaced by this one.")
  String baseUrl;

  @Option(names = "--json", description = "Print only the corpus JSON line a crawl would store.")
  boolean json;

  @Option(names = "--profiles", paramLabel = "DIR", description = "Extra site profiles (*.json) besides the shipped ones.")
  Path profilesDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SiteProfile profile = CrawlCommand.profile(spec, profilesDir, name);
    UrlMapping mapping = baseUrl == null ? UrlMapping.direct(profile) : CrawlCommand.mirror(spec, profile, baseUrl);
    byte[] bytes;
    String contentType = null;
    String fetchedUrl;
    if (page.file != null) {
      if (!Files.isRegularFile(page.file)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--file " + page.file + ": no such file");
      }
      bytes = Files.readAllBytes(page.file);
      fetchedUrl = pageUrl != null ? pageUrl : profile.site() + "/" + page.file.getFileName();
    } else {
      String target = mapping.toFetch(page.url);
      try (Fetcher fetcher = new Fetcher(FetchSettings.defaults())) {
        Fetcher.Outcome outcome = fetcher.fetch(target, null, mapping::toFetch);
        if (!(outcome instanceof Fetcher.Outcome.Page fetched)) {
          err.println("error: " + page.url + ": " + outcome.describe() + ". Nothing to extract.");
          return 1;
        }
        bytes = fetched.body();
        contentType = fetched.contentType();
        fetchedUrl = fetched.url();
      }
    }
    CharsetRule.Decision charset = CharsetRule.decide(bytes, contentType);
    String text = CharsetRule.decode(bytes, contentType);
    Document document = Jsoup.parse(text, fetchedUrl);
    String publicUrl = mapping.toPublic(fetchedUrl);
    PageExtractor.Extraction extraction = new PageExtractor(profile).extract(document, publicUrl);
    if (json) {
      if (extraction.document().isEmpty()) {
        err.println("error: nothing would be stored from this page: " + String.join("; ", extraction.problems()));
        return 1;
      }
      out.println(JsonLinesWriter.toJson(extraction.document().get()));
      return 0;
    }
    out.printf("Profile %s, page %s%n", profile.name(), publicUrl);
    out.printf("Decoded as %s (%s), %,d bytes%n", charset.charset().name(), charset.because(), bytes.length);
    printLists(out, profile, text, fetchedUrl);
    out.println("As a release page:");
    for (Map.Entry<String, PageExtractor.Trace> field : extraction.trace().entrySet()) {
      PageExtractor.Trace trace = field.getValue();
      out.printf("  %-11s %s%n", field.getKey(), trace.value() == null ? "(none)" : shorten(trace.value()));
      out.printf("  %-11s   <- %s%n", "", trace.how());
    }
    extraction.attachments().forEach(a -> out.printf("  attachment  %s%n", a));
    if (extraction.document().isPresent()) {
      String[] paragraphs = extraction.document().get().body().split("\n");
      out.printf("  first paragraph: %s%n", shorten(paragraphs[0]));
      out.println("A crawl would store this release (--json shows the line).");
    } else {
      out.println("A crawl would store nothing from this page:");
      extraction.problems().forEach(p -> out.println("  - " + p));
    }
    out.flush();
    return 0;
  }

  private static void printLists(PrintWriter out, SiteProfile profile, String text, String fetchedUrl) {
    for (SiteProfile.ListSource source : profile.lists()) {
      ListExtractor.ListPage list;
      try {
        list = new ListExtractor(profile, source).read(text, fetchedUrl, true);
      } catch (IllegalArgumentException e) {
        continue; // not this kind of list (a JSON list rule on an HTML page, or the other way round)
      }
      if (list.items().isEmpty()) {
        continue;
      }
      out.printf("As a list page (rules of %s): %d release links, %d further pages%n", source.url(), list.items().size(), list.pages().size());
      list.items().stream().limit(10).forEach(i -> out.printf("  %s%s%n", i.url(), i.date().map(d -> "  " + d).orElse("")));
      if (list.items().size() > 10) {
        out.printf("  ... and %d more%n", list.items().size() - 10);
      }
    }
  }

  private static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
