package dev.policysearch.indexer.site;

import java.net.URI;
import java.util.Locale;

/**
 * Points a profile at a mirror of its site ({@code --base-url}): every URL on one of the site's
 * hosts is fetched from the mirror instead, and URLs fetched from the mirror are stored under the
 * site's own public origin, so a release found through a mirror links to the real page.
 */
public final class UrlMapping {

  private final SiteProfile profile;
  private final URI mirror;

  private UrlMapping(SiteProfile profile, URI mirror) {
    this.profile = profile;
    this.mirror = mirror;
  }

  /** Fetch from the site itself. */
  public static UrlMapping direct(SiteProfile profile) {
    return new UrlMapping(profile, null);
  }

  /** Fetch from {@code baseUrl} (scheme, host and port; a path is not allowed). */
  public static UrlMapping mirror(SiteProfile profile, String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--base-url " + baseUrl + " is not a URL");
    }
    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
      throw new IllegalArgumentException("--base-url must be like http://127.0.0.1:8000 (scheme, host, port), was " + baseUrl);
    }
    return new UrlMapping(profile, uri);
  }

  /** Where to fetch {@code url}: on the mirror when it belongs to the site. */
  public String toFetch(String url) {
    if (mirror == null) {
      return url;
    }
    URI uri = URI.create(url);
    if (uri.getHost() == null || !belongsToSite(uri.getHost())) {
      return url;
    }
    return withOrigin(uri, mirror.getScheme(), mirror.getRawAuthority());
  }

  /** The public URL for a URL fetched (possibly from the mirror). */
  public String toPublic(String url) {
    if (mirror == null) {
      return url;
    }
    URI uri = URI.create(url);
    if (!mirror.getRawAuthority().equalsIgnoreCase(uri.getRawAuthority())) {
      return url;
    }
    URI site = URI.create(profile.site());
    return withOrigin(uri, site.getScheme(), site.getRawAuthority());
  }

  /** True when {@code url} is on the site (or its mirror): only such links are followed. */
  public boolean onSite(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    if (mirror != null && mirror.getRawAuthority().equalsIgnoreCase(uri.getRawAuthority())) {
      return true;
    }
    return belongsToSite(host);
  }

  private boolean belongsToSite(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return profile.hosts().stream().anyMatch(known -> known.equalsIgnoreCase(h));
  }

  private static String withOrigin(URI uri, String scheme, String authority) {
    StringBuilder s = new StringBuilder(scheme).append("://").append(authority);
    s.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      s.append('?').append(uri.getRawQuery());
    }
    return s.toString();
  }
}
