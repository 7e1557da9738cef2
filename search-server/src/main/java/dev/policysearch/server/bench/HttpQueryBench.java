package dev.policysearch.server.bench;

import dev.policysearch.server.PolicySearchServer;
import dev.policysearch.server.http.ServerSettings;
import dev.policysearch.server.search.ResultCache;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our engine as users meet it: a server on a free loopback port, asked through {@code
 * /api/search}. A timing therefore covers query parsing, ranking, highlighting, facet counting,
 * JSON and the HTTP round trip.
 *
 * <p>Each client thread asks with the JDK's blocking {@link HttpURLConnection}, HTTP/1.1 with
 * keep-alive. The JDK's asynchronous {@code HttpClient} hands every exchange between its
 * selector thread, its worker pool and the caller: on 2 cores it took about 40 % of the CPU of a
 * run of answers from the result cache, and our 2-client queries/s doubled without it
 * (docs/BENCHMARKS.md, fifteenth session). The load driver's cost is not the server's.
 *
 * <p>By default the server runs in this JVM ({@link #startInProcess}), beside the load driver.
 * With {@code --server-own-jvm} it runs as {@code ./policy-search serve} runs it, in a JVM of its
 * own ({@link #startChild}), and its peak memory can be read; on 2 cores the two JVMs' compilers
 * and collectors then compete, and ours measured slower that way (docs/BENCHMARKS.md, fifteenth
 * session).
 */
final class HttpQueryBench implements QueryRunner, AutoCloseable {

  /** Far above any client count used, so no search is turned away with 503 while measuring. */
  static final int MAX_CONCURRENT_SEARCHES = 256;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  /** Result-cache counters on {@code /metrics} (Prometheus text format). */
  private static final Pattern CACHE_HITS = Pattern.compile("(?m)^policy_search_result_cache_hits_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$");
  private static final Pattern CACHE_MISSES = Pattern.compile("(?m)^policy_search_result_cache_misses_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$");

  /** The server's access log: quiet while measuring (see BenchCommand). */
  static final String ACCESS_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.policysearch.access";

  private final PolicySearchServer server;
  private final Process child;
  private final String base;

  private HttpQueryBench(PolicySearchServer server, Process child, int port) {
    this.server = server;
    this.child = child;
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * Sets how many idle connections to one server the JDK keeps for reuse (its default is 5) to
   * more than the most clients a level may have, so that every client thread keeps its own
   * connection open. Read once, when the JDK's HTTP support is first used: call it before.
   */
  static void keepConnectionsOpen() {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(MAX_CONCURRENT_SEARCHES));
    }
  }

  /** Starts our server the way {@code settings} say: in a child JVM, or in this one. */
  static HttpQueryBench start(BenchSettings settings, Path index, int resultCacheMegabytes, String name) throws IOException, InterruptedException {
    return !settings.serverOwnJvm()
        ? startInProcess(index, resultCacheMegabytes)
        : startChild(settings.jvm(), settings.serverJar(), settings.classDataArchive(), index, resultCacheMegabytes, settings.logs().resolve(name + "-server.log"));
  }

  /**
   * Starts a server over the index in {@code index} in this JVM, with the default settings but
   * for the result cache's size (0: off).
   */
  static HttpQueryBench startInProcess(Path index, int resultCacheMegabytes) throws IOException {
    PolicySearchServer server =
        PolicySearchServer.start(
            ServerSettings.defaults(index).withMaxConcurrentSearches(MAX_CONCURRENT_SEARCHES).withResultCacheMegabytes(resultCacheMegabytes));
    return new HttpQueryBench(server, null, server.port());
  }

  /**
   * Starts {@code java [archive] OPTIONS -jar SERVER serve --index INDEX --port 0} with the
   * default settings but for the result cache's size, as {@code ./policy-search serve} does
   * (with the class-data archive when there is one), and waits until it listens. Its output goes
   * to {@code log}.
   */
  static HttpQueryBench startChild(ChildJvm jvm, Path serverJar, Path archive, Path index, int resultCacheMegabytes, Path log)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>();
    if (archive != null && Files.isRegularFile(archive)) {
      options.addAll(IndexingBench.archiveOptions(archive, null));
    }
    options.addAll(jvm.options());
    // One access-log line per request, tens of thousands in a run, as with the server in process.
    options.add("-D" + ACCESS_LOG_LEVEL + "=warn");
    List<String> command =
        new ChildJvm(jvm.java(), options)
            .jar(
                serverJar,
                List.of(
                    "serve", "--index", index.toString(), "--host", "127.0.0.1", "--port", "0",
                    "--max-concurrent-searches", Integer.toString(MAX_CONCURRENT_SEARCHES),
                    "--result-cache-mb", Integer.toString(resultCacheMegabytes)));
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      return new HttpQueryBench(null, process, awaitPort(process, log));
    } catch (IOException | InterruptedException | RuntimeException e) {
      ChildProcess.stop(process);
      throw e;
    }
  }

  /** The port in the server's "Search at http://HOST:PORT/" line, once it has printed it. */
  private static int awaitPort(Process process, Path log) throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < giveUp) {
      Matcher m = StartupBench.LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!process.isAlive()) {
        throw new IOException("the server stopped before listening; its log (" + log + ") ends with:\n" + ChildProcess.tail(log, 20));
      }
      Thread.sleep(50);
    }
    throw new IOException("the server did not listen within " + START_TIMEOUT.toMinutes() + " minutes; see " + log);
  }

  /** The server's result-cache counts so far, when it has the cache on. */
  Optional<ResultCache.Stats> cacheStats() throws IOException {
    if (server != null) {
      return server.backend().resultCache();
    }
    String metrics = get(URI.create(base + "/metrics"));
    Matcher hits = CACHE_HITS.matcher(metrics);
    Matcher misses = CACHE_MISSES.matcher(metrics);
    if (!hits.find() || !misses.find()) {
      return Optional.empty();
    }
    return Optional.of(new ResultCache.Stats((long) Double.parseDouble(hits.group(1)), (long) Double.parseDouble(misses.group(1)), 0, 0));
  }

  /** The server process's peak resident set size so far in bytes; -1 in process or unknown. */
  long serverPeakRssBytes() {
    return child == null ? -1 : ChildProcess.peakRss(child.pid());
  }

  String base() {
    return base;
  }

  @Override
  public Outcome run(QueryTask task) throws IOException {
    URI uri = uri(task);
    String body = get(uri);
    return body.contains("\"timed_out\":true") ? Outcome.TIMED_OUT : Outcome.OK;
  }

  /**
   * The body of a 200 answer to GET {@code uri}; anything else fails. The whole body is read, so
   * the connection goes back to the JDK's keep-alive cache for the same client's next request.
   */
  private static String get(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
    int status = connection.getResponseCode();
    String body;
    try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (status != 200) {
      throw new IOException(uri + " answered " + status + ": " + body.substring(0, Math.min(300, body.length())));
    }
    return body;
  }

  URI uri(QueryTask task) {
    StringBuilder url = new StringBuilder(base).append("/api/search?q=").append(encode(task.query()));
    for (Map.Entry<String, String> param : task.params().entrySet()) {
      url.append('&').append(encode(param.getKey())).append('=').append(encode(param.getValue()));
    }
    return URI.create(url.toString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
    }
    if (child != null) {
      try {
        ChildProcess.stop(child);
      } catch (InterruptedException e) {
        child.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
