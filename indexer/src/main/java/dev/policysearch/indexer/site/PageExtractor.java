package dev.policysearch.indexer.site;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * Reads one release page with a profile's article rules. Besides the document it records, for
 * every field, which rule produced the value or that none did: check-profile prints this to
 * answer "why is this page empty?".
 */
public final class PageExtractor {

  /** What a field came out as, and from which rule (or why it is empty). */
  public record Trace(String value, String how) {}

  /**
   * The outcome for one page.
   *
   * @param document the release, empty when the page has no title or no body text
   * @param trace per field: value and the rule that gave it
   * @param problems why there is no document, in words
   * @param pairUrl the absolute link to the other-language version, when the page has one
   * @param attachments absolute links to attached files
   */
  public record Extraction(
      Optional<PolicyDocument> document, Map<String, Trace> trace, List<String> problems, Optional<String> pairUrl, List<String> attachments) {}

  private final SiteProfile profile;
  private final SiteProfile.ArticleRules rules;
  private final DateFormats dates;
  private final Pattern idPattern;

  public PageExtractor(SiteProfile profile) {
    this.profile = profile;
    this.rules = profile.article();
    this.dates = new DateFormats(rules.dateFormats());
    this.idPattern = profile.id().urlPattern() == null ? null : Pattern.compile(profile.id().urlPattern());
  }

  /** Reads {@code page} (parsed with its fetch URL as base) published at {@code publicUrl}. */
  public Extraction extract(Document page, String publicUrl) {
    Map<String, Trace> trace = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();

    String title = PageText.clean(first(page, rules.title(), "title", trace).orElse(""));
    LocalDate date = date(page, trace);
    String issuer = first(page, rules.issuer(), "issuer", trace).map(PageText::clean).orElse(null);
    String docNumber = first(page, rules.docNumber(), "doc_number", trace).map(PageText::clean).orElse(null);
    Optional<String> pairUrl = first(page, rules.pairLink(), "pair_link", trace).filter(u -> u.matches("https?://.+"));
    List<String> body = body(page, trace, problems);
    List<String> attachments = new ArrayList<>();
    attachments(page, body, attachments);
    String type = type(title, publicUrl, trace);
    String id = id(publicUrl);
    trace.put("id", new Trace(id, idPattern == null ? "prefix + hash of the URL" : "prefix + " + profile.id().urlPattern()));

    if (title.isEmpty()) {
      problems.add("no title: " + tried(rules.title()));
    }
    if (!problems.isEmpty()) {
      return new Extraction(Optional.empty(), trace, problems, pairUrl, attachments);
    }
    var document =
        new PolicyDocument(
            id, profile.lang(), title, String.join("\n", body), date, publicUrl, profile.source(), issuer, docNumber, type, null);
    return new Extraction(Optional.of(document), trace, problems, pairUrl, attachments);
  }

  /** The release id for a public URL (also used to name releases that disappeared). */
  public String id(String publicUrl) {
    if (idPattern != null) {
      Matcher m = idPattern.matcher(publicUrl);
      if (m.find()) {
        String part = m.group();
        for (int g = 1; g <= m.groupCount(); g++) {
          if (m.group(g) != null) {
            part = m.group(g); // the first group that took part: alternatives may each have one
            break;
          }
        }
        return profile.id().prefix() + part;
      }
    }
    return profile.id().prefix() + sha256(publicUrl).substring(0, 16);
  }

  private LocalDate date(Document page, Map<String, Trace> trace) {
    for (FieldRule rule : rules.date()) {
      Optional<String> text = apply(page, rule);
      if (text.isPresent()) {
        Optional<LocalDate> date = dates.find(text.get());
        if (date.isPresent()) {
          trace.put("date", new Trace(date.get().toString(), rule.describe()));
          return date.get();
        }
      }
    }
    trace.put("date", new Trace(null, rules.date().isEmpty() ? "no date rules" : "no date found; " + tried(rules.date())));
    return null;
  }

