package dev.policysearch.indexer.cli;

import dev.policysearch.corpus.analysis.LexiconCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code policy-search check-lexicon [--dir DIR]}: checks the lexicon, synonyms, paraphrases and
 * glossary files line by line before a server or an indexer reads them (they skip what they
 * cannot use without a word).
 */
@Command(
    name = "check-lexicon",
    mixinStandardHelpOptions = true,
    description = {
      "Checks policy-lexicon.txt, synonyms.txt, paraphrases.txt and the glossary files line by line",
      "(docs/LEXICON.md, docs/GLOSSARY.md): prints each broken line as FILE:LINE: what is wrong, and",
      "how many entries each file holds. Exit code 1 when a line breaks a rule."
    })
public final class CheckLexiconCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The folder to check, as POLICY_SEARCH_LEXICON_DIR would name it (default: that variable when set, else the bundled files).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path folder = dir;
    String env = System.getenv("POLICY_SEARCH_LEXICON_DIR");
    if (folder == null && env != null && !env.isBlank()) {
      folder = Path.of(env);
    }
    if (folder != null && !Files.isDirectory(folder)) {
      throw new CommandLine.ParameterException(spec.commandLine(), (dir != null ? "--dir " : "POLICY_SEARCH_LEXICON_DIR ") + folder + ": no such folder");
    }
    LexiconCheck.Report report = LexiconCheck.check(folder);
    report.problems().forEach(out::println);
    out.println(folder == null ? "Bundled files:" : "Files in " + folder + " (the glossary's bundled files where the folder has none):");
    report.entries().forEach((file, count) -> out.printf("  %-26s %,7d %s%n", file, count, file.endsWith(".tsv") ? "entries" : file.equals("policy-lexicon.txt") ? "terms" : "groups"));
    if (report.problems().isEmpty()) {
      out.println("No problems.");
      return 0;
    }
    out.printf(
        "%,d line(s) break a rule (above). Search skips the lines it cannot read and uses the rest as written; fix them and restart the server"
            + " (after a change to policy-lexicon.txt or the glossary, re-index too).%n",
        report.problems().size());
    return 1;
  }
}
