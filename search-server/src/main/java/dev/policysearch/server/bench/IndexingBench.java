package dev.policysearch.server.bench;

import dev.policysearch.corpus.schema.IndexLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/**
 * Indexing, ours and the baseline's, each as a child JVM timed from start to exit: what an admin
 * waits for, JVM start and final commit included. Each run starts from an empty folder.
 */
final class IndexingBench {
  private final ChildJvm jvm;
  private final int threads;
  private final ProgressLog log;
  private final Path logs;

  /** @param logs folder for the children's output, one file per run */
  IndexingBench(ChildJvm jvm, int threads, ProgressLog log, Path logs) {
    this.jvm = jvm;
    this.threads = threads;
    this.log = log;
    this.logs = logs;
  }

  /**
   * Our indexer's command line: {@code java -jar INDEXER index --input CORPUS --index DIR --quiet}.
   *
   * @param name names the run in progress lines and its log file ({@code indexer-NAME.log})
   */
  BenchResults.Indexing ours(String name, Path indexerJar, Path corpus, Path index, CorpusStats stats)
      throws IOException, InterruptedException {
    return ours(name, indexerJar, corpus, index, stats, List.of());
  }

  /** Like {@link #ours(String, Path, Path, Path, CorpusStats)}, with JVM options before ours. */
  BenchResults.Indexing ours(String name, Path indexerJar, Path corpus, Path index, CorpusStats stats, List<String> jvmOptions)
      throws IOException, InterruptedException {
    deleteRecursively(index);
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(jvm.options());
    List<String> command =
        new ChildJvm(jvm.java(), options)
            .jar(indexerJar, List.of("index", "--input", corpus.toString(), "--index", index.toString(), "--quiet", "--threads", Integer.toString(threads)));
    log.say("indexing, %s: %s", name, String.join(" ", command));
    ChildProcess.Run run = ChildProcess.run(command, logs.resolve("indexer-" + name + ".log"), "indexing, " + name, log);
    ChildProcess.requireSuccess(run, "our indexer");
    Path generation =
        new IndexLayout(index).current().orElseThrow(() -> new IOException("our indexer exited with 0 but published no index in " + index));
    return result(name, run, stats, generation);
  }

  /**
   * The JVM options that map the indexer's class-data archive {@code archive}, as the launcher
   * passes them, or with {@code writeTo} those that write it there as the JVM ends. The JVM's own
   * messages about the archive are kept out of the logs.
   */
  static List<String> archiveOptions(Path archive, Path writeTo) {
    List<String> options = new ArrayList<>(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    options.add(writeTo != null ? "-XX:ArchiveClassesAtExit=" + writeTo : "-XX:SharedArchiveFile=" + archive);
    return options;
  }

  /**
   * Writes the indexer's class-data archive by one untimed run of ours, under a name of its own,
   * moved into place once the JVM has ended.
   */
  void writeClassDataArchive(Path archive, Path indexerJar, Path corpus, Path index, CorpusStats stats) throws IOException, InterruptedException {
    Path pending = archive.resolveSibling(archive.getFileName() + ".bench-" + ProcessHandle.current().pid());
    log.say("indexing: writing the indexer's class-data archive %s (one run, not timed)", archive);
    ours("class-data-archive", indexerJar, corpus, index, stats, archiveOptions(archive, pending));
    if (!Files.isRegularFile(pending) || Files.size(pending) == 0) {
      throw new IOException("the indexer did not write its class-data archive " + pending + "; see " + logs.resolve("indexer-class-data-archive.log"));
    }
    Files.move(pending, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The stock-Lucene indexer ({@link BaselineIndexer}) with the same threads and RAM buffer.
   *
   * @param name names the run in progress lines and its log file ({@code indexer-NAME.log})
   */
  BenchResults.Indexing baseline(String name, List<Path> files, Path index, CorpusStats stats) throws IOException, InterruptedException {
    deleteRecursively(index);
    List<String> args = new ArrayList<>(List.of("--index", index.toString(), "--threads", Integer.toString(threads), "--ram-buffer-mb", "256"));
    files.forEach(f -> args.add(f.toString()));
    log.say("indexing, %s: %d files, %d threads", name, files.size(), threads);
    ChildProcess.Run run = ChildProcess.run(jvm.main(BaselineIndexer.class, args), logs.resolve("indexer-" + name + ".log"), "indexing, " + name, log);
    ChildProcess.requireSuccess(run, "the baseline indexer");
    return result(name, run, stats, index);
  }

  private BenchResults.Indexing result(String engine, ChildProcess.Run run, CorpusStats stats, Path folder) throws IOException {
    // The indexer's own figure leaves out JVM start and reading its arguments; ours here does not.
    long documents = documents(folder);
    double seconds = run.millis() / 1000.0;
    var result =
        new BenchResults.Indexing(
            engine, documents, seconds, documents / seconds, stats.textBytes() / 1e6 / seconds, folderBytes(folder), run.peakRssBytes(), threads,
            run.cpuMillis() < 0 ? -1 : run.cpuMillis() / 1000.0);
    log.say(
        "indexing, %s: %,d documents in %.1f s (%,.0f docs/s; CPU %s), index %s, peak RSS %s",
        engine, documents, seconds, result.docsPerSecond(), result.cpuSeconds() < 0 ? "n/a" : String.format("%.1f s", result.cpuSeconds()),
        ChildProcess.megabytes(result.indexBytes()), ChildProcess.megabytes(run.peakRssBytes()));
    return result;
  }

  /** Live documents in the index in {@code folder}. */
  static long documents(Path folder) throws IOException {
    try (var dir = FSDirectory.open(folder);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      return reader.numDocs();
    }
  }

  static long folderBytes(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      long total = 0;
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        total += Files.size(file);
      }
      return total;
    }
  }

  static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
