package dev.policysearch.server.http;

import java.nio.file.Path;
import java.util.List;

/**
 * The effective configuration of a server, logged once at start (the admin token redacted).
 *
 * @param index index folder (generations + CURRENT)
 * @param host address to listen on
 * @param port port (0 picks a free one)
 * @param maxQueryChars longest {@code q} accepted
 * @param reloadSeconds how often to look for a new index generation
 * @param adminToken bearer token of the admin API; null turns the admin API off
 * @param maxConcurrentSearches searches running at once; more wait briefly, then get 503
 * @param searchTimeoutMillis a search stops collecting after this long and answers with what it has
 * @param slowQueryMillis searches slower than this are listed in the admin stats
 * @param corsOrigins origins allowed to call the API from a browser (none by default)
 * @param indexerJar the indexer's jar, run by the admin re-index; null turns re-index off
 * @param openSearch the OpenSearch cluster and alias to search instead of {@code index}; null
 *     for the embedded index
 * @param exactCountLimit searches matching fewer releases are counted exactly; broader ones on a
 *     large index get their total and facet counts estimated from a sample (embedded index)
 * @param resultCacheMegabytes memory for answers given again to the same search on the same
 *     index generation (embedded index); 0 turns the result cache off
 */
public record ServerSettings(
    Path index,
    String host,
    int port,
    int maxQueryChars,
    int reloadSeconds,
    String adminToken,
    int maxConcurrentSearches,
    int searchTimeoutMillis,
    int slowQueryMillis,
    List<String> corsOrigins,
    Path indexerJar,
    OpenSearch openSearch,
    int exactCountLimit,
    int resultCacheMegabytes) {

  /** An OpenSearch cluster (its HTTP address) and the alias naming the index to search. */
  public record OpenSearch(String url, String alias) {
    @Override
    public String toString() {
      return url + " alias " + alias;
    }
  }

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_QUERY_CHARS = 1000;
  public static final int DEFAULT_RELOAD_SECONDS = 2;
  public static final int DEFAULT_MAX_CONCURRENT_SEARCHES = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
  public static final int DEFAULT_SEARCH_TIMEOUT_MILLIS = 5000;
  public static final int DEFAULT_SLOW_QUERY_MILLIS = 500;
  public static final int DEFAULT_EXACT_COUNT_LIMIT = dev.policysearch.server.search.SearchService.DEFAULT_EXACT_COUNT_LIMIT;
  public static final int DEFAULT_RESULT_CACHE_MB = dev.policysearch.server.search.SearchService.DEFAULT_RESULT_CACHE_MB;

  public ServerSettings {
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** Every default, for {@code index}, on a free loopback port. */
  public static ServerSettings defaults(Path index) {
    return new ServerSettings(
        index, DEFAULT_HOST, 0, DEFAULT_MAX_QUERY_CHARS, DEFAULT_RELOAD_SECONDS, null, DEFAULT_MAX_CONCURRENT_SEARCHES,
        DEFAULT_SEARCH_TIMEOUT_MILLIS, DEFAULT_SLOW_QUERY_MILLIS, List.of(), null, null, DEFAULT_EXACT_COUNT_LIMIT, DEFAULT_RESULT_CACHE_MB);
  }

  public ServerSettings withReloadSeconds(int seconds) {
    return new ServerSettings(index, host, port, maxQueryChars, seconds, adminToken, maxConcurrentSearches, searchTimeoutMillis, slowQueryMillis, corsOrigins, indexerJar, openSearch, exactCountLimit, resultCacheMegabytes);
  }

  public ServerSettings withAdmin(String token, Path jar) {
    return new ServerSettings(index, host, port, maxQueryChars, reloadSeconds, token, maxConcurrentSearches, searchTimeoutMillis, slowQueryMillis, corsOrigins, jar, openSearch, exactCountLimit, resultCacheMegabytes);
  }

  public ServerSettings withMaxConcurrentSearches(int n) {
    return new ServerSettings(index, host, port, maxQueryChars, reloadSeconds, adminToken, n, searchTimeoutMillis, slowQueryMillis, corsOrigins, indexerJar, openSearch, exactCountLimit, resultCacheMegabytes);
  }

  /** Every default, searching an OpenSearch alias instead of an index folder. */
  public static ServerSettings openSearch(String url, String alias) {
    return new ServerSettings(
        null, DEFAULT_HOST, 0, DEFAULT_MAX_QUERY_CHARS, DEFAULT_RELOAD_SECONDS, null, DEFAULT_MAX_CONCURRENT_SEARCHES,
        DEFAULT_SEARCH_TIMEOUT_MILLIS, DEFAULT_SLOW_QUERY_MILLIS, List.of(), null, new OpenSearch(url, alias), DEFAULT_EXACT_COUNT_LIMIT, DEFAULT_RESULT_CACHE_MB);
  }

  public ServerSettings withExactCountLimit(int limit) {
    return new ServerSettings(index, host, port, maxQueryChars, reloadSeconds, adminToken, maxConcurrentSearches, searchTimeoutMillis, slowQueryMillis, corsOrigins, indexerJar, openSearch, limit, resultCacheMegabytes);
  }

  public ServerSettings withResultCacheMegabytes(int megabytes) {
    return new ServerSettings(index, host, port, maxQueryChars, reloadSeconds, adminToken, maxConcurrentSearches, searchTimeoutMillis, slowQueryMillis, corsOrigins, indexerJar, openSearch, exactCountLimit, megabytes);
  }

  public ServerSettings withCorsOrigins(List<String> origins) {
    return new ServerSettings(index, host, port, maxQueryChars, reloadSeconds, adminToken, maxConcurrentSearches, searchTimeoutMillis, slowQueryMillis, origins, indexerJar, openSearch, exactCountLimit, resultCacheMegabytes);
  }

  @Override
  public String toString() {
    return (openSearch == null ? "index=" + index : "backend=opensearch " + openSearch)
        + " host="
        + host
        + " port="
        + port
        + " max-query-chars="
        + maxQueryChars
        + " reload-seconds="
        + reloadSeconds
        + " admin-api="
        + (adminToken == null ? "off (no token)" : "on")
        + " max-concurrent-searches="
        + maxConcurrentSearches
        + " search-timeout-ms="
        + searchTimeoutMillis
        + " slow-query-ms="
        + slowQueryMillis
        + " exact-count-limit="
        + exactCountLimit
        + " result-cache-mb="
        + (openSearch == null ? Integer.toString(resultCacheMegabytes) : "off (OpenSearch backend)")
        + " cors-origins="
        + (corsOrigins.isEmpty() ? "none" : String.join(",", corsOrigins))
        + " indexer-jar="
        + (indexerJar == null ? "none (admin re-index off)" : indexerJar);
  }
}