  private List<String> body(Document page, Map<String, Trace> trace, List<String> problems) {
    for (String selector : rules.body().selectors()) {
      Element container = page.selectFirst(selector);
      if (container == null) {
        continue;
      }
      Element copy = container.clone();
      for (String remove : rules.body().remove()) {
        copy.select(remove).remove();
      }
      List<String> paragraphs = PageText.paragraphs(copy);
      if (!paragraphs.isEmpty()) {
        int chars = paragraphs.stream().mapToInt(String::length).sum();
        trace.put("body", new Trace(paragraphs.size() + " paragraphs, " + chars + " characters", "selector " + selector));
        return paragraphs;
      }
    }
    String why = "no body: none of the selectors " + rules.body().selectors() + " found an element with text";
    trace.put("body", new Trace(null, why));
    problems.add(why);
    return List.of();
  }

  private void attachments(Document page, List<String> body, List<String> links) {
    String label = profile.lang() == Language.ZH ? "附件：" : "Attachment: ";
    String text = String.join("\n", body);
    List<String> extra = new ArrayList<>();
    for (FieldRule rule : rules.attachments()) {
      for (Element element : select(page, rule.selector())) {
        String href = element.absUrl("href");
        String name = PageText.clean(element.text());
        if (href.isEmpty() || links.contains(href)) {
          continue;
        }
        links.add(href);
        if (!name.isEmpty() && !text.contains(name)) {
          extra.add(label + name);
        }
      }
    }
    if (!body.isEmpty()) {
      body.addAll(extra);
    }
  }

  private String type(String title, String url, Map<String, Trace> trace) {
    for (SiteProfile.TypeRule rule : rules.types()) {
      String subject = rule.field().equals("title") ? title : url;
      if (pattern(rule.pattern()).matcher(subject).find()) {
        trace.put("type", new Trace(rule.type(), rule.field() + " ~ /" + rule.pattern() + "/"));
        return rule.type();
      }
    }
    trace.put("type", new Trace(rules.defaultType(), "default"));
    return rules.defaultType();
  }

  private Optional<String> first(Document page, List<FieldRule> fieldRules, String field, Map<String, Trace> trace) {
    for (FieldRule rule : fieldRules) {
      Optional<String> value = apply(page, rule);
      if (value.isPresent()) {
        trace.put(field, new Trace(value.get(), rule.describe()));
        return value;
      }
    }
    trace.put(field, new Trace(null, fieldRules.isEmpty() ? "no rules" : "nothing found; " + tried(fieldRules)));
    return Optional.empty();
  }

  /** The value one rule reads from the page, empty when it finds nothing. */
  public static Optional<String> apply(Element page, FieldRule rule) {
    String text = null;
    if (rule.value() != null) {
      text = rule.value();
    } else if (rule.meta() != null) {
      for (Element meta : page.select("meta[name], meta[property]")) {
        String name = meta.hasAttr("name") ? meta.attr("name") : meta.attr("property");
        if (name.equalsIgnoreCase(rule.meta()) && !meta.attr("content").isBlank()) {
          text = meta.attr("content");
          break;
        }
      }
    } else {
      for (Element element : select(page, rule.selector())) {
        String value = rule.attr() == null ? element.text() : element.attr(rule.attr());
        if (!value.isBlank()) {
          text = value;
          break;
        }
      }
    }
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    if (rule.pattern() != null) {
      Matcher m = pattern(rule.pattern()).matcher(text);
      if (!m.find()) {
        return Optional.empty();
      }
      text = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    }
    text = text.strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** Profile patterns, compiled once: every page of a crawl applies the same few. */
  private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern pattern(String regex) {
    return PATTERNS.computeIfAbsent(regex, Pattern::compile);
  }

  private static Elements select(Element root, String css) {
    try {
      return root.select(css);
    } catch (Selector.SelectorParseException e) {
      throw new IllegalArgumentException("bad CSS selector '" + css + "' in the profile: " + e.getMessage(), e);
    }
  }

  private static String tried(List<FieldRule> fieldRules) {
    return "tried " + String.join("; ", fieldRules.stream().map(FieldRule::describe).toList());
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
