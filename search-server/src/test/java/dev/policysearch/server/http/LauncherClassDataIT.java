package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive, through {@code ./policy-search serve} as an admin runs it:
 * the first start after a build writes the archive as it stops, under its own process id; the
 * next start adopts it and maps it, and answers; the JVM's messages about the archive stay off
 * the console; {@code POLICY_SEARCH_CDS=off} leaves all of it out.
 */
class LauncherClassDataIT {
  private static final Pattern LISTENING = Pattern.compile("Search at http://[^:/\\s]+:(\\d+)/");

  @TempDir static Path tmp;

  private static Path index;

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path TARGET = ROOT.resolve("search-server").resolve("target");

  @BeforeAll
  static void indexTheSample() throws Exception {
    index = tmp.resolve("index");
    var result = IndexerProcess.index(300, "--input", IndexerProcess.sampleCorpus().toString(), "--index", index.toString(), "--quiet");
    assertEquals(0, result.exitCode(), result.output());
  }

  @Test
  void theFirstStartWritesTheArchiveAndTheNextMapsIt() throws Exception {
    removeArchives();
    Started first = start(Map.of());
    assertTrue(first.hasOption("-XX:ArchiveClassesAtExit="), first.arguments().toString());
    assertEquals(200, first.search());
    first.stop();
    List<Path> pending = archives().stream().filter(p -> p.getFileName().toString().endsWith(".pid-" + first.pid())).toList();
    assertEquals(1, pending.size(), "the first start writes its archive as it stops: " + archives());

    Started second = start(Map.of());
    try {
      String mapped = second.option("-XX:SharedArchiveFile=");
      assertTrue(mapped != null && mapped.endsWith(".jsa") && Files.isRegularFile(Path.of(mapped)), second.arguments().toString());
      assertFalse(second.hasOption("-XX:ArchiveClassesAtExit="), "an adopted archive is not written again");
      assertEquals(200, second.search());
      assertEquals(List.of(Path.of(mapped)), archives(), "the pending archive was moved into place");
    } finally {
      second.stop();
    }
    assertFalse(first.console().contains("[cds") || second.console().contains("[cds"), first.console() + second.console());
    assertFalse(first.console().contains("jdk.incubator.vector"), "Lucene's vector-module notice stays off the console: " + first.console());
  }

  @Test
  void offLeavesItOut() throws Exception {
    Started off = start(Map.of("POLICY_SEARCH_CDS", "off"));
    try {
      assertFalse(off.hasOption("-XX:SharedArchiveFile=") || off.hasOption("-XX:ArchiveClassesAtExit="), off.arguments().toString());
      assertEquals(200, off.search());
    } finally {
      off.stop();
    }
  }

  private static void removeArchives() throws IOException {
    LauncherArchives.removeAll(TARGET, "policy-search-server");
  }

  private static List<Path> archives() throws IOException {
    return LauncherArchives.of(TARGET, "policy-search-server");
  }

  /** {@code ./policy-search serve --index INDEX --port 0}, once it has printed its address. */
  private static Started start(Map<String, String> env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(ROOT.resolve("policy-search").toString(), "serve", "--index", index.toString(), "--port", "0").redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().remove("JAVA_OPTS");
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder console = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      console.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        // Keep reading what it prints, so it never blocks on a full pipe, until it ends.
        Thread.ofVirtual().start(() -> {
          try {
            String more;
            while ((more = out.readLine()) != null) {
              synchronized (console) {
                console.append(more).append('\n');
              }
            }
          } catch (IOException e) {
            // the process ended and its output was closed
          }
        });
        return new Started(process, Integer.parseInt(m.group(1)), console);
      }
    }
    throw new AssertionError("the launcher stopped before printing its address:\n" + console);
  }

  /** A server started by the launcher (which exec's the JVM, so the process is the JVM). */
  private record Started(Process process, int port, StringBuilder output) {
    long pid() {
      return process.pid();
    }

    List<String> arguments() {
      return List.of(process.info().arguments().orElse(new String[0]));
    }

    boolean hasOption(String prefix) {
      return option(prefix) != null;
    }

    String option(String prefix) {
      return arguments().stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst().orElse(null);
    }

    int search() {
      return new ApiClient(port).get("/api/search", "q", "发展").status();
    }

    String console() {
      synchronized (output) {
        return output.toString();
      }
    }

    /** SIGTERM, as a service manager stops it; the archive is written on the way out. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
        throw new AssertionError("the server did not stop within 60 s of SIGTERM");
      }
    }
  }
}
