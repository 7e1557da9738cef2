package dev.policysearch.server.eval;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code policy-search eval}: runs judged queries and prints nDCG@10, MRR@10 and Recall@100 per
 * query kind and overall, the figures kept in docs/RELEVANCE.md.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measures search quality on judged queries (queries.tsv + TREC qrels).",
      "Known-item kinds count grade-2 documents as sought; topic queries count every grade >= 1."
    })
public final class EvalCommand implements Callable<Integer> {

  @Option(names = "--queries", required = true, paramLabel = "FILE", description = "qid<TAB>lang<TAB>kind<TAB>query per line.")
  Path queries;

  @Option(names = "--qrels", required = true, paramLabel = "FILE", description = "TREC qrels: qid 0 docid grade.")
  Path qrels;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--index", paramLabel = "DIR", description = "Evaluate this index in-process.")
    Path index;

    @Option(names = "--url", paramLabel = "URL", description = "Evaluate a running server, e.g. http://localhost:8080.")
    String url;
  }

  @Option(names = "--per-query", description = "Also print each query's figures and the rank of the first sought document.")
  boolean perQuery;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    EvalSet set = EvalSet.read(queries, qrels);
    Evaluation.Report report;
    try (RankedSource source = target.index != null ? Evaluation.index(target.index) : Evaluation.server(target.url)) {
      report = Evaluation.run(set, source);
    }
    if (perQuery) {
      for (Evaluation.QueryResult r : report.results()) {
        Metrics m = r.metrics();
        out.printf(
            "%-6s %-10s mrr=%.3f ndcg=%.3f r100=%.3f  %s%n", r.query().id(), r.query().kind(), m.mrr10(), m.ndcg10(), m.recall100(), r.query().text());
      }
    }
    out.printf("%-12s %4s %8s %8s %10s %10s %8s %14s%n", "kind", "n", "MRR@10", "nDCG@10", "Recall@100", "Success@10", "judged@10", "nDCG@10-judged");
    report.byKind().forEach((kind, m) -> row(out, kind, report.count(kind), m));
    row(out, "known-item", report.knownItemCount(), report.knownItem());
    row(out, "all", report.results().size(), report.all());
    out.flush();
    return 0;
  }

  private static void row(PrintWriter out, String name, int n, Metrics m) {
    out.printf("%-12s %4d %8.3f %8.3f %10.3f %10.3f %8d %14.3f%n", name, n, m.mrr10(), m.ndcg10(), m.recall100(), m.success10(), m.judgedInTop10(), m.ndcg10Judged());
  }
}
