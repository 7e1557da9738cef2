package dev.policysearch.indexer.cli;

import dev.policysearch.corpus.LuceneNotices;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The admin command line: {@code policy-search index ...} and friends. */
@Command(
    name = "policy-search",
    mixinStandardHelpOptions = true,
    version = "policy-search 0.1.0",
    description = "Builds and maintains the policy-search index.",
    subcommands = {IndexCommand.class, CrawlCommand.class, CheckProfileCommand.class, CheckLexiconCommand.class})
public final class IndexerMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. index");
  }

  /** Runs the command line and returns the exit code: 0 ok, 1 failure, 2 usage error. */
  public static int run(String... args) {
    return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs with the given output streams (tests read what a user would see). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return new CommandLine(new IndexerMain())
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(IndexerMain::onFailure)
        .execute(args);
  }

  private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    cmd.getErr().println("error: " + e.getMessage());
    return 1;
  }

  public static void main(String[] args) {
    LuceneNotices.quiet();
    System.exit(run(args));
  }
}
