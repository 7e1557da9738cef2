package dev.policysearch.indexer.site;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads a release list page: the article links (with dates when shown) and the next pages. */
public final class ListExtractor {

  /** One release on a list: its absolute URL and the date shown beside it, if any. */
  public record Item(String url, Optional<LocalDate> date) {}

  /**
   * What a list page holds.
   *
   * @param items releases in page order, each URL once
   * @param pages the list's other pages this page tells of (absolute URLs)
   */
  public record ListPage(List<Item> items, List<String> pages) {}

  private final SiteProfile.ListSource source;
  private final Pattern linkPattern;
  private final DateFormats dates;

  public ListExtractor(SiteProfile profile, SiteProfile.ListSource source) {
    this.source = source;
    this.linkPattern = source.linkPattern() == null ? null : Pattern.compile(source.linkPattern());
    this.dates = new DateFormats(profile.article().dateFormats());
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * Reads a list page's text, fetched from {@code fetchedUrl}: HTML, or JSON holding the HTML when
   * the list has {@code json_html}. {@code first} tells whether it is the list's first page, where
   * a page template's count is read (from the text as received).
   *
   * @throws IllegalArgumentException when a JSON list is not JSON or lacks the field
   */
  public ListPage read(String text, String fetchedUrl, boolean first) {
    Document page = source.jsonHtml() == null ? Jsoup.parse(text, fetchedUrl) : Jsoup.parseBodyFragment(html(text), fetchedUrl);
    return new ListPage(items(page), pages(page, text, fetchedUrl, first));
  }

  /** The HTML a JSON list answer holds at {@code json_html}. */
  private String html(String json) {
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("the list answer is not JSON (" + e.getOriginalMessage() + ")");
    }
    for (String key : source.jsonHtml().split("\\.")) {
      node = node == null ? null : node.get(key);
    }
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("the JSON list answer has no text at " + source.jsonHtml());
    }
    return node.asText();
  }

  private List<Item> items(Document page) {
    Set<String> seen = new LinkedHashSet<>();
    List<Item> items = new ArrayList<>();
    for (Element item : page.select(source.items())) {
      Element link = item.selectFirst(source.link());
      if (link == null) {
        continue;
      }
      String url = link.absUrl("href");
      if (url.isEmpty() || !url.matches("https?://.+") || (linkPattern != null && !linkPattern.matcher(url).find())) {
        continue;
      }
      url = url.replaceFirst("#.*$", "");
      if (seen.add(url)) {
        Optional<LocalDate> date =
            source.date() == null ? Optional.empty() : PageExtractor.apply(item, source.date()).flatMap(dates::find);
        items.add(new Item(url, date));
      }
    }
    return items;
  }

  private List<String> pages(Document page, String text, String fetchedUrl, boolean first) {
    SiteProfile.Pagination next = source.next();
    if (next == null) {
      return List.of();
    }
    List<String> pages = new ArrayList<>();
    if (next.selector() != null) {
      Element link = page.selectFirst(next.selector());
      if (link != null && !link.absUrl("href").isEmpty()) {
        pages.add(link.absUrl("href"));
      }
      return pages;
    }
    if (!first) {
      return pages;
    }
    int last = next.from() + next.maxPages() - 1;
    if (next.countPattern() != null) {
      Matcher m = Pattern.compile(next.countPattern()).matcher(text);
      if (!m.find()) {
        return pages; // a single page: the count is only written when there are more
      }
      // The count includes the first page, which has no number in its name.
      last = Math.min(last, next.from() + Integer.parseInt(m.group(1)) - 2);
    }
    java.net.URI base = java.net.URI.create(fetchedUrl);
    for (int n = next.from(); n <= last; n++) {
      pages.add(base.resolve(next.template().replace("{n}", Integer.toString(n))).toString());
    }
    return pages;
  }

  /** True when the template has no count and pages are tried until one is missing. */
  public boolean openEnded() {
    return source.next() != null && source.next().template() != null && source.next().countPattern() == null;
  }
}
