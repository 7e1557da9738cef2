package dev.policysearch.indexer.crawl;

import java.time.Duration;

/**
 * How the crawler behaves on the network.
 *
 * @param userAgent sent with every request and matched against robots.txt groups by its first word
 * @param connectTimeout giving up on a connection
 * @param readTimeout giving up on a response that does not start
 * @param retries further attempts after a 429, a 5xx or a timeout
 * @param backoff wait before the first retry; doubled for each further one (a Retry-After header
 *     asks for longer)
 * @param maxPageBytes larger pages are not read and count as failed
 * @param maxRedirects redirects followed for one page
 * @param delay least time between the start of two requests to one host
 * @param maxCrawlDelay the longest robots.txt Crawl-delay obeyed; a longer one is read as "do not crawl"
 * @param perHostConcurrency requests in flight to one host at once
 * @param obeyRobots whether robots.txt is read and obeyed (always, except in tests of the rest)
 */
public record FetchSettings(
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    int retries,
    Duration backoff,
    long maxPageBytes,
    int maxRedirects,
    Duration delay,
    Duration maxCrawlDelay,
    int perHostConcurrency,
    boolean obeyRobots) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_RETRIES = 3;
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(2);
  public static final long DEFAULT_MAX_PAGE_BYTES = 10L << 20;
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_CRAWL_DELAY = Duration.ofSeconds(300);

  /** The name robots.txt files address us by. */
  public static final String ROBOT_NAME = "policy-search-crawler";

  public FetchSettings {
    check(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connect timeout must be positive");
    check(!readTimeout.isNegative() && !readTimeout.isZero(), "read timeout must be positive");
    check(retries >= 0 && retries <= 10, "retries must be between 0 and 10, was " + retries);
    check(maxPageBytes >= 1024, "max page size must be at least 1 KB, was " + maxPageBytes);
    check(maxRedirects >= 0 && maxRedirects <= 20, "max redirects must be between 0 and 20, was " + maxRedirects);
    check(!delay.isNegative(), "delay must not be negative");
    check(perHostConcurrency >= 1 && perHostConcurrency <= 16, "per-host concurrency must be between 1 and 16, was " + perHostConcurrency);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** A User-Agent naming the tool and whom to contact about it. */
  public static String userAgent(String contact) {
    return ROBOT_NAME + "/0.1 (policy release search; contact: " + contact + ")";
  }

  /** The contact used when none is given: the operator's user and machine. */
  public static String defaultContact() {
    String user = System.getProperty("user.name", "operator");
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    return user + "@" + host;
  }

  public static FetchSettings defaults() {
    return new FetchSettings(
        userAgent(defaultContact()),
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_RETRIES,
        DEFAULT_BACKOFF,
        DEFAULT_MAX_PAGE_BYTES,
        DEFAULT_MAX_REDIRECTS,
        DEFAULT_DELAY,
        DEFAULT_MAX_CRAWL_DELAY,
        1,
        true);
  }
}
