package dev.policysearch.indexer.crawl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * One spelling per page, so a page linked as {@code HTTP://WWW.GOV.CN:80/a/./b.htm#top} and as
 * {@code http://www.gov.cn/a/b.htm} is fetched once: scheme and host in lower case, default port
 * dropped, dot segments resolved, fragment dropped, an empty path made {@code /}. The query is
 * kept as written: on these sites it often names the page.
 */
public final class UrlNormalizer {

  private UrlNormalizer() {}

  /** The normal form, or empty for what is not an absolute http(s) URL. */
  public static Optional<String> normalize(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url.strip().replace(" ", "%20")).normalize();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      return Optional.empty();
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    while (path.startsWith("/../")) {
      path = path.substring(3);
    }
    StringBuilder s = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
    if (!defaultPort) {
      s.append(':').append(port);
    }
    s.append(path);
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      s.append('?').append(uri.getRawQuery());
    }
    return Optional.of(s.toString());
  }

  /** The URL without its scheme, for comparing links that differ only in http/https. */
  public static String withoutScheme(String url) {
    return normalize(url).orElse(url).replaceFirst("^https?://", "");
  }
}
