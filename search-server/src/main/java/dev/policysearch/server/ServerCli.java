package dev.policysearch.server;

import dev.policysearch.corpus.LuceneNotices;
import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.server.bench.BenchCommand;
import dev.policysearch.server.eval.EvalCommand;
import dev.policysearch.server.http.Routes;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.lucene.store.MMapDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The search side's command line: {@code serve}, {@code eval} and {@code bench}. */
@Command(
    name = "policy-search",
    mixinStandardHelpOptions = true,
    version = "policy-search 0.1.0",
    description = "Serves and evaluates search over a policy-search index.",
    subcommands = {ServerMain.class, EvalCommand.class, BenchCommand.class})
public final class ServerCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: serve, eval or bench");
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new ServerCli())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("error: " + e.getMessage());
              return 1;
            })
        .execute(args);
  }

  /**
   * Starts, on a background thread, the work of a server's start that needs none of its
   * arguments and would otherwise wait its turn on the main thread: Lucene's native access (the
   * memory-mapped index's page advice), the JVM's management server (which the HTTP layer
   * registers itself with) and the JSON writer's serializers. About 0.15 s sooner to the first
   * answer (docs/BENCHMARKS.md, eighteenth session). A failure is left for the real use to
   * report.
   */
  private static void prepareInBackground() {
    Thread.ofPlatform()
        .daemon()
        .name("start-up-preload")
        .start(
            () -> {
              try {
                // Reading this sets up MMapDirectory, and with it Lucene's native access.
                long unusedChunkSize = MMapDirectory.DEFAULT_MAX_CHUNK_SIZE;
                ManagementFactory.getPlatformMBeanServer();
                Routes.prepare();
              } catch (RuntimeException e) {
                // reported by the real use
              }
            });
  }

  public static void main(String[] args) {
    LuceneNotices.quiet();
    List<String> arguments = List.of(args);
    if (!arguments.isEmpty() && arguments.get(0).equals("serve") && !arguments.contains("--help") && !arguments.contains("-h")) {
      // The first search needs the model, lexicon and glossary: read them while the server starts.
      Analyzers.preloadForSearch();
      prepareInBackground();
    }
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }
}
