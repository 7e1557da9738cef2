package dev.policysearch.indexer.cli;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.DocumentMapper;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.corpus.store.JsonLinesReader;
import dev.policysearch.indexer.index.ClusterIndexer;
import dev.policysearch.indexer.index.CorpusIndexer;
import dev.policysearch.indexer.index.IndexCounters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policy-search index --input FILE_OR_DIR... --index DIR}: builds a new index generation. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Indexes corpus files (JSON Lines, .jsonl or .jsonl.gz) into DIR.",
      "The new index is written beside the current one and switched to only when complete,",
      "so a server reading DIR keeps answering from the old index until then.",
      "Bad lines are skipped and listed with file:line and the reason."
    })
public final class IndexCommand implements Callable<Integer> {

  /** How many skipped lines are listed one by one before the rest are only counted. */
  static final int SKIPS_LISTED = 50;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      arity = "1..*",
      paramLabel = "FILE_OR_DIR",
      description = "Corpus files, or folders searched for *.jsonl and *.jsonl.gz files.")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--update",
      description = "Update the current index instead of rebuilding it: input documents are added or replace those with the same id.")
  boolean update;

  @Option(names = "--delete", paramLabel = "ID", description = "With --update: remove the release with this id (repeatable).")
  List<String> deleteIds = new ArrayList<>();

  @Option(names = "--delete-file", paramLabel = "FILE", description = "With --update: remove the releases whose ids are listed, one per line.")
  Path deleteFile;

  @Option(names = "--index", paramLabel = "DIR", description = "Index folder (the embedded target).")
  Path index;

  @CommandLine.Mixin TargetOptions where = new TargetOptions();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Analysis threads (default: the number of cores, ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--ram-buffer-mb",
      paramLabel = "MB",
      description =
          "Memory for buffering documents before they are written as a segment (default: 512, or 40%% of the"
              + " JVM's heap when that is less; here ${DEFAULT-VALUE}).")
  int ramBufferMb = CorpusIndexer.defaultRamBufferMb();

  @Option(
      names = "--themes",
      paramLabel = "FILE",
      description = "Theme rules (themes.tsv format) instead of the bundled ones.")
  Path themes;

  @Option(names = "--quiet", description = "No progress display; only the tally.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (threads < 1 || threads > 256) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threads must be between 1 and 256, was " + threads);
    }
    if (ramBufferMb < 1 || ramBufferMb > 16_384) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--ram-buffer-mb must be between 1 and 16384 (MB), was " + ramBufferMb);
    }
    List<String> deletes = new ArrayList<>(deleteIds);
    if (deleteFile != null) {
      if (!Files.isRegularFile(deleteFile)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--delete-file " + deleteFile + ": no such file");
      }
      Files.readAllLines(deleteFile).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(deletes::add);
    }
    if (!deletes.isEmpty() && !update) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--delete and --delete-file need --update");
    }
    if (inputs.isEmpty() && deletes.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--input=FILE_OR_DIR'");
    }
    ClusterIndexer.Target cluster = where.check(spec, index, true);
    List<Path> files = inputs.isEmpty() ? List.of() : corpusFiles();
    ThemeClassifier classifier = themes == null ? ThemeClassifier.bundled() : ThemeClassifier.fromFile(themes);
    if (cluster != null) {
      return toCluster(cluster, files, deletes, classifier, out);
    }
    var indexer = new CorpusIndexer(new Analyzers(), new DocumentMapper(classifier), threads, ramBufferMb);
    IndexLayout layout = new IndexLayout(index);
    CorpusIndexer.Result result;
    try (var progress = ProgressDisplay.create(quiet, spec.commandLine().getErr())) {
      result = indexer.run(files, deletes, update, layout, progress);
    }
    printTally(out, files, result.counters(), result.millis(), result.generation().map(Path::toString));
    if (result.generation().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "error: no document could be indexed, so the index in "
                  + layout.root()
                  + " was left as it was. Check the skipped lines above.");
      return 1;
    }
    return 0;
  }

  /** Builds (or with --update, updates) the index behind the alias on an OpenSearch cluster. */
  private int toCluster(ClusterIndexer.Target cluster, List<Path> files, List<String> deletes, ThemeClassifier classifier, PrintWriter out)
      throws Exception {
    ClusterIndexer.Result result;
    try (var progress = ProgressDisplay.create(quiet, spec.commandLine().getErr())) {
      result =
          new ClusterIndexer(classifier).run(files, deletes, update, cluster, progress);
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
    printTally(out, files, result.counters(), result.millis(), result.index().map(name -> "alias " + cluster.alias() + " -> index " + name));
    if (result.index().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("error: no document could be indexed, so alias '" + cluster.alias() + "' on " + cluster.url() + " was left as it was. Check the skipped lines above.");
      return 1;
    }
    return 0;
  }

  /** The input files, folders expanded, in a stable order; a missing input is a usage error. */
  private List<Path> corpusFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile).filter(JsonLinesReader::isCorpusFile).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--input " + input + ": no such file or folder");
      }
    }
    if (files.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--input " + inputs + ": no *.jsonl or *.jsonl.gz files found");
    }
    return files;
  }

  private static void printTally(PrintWriter out, List<Path> files, IndexCounters counters, long millis, Optional<String> published) {
    List<IndexCounters.Skip> skipped = counters.skipped();
    long documents = counters.indexedCount() - counters.replacedCount();
    out.printf(
        "Indexed %,d documents from %d file%s in %.1f s%s%n",
        documents,
        files.size(),
        files.size() == 1 ? "" : "s",
        millis / 1000.0,
        published.map(g -> " -> " + g).orElse(""));
    if (counters.deletedCount() > 0) {
      out.printf("Deleted %,d id%s.%n", counters.deletedCount(), counters.deletedCount() == 1 ? "" : "s");
    }
    if (counters.replacedCount() > 0) {
      out.printf("Replaced %,d: a later line had the same id and won.%n", counters.replacedCount());
    }
    out.printf("Skipped %,d line%s%s%n", skipped.size(), skipped.size() == 1 ? "" : "s", skipped.isEmpty() ? "." : ":");
    skipped.stream().limit(SKIPS_LISTED).forEach(s -> out.println("  " + s));
    if (skipped.size() > SKIPS_LISTED) {
      out.printf("  ... and %,d more.%n", skipped.size() - SKIPS_LISTED);
    }
    out.flush();
  }
}
