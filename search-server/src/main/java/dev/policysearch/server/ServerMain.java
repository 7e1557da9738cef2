package dev.policysearch.server;

import dev.policysearch.server.http.ServerSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policy-search serve}: answers searches over HTTP and serves the search page. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    version = "policy-search 0.1.0",
    description = {
      "Serves the search page and the JSON API over the index in DIR.",
      "When the indexer publishes a new generation in DIR, the server switches to it by itself."
    })
public final class ServerMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder (built by `policy-search index`). ./policy-search serve without --index uses data/index, built from the bundled sample corpus.")
  Path index;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = envInt("POLICY_SEARCH_PORT", ServerSettings.DEFAULT_PORT);

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host = envString("POLICY_SEARCH_HOST", ServerSettings.DEFAULT_HOST);

  @Option(names = "--max-query-chars", paramLabel = "N", description = "Longest query accepted (default: ${DEFAULT-VALUE}).")
  int maxQueryChars = ServerSettings.DEFAULT_MAX_QUERY_CHARS;

  @Option(names = "--reload-seconds", paramLabel = "S", description = "How often to look for a new index generation (default: ${DEFAULT-VALUE}).")
  int reloadSeconds = ServerSettings.DEFAULT_RELOAD_SECONDS;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, was " + port);
    }
    if (maxQueryChars < 1 || reloadSeconds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-query-chars and --reload-seconds must be at least 1");
    }
    var settings = new ServerSettings(index.toAbsolutePath().normalize(), host, port, maxQueryChars, reloadSeconds);
    LOG.info("configuration: {}", settings);
    PolicySearchServer server = PolicySearchServer.start(settings);
    String shown = host.equals("0.0.0.0") ? "localhost" : host.equals("127.0.0.1") ? "localhost" : host;
    spec.commandLine()
        .getOut()
        .printf(
            "Serving %,d documents from %s%nSearch at http://%s:%d/  (Ctrl-C to stop)%n",
            server.generations().documents(), server.generations().generation(), shown, server.port());
    spec.commandLine().getOut().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
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

  private static int envInt(String name, int fallback) {
    String value = System.getenv(name);
    try {
      return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String envString(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.strip();
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
