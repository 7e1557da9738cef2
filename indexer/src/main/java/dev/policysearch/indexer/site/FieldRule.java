package dev.policysearch.indexer.site;

/**
 * One way to read a field from a page. Exactly one source: {@code selector} (CSS; the element's
 * text, or its {@code attr}, where {@code abs:href} gives an absolute link), {@code meta} (the
 * content of {@code <meta name=...>}), or a fixed {@code value}. An optional {@code pattern} (a
 * regular expression) then keeps group 1 of its first match, or the whole match without a group;
 * no match means the rule yields nothing and the next one is tried.
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"comment"})
public record FieldRule(String selector, String attr, String meta, String value, String pattern) {
  public FieldRule {
    int sources = (selector == null ? 0 : 1) + (meta == null ? 0 : 1) + (value == null ? 0 : 1);
    SiteProfile.require(sources == 1, "a field rule needs exactly one of selector, meta or value");
    if (pattern != null) {
      java.util.regex.Pattern.compile(pattern); // fail when the profile loads, not mid-crawl
    }
  }

  /** A short description for check-profile's output. */
  public String describe() {
    String source = selector != null ? "selector " + selector + (attr == null ? "" : " @" + attr)
        : meta != null ? "meta " + meta : "value";
    return pattern == null ? source : source + " ~ /" + pattern + "/";
  }
}
