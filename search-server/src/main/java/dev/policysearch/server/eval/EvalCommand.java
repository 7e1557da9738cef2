package dev.policysearch.server.eval;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  static final int DEPTH = 100;

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
    Map<String, List<Metrics>> byKind = new LinkedHashMap<>();
    List<Metrics> knownItems = new ArrayList<>();
    List<Metrics> all = new ArrayList<>();
    try (RankedSource source = target.index != null ? new IndexRankedSource(target.index) : new HttpRankedSource(target.url)) {
      for (EvalSet.Query query : set.queries()) {
        var judged = set.qrels().getOrDefault(query.id(), Map.of());
        List<String> ranked = source.rank(query.text(), DEPTH);
        Metrics m = Metrics.of(ranked, judged, EvalSet.isKnownItem(query.kind()));
        byKind.computeIfAbsent(query.kind(), k -> new ArrayList<>()).add(m);
        all.add(m);
        if (EvalSet.isKnownItem(query.kind())) {
          knownItems.add(m);
        }
        if (perQuery) {
          out.printf("%-6s %-10s mrr=%.3f ndcg=%.3f r100=%.3f  %s%n", query.id(), query.kind(), m.mrr10(), m.ndcg10(), m.recall100(), query.text());
        }
      }
    }
    out.printf("%-12s %4s %8s %8s %10s %10s %8s%n", "kind", "n", "MRR@10", "nDCG@10", "Recall@100", "Success@10", "judged@10");
    for (var entry : byKind.entrySet()) {
      row(out, entry.getKey(), entry.getValue());
    }
    row(out, "known-item", knownItems);
    row(out, "all", all);
    out.flush();
    return 0;
  }

  private static void row(PrintWriter out, String name, List<Metrics> metrics) {
    Metrics m = Metrics.mean(metrics);
    out.printf(
        "%-12s %4d %8.3f %8.3f %10.3f %10.3f %8d%n", name, metrics.size(), m.mrr10(), m.ndcg10(), m.recall100(), m.success10(), m.judgedInTop10());
  }
}
