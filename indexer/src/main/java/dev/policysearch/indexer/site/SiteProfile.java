package dev.policysearch.indexer.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.policysearch.corpus.Language;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How to crawl one site: where its release lists are, how to find article links on them, and how
 * to read each field of an article. Profiles are JSON data files (see docs/SITE-PROFILES.md), so
 * adding a site or following a page redesign never needs a code change.
 *
 * @param name what {@code crawl --site} calls the profile
 * @param description one line for {@code crawl --list-sites}
 * @param site the site's public origin, e.g. {@code https://www.gov.cn}; stored URLs use it
 * @param aliases other hosts serving the same site (an older domain); a mirror replaces them too
 * @param lang language of every release of the site
 * @param source the corpus {@code source} value, e.g. {@code gov.cn}
 * @param id how a release id is made from its URL
 * @param pairSite the profile of the same publisher in the other language, for zh/en pairing
 * @param lists the release lists to start from
 * @param article how to read a release page
 * @param delayMillis least time between two requests to the site's host (robots.txt may ask more)
 */
@JsonIgnoreProperties({"comment"})
public record SiteProfile(
    String name,
    String description,
    String site,
    List<String> aliases,
    Language lang,
    String source,
    IdRule id,
    String pairSite,
    List<ListSource> lists,
    ArticleRules article,
    Long delayMillis) {

  public SiteProfile {
    require(name != null && name.matches("[a-z0-9][a-z0-9-]*"), "name must be lower-case letters, digits and '-', was " + name);
    require(site != null && site.matches("https?://[^/]+"), name + ": site must be an origin like https://www.gov.cn, was " + site);
    Objects.requireNonNull(lang, name + ": lang (zh or en) is required");
    require(lists != null && !lists.isEmpty(), name + ": lists must name at least one release list");
    Objects.requireNonNull(article, name + ": article rules are required");
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    description = description == null ? "" : description;
    source = source == null ? URI.create(site).getHost().replaceFirst("^www\\.", "") : source;
    id = id == null ? new IdRule(name + "-", null) : id;
    delayMillis = delayMillis == null ? 1000L : delayMillis;
    require(delayMillis >= 0, name + ": delay_millis must not be negative");
  }

  /** The host of {@link #site()}, the canonical one. */
  public String host() {
    return URI.create(site).getHost();
  }

  /** Every host that belongs to the site: the canonical one and the aliases. */
  public List<String> hosts() {
    var all = new java.util.ArrayList<String>();
    all.add(host());
    all.addAll(aliases);
    return all;
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * A release id: {@code prefix} + group 1 of {@code urlPattern} found in the URL, or, when there
   * is no pattern or it does not match, {@code prefix} + a hash of the URL. Ids from the URL stay
   * stable when a page is re-crawled or moved to another host.
   */
  @JsonIgnoreProperties({"comment"})
  public record IdRule(String prefix, String urlPattern) {}

  /**
   * A list of releases, newest first, possibly over several pages.
   *
   * @param url the first page
   * @param items one element per release on the page (CSS), e.g. {@code ul.list li}
   * @param link the article link inside an item (CSS, default {@code a[href]})
   * @param linkPattern a regular expression the absolute article URL must contain; other links
   *     (menus, ads) are ignored
   * @param date the release date shown in the item, when the list shows one: lets {@code --since}
   *     stop without opening older releases
   * @param next how to reach the following pages, absent for a single page
   * @param jsonHtml for a list a script loads as JSON: the dot path of the field holding the
   *     list's HTML, e.g. {@code data.html}; the items are then read from that HTML
   */
  @JsonIgnoreProperties({"comment"})
  public record ListSource(
      String url, String items, String link, String linkPattern, FieldRule date, Pagination next, String jsonHtml) {
    public ListSource {
      require(url != null && url.matches("https?://.+"), "list url must be absolute, was " + url);
      items = items == null ? "li" : items;
      link = link == null ? "a[href]" : link;
    }
  }

  /**
   * Pagination: either a {@code template} like {@code default_{n}.shtml}, resolved against the first
   * page, with n counting from {@code from} up to the page count found by {@code countPattern} (its
   * group 1), or a {@code selector} for a "next page" link. {@code maxPages} caps either.
   */
  @JsonIgnoreProperties({"comment"})
  public record Pagination(String template, Integer from, String countPattern, String selector, Integer maxPages) {
    public Pagination {
      require(template != null || selector != null, "pagination needs a template or a selector");
      require(template == null || template.contains("{n}"), "pagination template must contain {n}, was " + template);
      from = from == null ? 1 : from;
      maxPages = maxPages == null ? 1000 : maxPages;
    }
  }

  /**
   * How to read a release page. Each field has rules tried in order; the first that yields text
   * wins, so one profile can cover an older and a newer page template.
   *
   * @param dateFormats formats of dates on the pages ({@link java.time.format.DateTimeFormatter}
   *     patterns, English month names allowed); a built-in set when absent
   * @param body the release text
   * @param attachments links to attached files (PDF, Word) whose names become the last paragraphs
   * @param types document type by regular expression over the title or URL, first match wins
   * @param defaultType the type when no rule matches
   * @param issuer the issuing organ; a rule with a fixed {@code value} for single-issuer sites
   * @param pairLink the link to the same release in the other language
   */
  @JsonIgnoreProperties({"comment"})
  public record ArticleRules(
      List<FieldRule> title,
      List<FieldRule> date,
      List<String> dateFormats,
      List<FieldRule> issuer,
      List<FieldRule> docNumber,
      BodyRule body,
      List<FieldRule> attachments,
      List<TypeRule> types,
      String defaultType,
      List<FieldRule> pairLink) {
    public ArticleRules {
      require(title != null && !title.isEmpty(), "article.title needs at least one rule");
      Objects.requireNonNull(body, "article.body is required");
      date = orEmpty(date);
      dateFormats = dateFormats == null || dateFormats.isEmpty() ? DateFormats.DEFAULTS : List.copyOf(dateFormats);
      issuer = orEmpty(issuer);
      docNumber = orEmpty(docNumber);
      attachments = orEmpty(attachments);
      types = types == null ? List.of() : List.copyOf(types);
      pairLink = orEmpty(pairLink);
    }

    private static List<FieldRule> orEmpty(List<FieldRule> rules) {
      return rules == null ? List.of() : List.copyOf(rules);
    }
  }

  /**
   * The release text: the first of {@code selectors} found on the page, without the elements of
   * {@code remove} (share buttons, print links, scripts). Block elements and {@code <br>} become
   * paragraph breaks.
   */
  @JsonIgnoreProperties({"comment"})
  public record BodyRule(List<String> selectors, List<String> remove) {
    public BodyRule {
      require(selectors != null && !selectors.isEmpty(), "article.body.selectors needs at least one selector");
      remove = remove == null ? List.of() : List.copyOf(remove);
    }
  }

  /** A document type when {@code pattern} is found in the {@code field} (title or url). */
  @JsonIgnoreProperties({"comment"})
  public record TypeRule(String field, String pattern, String type) {
    public TypeRule {
      require("title".equals(field) || "url".equals(field), "type rule field must be title or url, was " + field);
      require(pattern != null && type != null, "type rule needs a pattern and a type");
    }
  }
}
