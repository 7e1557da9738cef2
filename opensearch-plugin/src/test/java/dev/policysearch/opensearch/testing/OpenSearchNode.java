package dev.policysearch.opensearch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSearch node in a child JVM, for integration tests, built only from Maven artifacts.
 *
 * <p>The opensearch-plugin module's build lays out what every node shares in {@code
 * target/opensearch-node}: {@code lib/} (the server jar and its runtime dependencies) and {@code
 * modules/transport-netty4/} (HTTP and transport). {@link #start} gives each node a home of its
 * own under {@code target/opensearch-nodes/} (those files hard-linked, a fresh {@code config/},
 * {@code data/}, {@code logs/}), installs the given plugin zips into its {@code plugins/}, runs
 * {@code org.opensearch.bootstrap.OpenSearch} with the JDK running the tests, and returns once
 * the cluster is yellow. {@link #close} stops the node.
 *
 * <p>Other modules' tests use it through this module's test-jar; they pass the layout and plugin
 * zip explicitly, or set the system properties {@value #LAYOUT_PROPERTY} and {@value
 * #PLUGIN_PROPERTY} as this module's failsafe configuration does.
 */
public final class OpenSearchNode implements AutoCloseable {

  /** System property: the folder holding {@code lib/} and {@code modules/}. */
  public static final String LAYOUT_PROPERTY = "policysearch.opensearch.node";

  /** System property: our plugin zip, installed by {@link #startWithOurPlugin()}. */
  public static final String PLUGIN_PROPERTY = "policysearch.opensearch.plugin";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String LOG4J_CONFIG = "/dev/policysearch/opensearch/testing/log4j2.properties";

  private final Path home;
  private final Process process;
  private final Thread shutdownHook;
  private final NodeLog log;
  private String httpUrl;
  private Duration startupTime;

  private OpenSearchNode(Path home, Process process, NodeLog log) {
    this.home = home;
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "stop OpenSearch node " + home.getFileName());
  }

  /**
   * A node with our analysis plugin, from the paths in {@value #LAYOUT_PROPERTY} and {@value
   * #PLUGIN_PROPERTY}.
   */
  public static OpenSearchNode startWithOurPlugin() throws IOException, InterruptedException {
    return start(requiredPath(LAYOUT_PROPERTY), List.of(requiredPath(PLUGIN_PROPERTY)));
  }

  /**
   * Starts a node from {@code layout} (see the class comment) with {@code pluginZips} installed,
   * and waits until it serves HTTP with a yellow cluster.
   *
   * @throws IllegalStateException when the node exits or does not get ready in time; the message
   *     holds the tail of the node's log
   */
  public static OpenSearchNode start(Path layout, List<Path> pluginZips)
      throws IOException, InterruptedException {
    NodeHome.requireLayout(layout);
    Files.createDirectories(Path.of("target", "opensearch-nodes"));
    Path home = Files.createTempDirectory(Path.of("target", "opensearch-nodes"), "node-").toAbsolutePath();
    NodeHome.populate(layout, home);
    try (InputStream log4j = OpenSearchNode.class.getResourceAsStream(LOG4J_CONFIG)) {
      Files.copy(log4j, home.resolve("config/log4j2.properties"));
    }
    for (Path zip : pluginZips) {
      PluginZip.install(zip, home.resolve("plugins"));
    }

    NodeLog log = new NodeLog(home.resolve("logs/console.log"));
    long startedAt = System.nanoTime();
    Process process =
        new ProcessBuilder(command(home))
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.file().toFile())
            .start();
    OpenSearchNode node = new OpenSearchNode(home, process, log);
    Runtime.getRuntime().addShutdownHook(node.shutdownHook);
    try {
      node.awaitReady(startedAt);
    } catch (RuntimeException | IOException | InterruptedException e) {
      node.stop();
      Runtime.getRuntime().removeShutdownHook(node.shutdownHook);
      throw e;
    }
    return node;
  }

  /**
   * Runs a node with our plugin until the process is stopped ({@code ./policy-search
   * dev-opensearch}), for trying the OpenSearch target and backend on one machine.
   */
  public static void main(String[] args) throws Exception {
    OpenSearchNode node = startWithOurPlugin();
    System.out.printf(
        "OpenSearch with the policy-search plugin is at %s (started in %.1f s; home %s).%n"
            + "Try: ./policy-search index --input corpus/sample --target opensearch --url %s --replicas 0%n"
            + "     ./policy-search serve --backend opensearch --url %s%n"
            + "Ctrl-C stops the node.%n",
        node.httpUrl(), node.startupTime().toMillis() / 1000.0, node.home(), node.httpUrl(), node.httpUrl());
    // The shutdown hook registered at start stops the node when this process is stopped.
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** The node's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public String httpUrl() {
    return httpUrl;
  }

  /** From launching the JVM to a yellow cluster. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The node's home; its {@code logs/console.log} has everything the node printed. */
  public Path home() {
    return home;
  }

  /** Stops the node. Its home stays (under target/, so `mvn clean` removes it) for inspection. */
  @Override
  public void close() {
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
    stop();
  }

  /**
   * The child JVM: the JDK running the tests, the flags the OpenSearch distribution's {@code
   * jvm.options} sets that matter here, and settings for a private single-node cluster on
   * loopback. No {@code -javaagent}: OpenSearch 3's security agent jar is not published to Maven
   * Central, and the node runs without it (it then enforces no plugin permissions).
   */
  private static List<String> command(Path home) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms512m",
            "-Xmx512m",
            "-XX:+UseG1GC",
            "-Djava.io.tmpdir=" + home.resolve("tmp"),
            "-Djava.locale.providers=SPI,CLDR",
            "-Dlog4j2.formatMsgNoLookups=true",
            // Log4j must not stop itself before the node's own shutdown hook has logged.
            "-Dlog4j.shutdownHookEnabled=false",
            "-Dlog4j2.disable.jmx=true",
            "-Dio.netty.noUnsafe=true",
            "-Dio.netty.noKeySetOptimization=true",
            "-Dio.netty.recycler.maxCapacityPerThread=0",
            "--enable-native-access=ALL-UNNAMED",
            // JNA's jar must be there (the node links against its classes), but its native
            // library must not load: with it the node refuses to run as root, as CI does. Without
            // it the node only warns and skips its native checks (mlockall, syscall filter).
            "-Djna.nosys=true",
            "-Djna.noclasspath=true",
            "-Dopensearch.path.home=" + home,
            "-Dopensearch.path.conf=" + home.resolve("config"),
            "-Dopensearch.distribution.type=tar",
            "-Dopensearch.bundled_jdk=false",
            "-cp",
            home.resolve("lib") + "/*",
            "org.opensearch.bootstrap.OpenSearch"));
    Stream.of(
            "cluster.name=policy-search-it",
            "node.name=it-node",
            "discovery.type=single-node",
            "network.host=127.0.0.1",
            // Any free ports; the node writes the ones it bound to logs/http.ports.
            "http.port=0",
            "transport.port=0",
            "node.portsfile=true",
            "path.data=" + home.resolve("data"),
            "path.logs=" + home.resolve("logs"),
            "bootstrap.system_call_filter=false",
            // Test machines' disks are often fuller than the default 85 % low watermark.
            "cluster.routing.allocation.disk.threshold_enabled=false")
        .forEach(setting -> command.add("-E" + setting));
    return command;
  }

  private void awaitReady(long startedAt) throws IOException, InterruptedException {
    long deadline = startedAt + START_TIMEOUT.toNanos();
    Path portsFile = home.resolve("logs/http.ports");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failure("the OpenSearch node exited with status " + process.exitValue() + " before it was ready");
      }
      if (httpUrl == null && Files.exists(portsFile)) {
        httpUrl = "http://" + Files.readAllLines(portsFile, StandardCharsets.UTF_8).getFirst().strip();
      }
      if (httpUrl != null && isYellow(http)) {
        startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
        return;
      }
      Thread.sleep(200);
    }
    throw failure("the OpenSearch node was not ready (yellow) within " + START_TIMEOUT.toSeconds() + " s");
  }

  private boolean isYellow(HttpClient http) throws InterruptedException {
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(httpUrl + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  private IllegalStateException failure(String what) {
    String message =
        what + "; its home is " + home + ", the last lines of its log "
            + log.file() + ":\n" + log.tail(60);
    System.err.println(message);
    return new IllegalStateException(message);
  }

  /** SIGTERM to the node and anything it spawned, SIGKILL if it is not gone in time. */
  private void stop() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception notStopped) {
        handle.destroyForcibly();
      }
    }
  }

  private static Path requiredPath(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run the test through Maven (failsafe sets it "
              + "in opensearch-plugin/pom.xml) or pass -D" + property + "=... to the test JVM");
    }
    Path path = Path.of(value);
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          property + " names " + path + ", which does not exist: build it with "
              + "`mvn -pl opensearch-plugin -am package -DskipTests` first");
    }
    return path;
  }
}
