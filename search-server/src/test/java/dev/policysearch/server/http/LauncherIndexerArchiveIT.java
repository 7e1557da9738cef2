package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer's class-data archive, through {@code ./policy-search index} as an admin runs it:
 * after the first run of a build that succeeds, the launcher writes it (announced) and keeps it;
 * later runs map it (a JVM told to insist on it still starts); a failed run writes none; the JVM's
 * messages about it stay off the console; {@code POLICY_SEARCH_CDS=off} leaves it out.
 */
class LauncherIndexerArchiveIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path TARGET = ROOT.resolve("indexer").resolve("target");

  @TempDir Path tmp;

  @Test
  void theFirstRunWritesTheArchiveAndLaterRunsMapIt() throws Exception {
    removeArchives();
    Run first = index(Map.of(), "--input", IndexerProcess.sampleCorpus().toString(), "--index", tmp.resolve("first").toString());
    assertEquals(0, first.exitCode(), first.output());
    assertTrue(first.output().contains("writing the indexer's class-data archive"), "the wait at the end is announced: " + first.output());
    List<Path> archives = archives();
    assertEquals(1, archives.size(), "one archive, moved into place, nothing pending: " + archives);
    Path archive = archives.get(0);
    assertTrue(archive.getFileName().toString().matches("policy-search-indexer-.*\\.jsa"), archive.toString());
    assertTrue(Files.size(archive) > 0);
    FileTime written = Files.getLastModifiedTime(archive);

    // -Xshare:on makes a JVM that cannot map the archive refuse to start: success means it was used.
    Run second = index(Map.of("JAVA_OPTS", "-Xshare:on"), "--input", IndexerProcess.sampleCorpus().toString(), "--index", tmp.resolve("second").toString());
    assertEquals(0, second.exitCode(), second.output());
    assertFalse(second.output().contains("class-data archive"), "written once: " + second.output());
    assertEquals(List.of(archive), archives(), "the archive is mapped, not written again");
    assertEquals(written, Files.getLastModifiedTime(archive));
    assertTrue(Files.isRegularFile(tmp.resolve("second").resolve("CURRENT")), "the second run published its index");
    for (Run run : List.of(first, second)) {
      assertFalse(run.output().contains("[cds"), "the JVM's archive messages stay off the console: " + run.output());
      assertFalse(run.output().contains("jdk.incubator.vector"), "Lucene's vector-module notice stays off the console: " + run.output());
    }
  }

  @Test
  void aFailedFirstRunLeavesNoArchive() throws Exception {
    removeArchives();
    Run failed = index(Map.of(), "--input", tmp.resolve("no-such-corpus").toString(), "--index", tmp.resolve("index").toString());
    assertNotEquals(0, failed.exitCode(), failed.output());
    assertFalse(failed.output().contains("class-data archive"), failed.output());
    assertEquals(List.of(), archives(), "a run that failed writes no archive");
  }

  @Test
  void offLeavesItOut() throws Exception {
    removeArchives();
    Run off = index(Map.of("POLICY_SEARCH_CDS", "off"), "--input", IndexerProcess.sampleCorpus().toString(), "--index", tmp.resolve("off").toString());
    assertEquals(0, off.exitCode(), off.output());
    assertFalse(off.output().contains("class-data archive"), off.output());
    assertEquals(List.of(), archives());
  }

  private record Run(int exitCode, String output) {}

  private Run index(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("policy-search").toString(), "index"));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(tmp, "index", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("JAVA_OPTS");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./policy-search index did not end within 5 minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static void removeArchives() throws IOException {
    LauncherArchives.removeAll(TARGET, "policy-search-indexer");
  }

  private static List<Path> archives() throws IOException {
    return LauncherArchives.of(TARGET, "policy-search-indexer");
  }
}
