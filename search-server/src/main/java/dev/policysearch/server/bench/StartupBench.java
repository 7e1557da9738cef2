package dev.policysearch.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server start-up as an operator sees it after a restart: launch {@code java -jar SERVER serve
 * --index DIR --port 0}, wait for the "Search at http://HOST:PORT/" line it prints once listening,
 * then ask {@code /api/search} until the first answer with status 200. The index files are in the
 * page cache by then (they were just written or read), so this is a warm start.
 */
final class StartupBench {
  /** The line a server prints once it listens; group 1 is the port. */
  static final Pattern LISTENING = Pattern.compile("Search at http://[^:/\\s]+:(\\d+)/");
  private static final String FIRST_QUERY = "发展";
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
  private static final long POLL_MILLIS = 5;

  private final ChildJvm jvm;
  private final ProgressLog log;

  StartupBench(ChildJvm jvm, ProgressLog log) {
    this.jvm = jvm;
    this.log = log;
  }

  /**
   * @param archive the class-data archive {@code ./policy-search serve} starts the server with
   *     (written first, by one untimed start, when missing), or null to time plain {@code java
   *     -jar} starts only
   */
  BenchResults.Startup run(Path serverJar, Path index, int runs, Path logDir, Path archive) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
      BenchResults.Startup plain = times(http, serverJar, index, runs, logDir, "startup", List.of());
      if (archive == null) {
        return plain;
      }
      if (!Files.isRegularFile(archive)) {
        // Written under a name of its own and moved into place once the JVM has ended, as the
        // launcher does, so no start ever maps a half-written archive.
        Path pending = archive.resolveSibling(archive.getFileName() + ".pid-bench-" + ProcessHandle.current().pid());
        List<String> writing = IndexingBench.archiveOptions(archive, pending);
        log.say("start-up: writing the class-data archive %s (one start, not timed)", archive);
        once(http, serverJar, index, logDir.resolve("startup-archive.log"), writing);
        if (!Files.isRegularFile(pending)) {
          throw new IOException("the server did not write its class-data archive " + pending + "; see " + logDir.resolve("startup-archive.log"));
        }
        Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> mapped = IndexingBench.archiveOptions(archive, null);
      BenchResults.Startup shipped = times(http, serverJar, index, runs, logDir, "startup-cds", mapped);
      return new BenchResults.Startup(
          runs, shipped.listeningMillis(), shipped.firstAnswerMillis(), shipped.medianListeningMillis(), shipped.medianFirstAnswerMillis(),
          archive.toString(), plain);
    }
  }

  private BenchResults.Startup times(HttpClient http, Path serverJar, Path index, int runs, Path logDir, String name, List<String> options)
      throws IOException, InterruptedException {
    List<Long> listening = new ArrayList<>();
    List<Long> firstAnswer = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      long[] times = once(http, serverJar, index, logDir.resolve(name + "-" + i + ".log"), options);
      listening.add(times[0]);
      firstAnswer.add(times[1]);
      log.say("%s %d/%d: listening after %,d ms, first answer after %,d ms", name, i, runs, times[0], times[1]);
    }
    return new BenchResults.Startup(runs, listening, firstAnswer, median(listening), median(firstAnswer), null, null);
  }

  /** One start: milliseconds to "listening" and to the first answer, from launching the process. */
  private long[] once(HttpClient http, Path serverJar, Path index, Path logFile, List<String> options) throws IOException, InterruptedException {
    List<String> jvmOptions = new ArrayList<>(options);
    jvmOptions.addAll(jvm.options());
    List<String> command = new ChildJvm(jvm.java(), jvmOptions).jar(serverJar, List.of("serve", "--index", index.toString(), "--port", "0"));
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectError(logFile.toFile()).start();
    // A server that never prints its address must not hang the run: stop it after a while.
    CompletableFuture.runAsync(process::destroyForcibly, CompletableFuture.delayedExecutor(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS));
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      int port = awaitPort(out, logFile);
      long listening = millisSince(started);
      URI uri = URI.create("http://127.0.0.1:" + port + "/api/search?q=" + URLEncoder.encode(FIRST_QUERY, StandardCharsets.UTF_8));
      awaitAnswer(http, uri, process, logFile);
      return new long[] {listening, millisSince(started)};
    } finally {
      ChildProcess.stop(process);
    }
  }

  private static int awaitPort(BufferedReader out, Path logFile) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IOException("the server stopped before printing 'Search at http://...'; its log (" + logFile + ") ends with:\n" + ChildProcess.tail(logFile, 20));
  }

  private static void awaitAnswer(HttpClient http, URI uri, Process process, Path logFile) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
    while (process.isAlive()) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not accepting connections yet: ask again
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IOException("the server stopped before answering " + uri + "; its log (" + logFile + ") ends with:\n" + ChildProcess.tail(logFile, 20));
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
  }
}
