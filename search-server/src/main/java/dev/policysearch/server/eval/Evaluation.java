package dev.policysearch.server.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every query of an {@link EvalSet} against a {@link RankedSource} and averages per kind. */
public final class Evaluation {
  private Evaluation() {}

  /** Ranked ids are taken this deep (Recall@100). */
  public static final int DEPTH = 100;

  /** One query's outcome. */
  public record QueryResult(EvalSet.Query query, Metrics metrics) {}

  /** Per-query results; {@link #byKind()} and {@link #knownItem()} average them. */
  public record Report(List<QueryResult> results) {

    public Map<String, Metrics> byKind() {
      Map<String, List<Metrics>> groups = new LinkedHashMap<>();
      for (QueryResult r : results) {
        groups.computeIfAbsent(r.query().kind(), k -> new ArrayList<>()).add(r.metrics());
      }
      Map<String, Metrics> out = new LinkedHashMap<>();
      groups.forEach((kind, metrics) -> out.put(kind, Metrics.mean(metrics)));
      return out;
    }

    public int count(String kind) {
      return (int) results.stream().filter(r -> r.query().kind().equals(kind)).count();
    }

    public Metrics knownItem() {
      return Metrics.mean(results.stream().filter(r -> EvalSet.isKnownItem(r.query().kind())).map(QueryResult::metrics).toList());
    }

    public int knownItemCount() {
      return (int) results.stream().filter(r -> EvalSet.isKnownItem(r.query().kind())).count();
    }

    public Metrics all() {
      return Metrics.mean(results.stream().map(QueryResult::metrics).toList());
    }
  }

  public static Report run(EvalSet set, RankedSource source) throws IOException {
    List<QueryResult> results = new ArrayList<>();
    for (EvalSet.Query query : set.queries()) {
      var judged = set.qrels().getOrDefault(query.id(), Map.of());
      List<String> ranked = source.rank(query.text(), DEPTH);
      results.add(new QueryResult(query, Metrics.of(ranked, judged, EvalSet.isKnownItem(query.kind()))));
    }
    return new Report(List.copyOf(results));
  }

  /** Rankings from a running server's search API. */
  public static RankedSource server(String baseUrl) {
    return new HttpRankedSource(baseUrl);
  }

  /** Rankings from an index opened in this process. */
  public static RankedSource index(Path dir) throws IOException {
    return new IndexRankedSource(dir);
  }
}
