import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Start-up of several builds of the server, timed in turn from the same machine state: each round
 * starts every build once, in a shuffled order, and times it from the process start to its first
 * answered search, polling every 10 ms (docs/BENCHMARKS.md, eighteenth session). Each build runs
 * as {@code ./policy-search serve} runs it, with a class-data archive of its own, written first
 * (one start and one search) when missing.
 *
 * <pre>
 * java docs/tools/StartupProbe.java INDEX ROUNDS NAME=SERVER_JAR [NAME=SERVER_JAR ...]
 * </pre>
 *
 * The archive of {@code X.jar} is {@code X.jsa} beside it. Prints each round, then the median,
 * mean and least time of each build.
 */
public final class StartupProbe {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final int PORT = 18_093;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
  private static final URI SEARCH = URI.create("http://127.0.0.1:" + PORT + "/api/search?q=%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83");

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: java docs/tools/StartupProbe.java INDEX ROUNDS NAME=SERVER_JAR...");
      System.exit(2);
    }
    Path index = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Map<String, Path> builds = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] named = args[i].split("=", 2);
      builds.put(named[0], Path.of(named[1]).toAbsolutePath());
    }
    for (Path jar : builds.values()) {
      Path archive = archiveOf(jar);
      if (!Files.exists(archive)) {
        System.err.println("writing " + archive);
        startAndSearch(jar, index, List.of("-XX:ArchiveClassesAtExit=" + archive));
      }
    }
    Map<String, List<Double>> times = new LinkedHashMap<>();
    builds.keySet().forEach(name -> times.put(name, new ArrayList<>()));
    Random random = new Random(42);
    for (int round = 1; round <= rounds; round++) {
      List<String> order = new ArrayList<>(builds.keySet());
      Collections.shuffle(order, random);
      StringBuilder line = new StringBuilder("round " + round + ":");
      for (String name : order) {
        Path jar = builds.get(name);
        double ms = startAndSearch(jar, index, List.of("-XX:SharedArchiveFile=" + archiveOf(jar)));
        times.get(name).add(ms);
        line.append(String.format(" %s %.0f ms", name, ms));
      }
      System.out.println(line);
    }
    for (var entry : times.entrySet()) {
      List<Double> t = new ArrayList<>(entry.getValue());
      Collections.sort(t);
      double median = t.size() % 2 == 1 ? t.get(t.size() / 2) : (t.get(t.size() / 2 - 1) + t.get(t.size() / 2)) / 2;
      double mean = t.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      System.out.printf("%-12s median %6.0f ms  mean %6.0f ms  least %6.0f ms  (%d starts)%n", entry.getKey(), median, mean, t.get(0), t.size());
    }
  }

  private static Path archiveOf(Path jar) {
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    return jar.resolveSibling(name + ".jsa");
  }

  /** Milliseconds from starting the server to its first answered search; the server is stopped. */
  private static double startAndSearch(Path jar, Path index, List<String> archiveOptions) throws Exception {
    List<String> command = new ArrayList<>(List.of(JAVA, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    command.addAll(archiveOptions);
    command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Dorg.jboss.logging.provider=slf4j", "-jar", jar.toString()));
    command.addAll(List.of("serve", "--index", index.toString(), "--port", Integer.toString(PORT)));
    long started = System.nanoTime();
    Process server = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      while (true) {
        if (!server.isAlive()) {
          throw new IllegalStateException(jar + " stopped before answering (exit " + server.exitValue() + ")");
        }
        try {
          HttpResponse<Void> response =
              HTTP.send(HttpRequest.newBuilder(SEARCH).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            return (System.nanoTime() - started) / 1e6;
          }
        } catch (HttpTimeoutException e) {
          throw e;
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(10);
      }
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }
}
