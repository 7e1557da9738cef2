package dev.policysearch.server;

import dev.policysearch.server.http.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code policy-search serve}: answers searches over HTTP and serves the search page.
 *
 * <p>Every setting comes from, in this order: its flag, its environment variable, the config file
 * ({@code --config}, Java properties, keys as the flags without dashes), the default.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    version = "policy-search 0.1.0",
    description = {
      "Serves the search page and the JSON API over the index in DIR.",
      "When the indexer publishes a new generation in DIR, the server switches to it by itself.",
      "Settings: flag, else environment variable, else --config file, else default."
    })
public final class ServerMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  @Option(names = "--index", paramLabel = "DIR", description = "Index folder (built by `policy-search index`); env POLICY_SEARCH_INDEX. ./policy-search serve without --index uses data/index, built from the bundled sample corpus.")
  Path index;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on; 0 picks a free one (default 8080; env POLICY_SEARCH_PORT).")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on; 0.0.0.0 for every interface (default 127.0.0.1; env POLICY_SEARCH_HOST).")
  String host;

  @Option(names = "--max-query-chars", paramLabel = "N", description = "Longest query accepted (default 1000; env POLICY_SEARCH_MAX_QUERY_CHARS).")
  Integer maxQueryChars;

  @Option(names = "--reload-seconds", paramLabel = "S", description = "How often to look for a new index generation (default 2; env POLICY_SEARCH_RELOAD_SECONDS).")
  Integer reloadSeconds;

  @Option(names = "--max-concurrent-searches", paramLabel = "N", description = "Searches running at once; beyond, 503 + Retry-After (default 4 x cores; env POLICY_SEARCH_MAX_CONCURRENT_SEARCHES).")
  Integer maxConcurrentSearches;

  @Option(names = "--search-timeout-ms", paramLabel = "MS", description = "Time limit of one search; it then answers with what it found (default 5000; env POLICY_SEARCH_SEARCH_TIMEOUT_MS).")
  Integer searchTimeoutMillis;

  @Option(names = "--slow-query-ms", paramLabel = "MS", description = "Searches slower than this are listed in the admin stats (default 500; env POLICY_SEARCH_SLOW_QUERY_MS).")
  Integer slowQueryMillis;

  @Option(names = "--exact-count-limit", paramLabel = "N", description = "Searches matching fewer releases are counted exactly; broader ones on a large index (five times this size or more) get their total and facet counts estimated from a 1/16 sample, marked counts_estimated (default 10000; env POLICY_SEARCH_EXACT_COUNT_LIMIT).")
  Integer exactCountLimit;

  @Option(names = "--result-cache-mb", paramLabel = "MB", description = "Memory for answers given again, without searching, to the same search on the same index generation; 0 turns it off (default 64; env POLICY_SEARCH_RESULT_CACHE_MB).")
  Integer resultCacheMegabytes;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "An origin allowed to call the API from a browser (repeatable; default none; env POLICY_SEARCH_CORS_ORIGINS, comma-separated).")
  List<String> corsOrigins;

  @Option(names = "--indexer-jar", paramLabel = "JAR", description = "The indexer jar the admin re-index runs (the launcher sets it; env POLICY_SEARCH_INDEXER_JAR).")
  Path indexerJar;

  @Option(names = "--backend", paramLabel = "NAME", description = "Where the index lives: embedded (the --index folder, default) or opensearch (--url, --alias); env POLICY_SEARCH_BACKEND.")
  String backend;

  @Option(names = "--url", paramLabel = "URL", description = "With --backend opensearch: the cluster's HTTP address, e.g. http://127.0.0.1:9200 (env POLICY_SEARCH_OPENSEARCH_URL).")
  String openSearchUrl;

  @Option(names = "--alias", paramLabel = "NAME", description = "With --backend opensearch: the alias `policy-search index --target opensearch` moves (default policy-search; env POLICY_SEARCH_OPENSEARCH_ALIAS).")
  String alias;

  @Option(names = "--config", paramLabel = "FILE", description = "Settings file (Java properties: port=8080, admin-token=..., ...); env POLICY_SEARCH_CONFIG.")
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServerSettings settings = resolve(System::getenv);
    LOG.info("configuration: {}", settings);
    PolicySearchServer server = PolicySearchServer.start(settings);
    String shown = settings.host().equals("0.0.0.0") || settings.host().equals("127.0.0.1") ? "localhost" : settings.host();
    spec.commandLine()
        .getOut()
        .printf(
            "Serving %,d documents from %s%nSearch at http://%s:%d/  (Ctrl-C to stop)%n",
            server.backend().served().documents(), servedFrom(settings, server), shown, server.port());
    spec.commandLine().getOut().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping: finishing requests in flight");
                  try {
                    server.close();
                  } catch (Exception e) {
                    LOG.warn("error while stopping: {}", e.getMessage());
                  }
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  private static String servedFrom(ServerSettings settings, PolicySearchServer server) throws IOException {
    String name = server.backend().served().name();
    return settings.openSearch() == null ? settings.index().resolve(name).toString() : settings.openSearch().url() + " (" + settings.openSearch().alias() + " -> " + name + ")";
  }

  /** The effective settings: flag, else environment, else config file, else default. */
  ServerSettings resolve(Function<String, String> env) throws IOException {
    Properties file = new Properties();
    Path configFile = config != null ? config : pathOrNull(env.apply("POLICY_SEARCH_CONFIG"));
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        throw usage("--config " + configFile + ": no such file");
      }
      try (InputStream in = Files.newInputStream(configFile)) {
        file.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    Setting s = new Setting(env, file);
    String backendName = s.text(backend, "POLICY_SEARCH_BACKEND", "backend");
    ServerSettings.OpenSearch cluster = null;
    if (backendName != null && !backendName.equals("embedded")) {
      if (!backendName.equals("opensearch")) {
        throw usage("--backend must be embedded or opensearch, was '" + backendName + "'");
      }
      String url = s.text(openSearchUrl, "POLICY_SEARCH_OPENSEARCH_URL", "url");
      if (url == null) {
        throw usage("--backend opensearch needs --url http://HOST:9200 (or POLICY_SEARCH_OPENSEARCH_URL)");
      }
      if (!url.matches("https?://[^\\s/]+(/.*)?")) {
        throw usage("--url must be an http:// or https:// address of the cluster, was '" + url + "'");
      }
      String aliasName = s.text(alias, "POLICY_SEARCH_OPENSEARCH_ALIAS", "alias");
      cluster = new ServerSettings.OpenSearch(url, aliasName == null ? DEFAULT_ALIAS : aliasName);
    }
    Path indexDir = index != null ? index : pathOrNull(s.text(null, "POLICY_SEARCH_INDEX", "index"));
    if (indexDir == null && cluster == null) {
      throw usage("Missing required option: '--index=DIR' (or POLICY_SEARCH_INDEX, or index= in the config file)");
    }
    int p = s.number(port, "POLICY_SEARCH_PORT", "port", ServerSettings.DEFAULT_PORT, 0, 65535, "--port");
    String h = s.text(host, "POLICY_SEARCH_HOST", "host");
    int maxChars = s.number(maxQueryChars, "POLICY_SEARCH_MAX_QUERY_CHARS", "max-query-chars", ServerSettings.DEFAULT_MAX_QUERY_CHARS, 1, 100_000, "--max-query-chars");
    int reload = s.number(reloadSeconds, "POLICY_SEARCH_RELOAD_SECONDS", "reload-seconds", ServerSettings.DEFAULT_RELOAD_SECONDS, 1, 3600, "--reload-seconds");
    int concurrent = s.number(maxConcurrentSearches, "POLICY_SEARCH_MAX_CONCURRENT_SEARCHES", "max-concurrent-searches", ServerSettings.DEFAULT_MAX_CONCURRENT_SEARCHES, 1, 10_000, "--max-concurrent-searches");
    int timeout = s.number(searchTimeoutMillis, "POLICY_SEARCH_SEARCH_TIMEOUT_MS", "search-timeout-ms", ServerSettings.DEFAULT_SEARCH_TIMEOUT_MILLIS, 10, 600_000, "--search-timeout-ms");
    int slow = s.number(slowQueryMillis, "POLICY_SEARCH_SLOW_QUERY_MS", "slow-query-ms", ServerSettings.DEFAULT_SLOW_QUERY_MILLIS, 1, 600_000, "--slow-query-ms");
    int exact = s.number(exactCountLimit, "POLICY_SEARCH_EXACT_COUNT_LIMIT", "exact-count-limit", ServerSettings.DEFAULT_EXACT_COUNT_LIMIT, 100, Integer.MAX_VALUE, "--exact-count-limit");
    int cacheMb = s.number(resultCacheMegabytes, "POLICY_SEARCH_RESULT_CACHE_MB", "result-cache-mb", ServerSettings.DEFAULT_RESULT_CACHE_MB, 0, 65_536, "--result-cache-mb");
    List<String> origins =
        corsOrigins != null ? corsOrigins : splitList(s.text(null, "POLICY_SEARCH_CORS_ORIGINS", "cors-origins"));
    Path jar = indexerJar != null ? indexerJar : pathOrNull(s.text(null, "POLICY_SEARCH_INDEXER_JAR", "indexer-jar"));
    String token = s.text(null, "POLICY_SEARCH_ADMIN_TOKEN", "admin-token");
    return new ServerSettings(
        indexDir == null ? null : indexDir.toAbsolutePath().normalize(), h == null ? ServerSettings.DEFAULT_HOST : h, p, maxChars, reload,
        token == null || token.isBlank() ? null : token, concurrent, timeout, slow, origins, jar, cluster, exact, cacheMb);
  }

  /** One setting's sources: environment, then config file. */
  private final class Setting {
    private final Function<String, String> env;
    private final Properties file;

    Setting(Function<String, String> env, Properties file) {
      this.env = env;
      this.file = file;
    }

    String text(String flag, String envName, String key) {
      if (flag != null) {
        return flag;
      }
      String fromEnv = env.apply(envName);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return fromEnv.strip();
      }
      String fromFile = file.getProperty(key);
      return fromFile == null || fromFile.isBlank() ? null : fromFile.strip();
    }

    int number(Integer flag, String envName, String key, int fallback, int min, int max, String name) {
      String text = text(flag == null ? null : flag.toString(), envName, key);
      if (text == null) {
        return fallback;
      }
      try {
        int value = Integer.parseInt(text);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw usage(name + " must be a whole number between " + min + " and " + max + ", was '" + text + "'");
    }
  }

  /** The alias searched when --alias is not given; the indexer's --target opensearch moves the same by default. */
  static final String DEFAULT_ALIAS = "policy-search";

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private static Path pathOrNull(String text) {
    return text == null || text.isBlank() ? null : Path.of(text.strip());
  }

  private static List<String> splitList(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public static void main(String[] args) {
    ServerCli.main(prepend("serve", args));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
