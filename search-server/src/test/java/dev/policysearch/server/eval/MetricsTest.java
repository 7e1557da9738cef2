package dev.policysearch.server.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final Map<String, Integer> JUDGED = Map.of("a", 2, "b", 1, "c", 0);

  @Test
  void anUnjudgedDocumentCostsNdcgButNotJudgedOnlyNdcg() {
    Metrics clean = Metrics.of(List.of("a", "b", "c"), JUDGED, false);
    Metrics withUnjudged = Metrics.of(List.of("a", "x", "b", "c"), JUDGED, false);
    assertEquals(1.0, clean.ndcg10(), 1e-9);
    assertTrue(withUnjudged.ndcg10() < clean.ndcg10(), "x counts as not relevant");
    assertEquals(clean.ndcg10Judged(), withUnjudged.ndcg10Judged(), 1e-9);
  }

  @Test
  void judgedOnlyNdcgStillSeesAWorseOrderOfJudgedDocuments() {
    Metrics swapped = Metrics.of(List.of("x", "b", "a"), JUDGED, false);
    assertTrue(swapped.ndcg10Judged() < 1.0, "b before a is worse whatever x is");
    // 1/log2(2) for b, 2/log2(3) for a; ideal 2/log2(2) + 1/log2(3).
    double expected = (1 + 2 / (Math.log(3) / Math.log(2))) / (2 + 1 / (Math.log(3) / Math.log(2)));
    assertEquals(expected, swapped.ndcg10Judged(), 1e-9);
  }

  @Test
  void theMeanAveragesTheJudgedOnlyFigureToo() {
    Metrics m = Metrics.mean(List.of(Metrics.of(List.of("a", "b"), JUDGED, false), Metrics.of(List.of("b", "a"), JUDGED, false)));
    assertEquals((1.0 + Metrics.of(List.of("b", "a"), JUDGED, false).ndcg10Judged()) / 2, m.ndcg10Judged(), 1e-9);
  }
}
