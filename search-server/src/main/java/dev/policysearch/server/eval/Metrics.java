package dev.policysearch.server.eval;

import java.util.List;
import java.util.Map;

/**
 * Ranking metrics of one query. Known-item queries count only grade-2 documents as sought (either
 * document of a zh-en pair); topical queries count every grade >= 1 and weigh nDCG by grade.
 * {@code ndcg10Judged} is nDCG@10 of the ranking with the unjudged documents taken out: pooled
 * judgments never saw what the pooling engines did not find (for a Chinese topic, any English
 * release), and this figure tells a loss among judged documents from unjudged ones moving in.
 */
public record Metrics(double ndcg10, double mrr10, double recall100, double success10, int judgedInTop10, double ndcg10Judged) {

  public static Metrics of(List<String> ranked, Map<String, Integer> judged, boolean knownItem) {
    int soughtGrade = knownItem ? 2 : 1;
    double mrr = 0;
    int judgedTop10 = 0;
    for (int i = 0; i < Math.min(10, ranked.size()); i++) {
      Integer grade = judged.get(ranked.get(i));
      if (grade != null) {
        judgedTop10++;
      }
      if (mrr == 0 && grade != null && grade >= soughtGrade) {
        mrr = 1.0 / (i + 1);
      }
    }
    long relevant = judged.values().stream().filter(g -> g >= soughtGrade).count();
    long found = ranked.stream().limit(100).filter(id -> judged.getOrDefault(id, 0) >= soughtGrade).count();
    double recall = relevant == 0 ? 0 : (double) found / relevant;
    List<String> judgedOnly = ranked.stream().filter(judged::containsKey).toList();
    return new Metrics(ndcg10(ranked, judged), mrr, recall, mrr > 0 ? 1 : 0, judgedTop10, ndcg10(judgedOnly, judged));
  }

  private static double ndcg10(List<String> ranked, Map<String, Integer> judged) {
    double dcg = 0;
    for (int i = 0; i < Math.min(10, ranked.size()); i++) {
      int gain = judged.getOrDefault(ranked.get(i), 0);
      dcg += gain / log2(i + 2);
    }
    List<Integer> ideal = judged.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(10, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** The mean of each metric over several queries. */
  public static Metrics mean(List<Metrics> all) {
    if (all.isEmpty()) {
      return new Metrics(0, 0, 0, 0, 0, 0);
    }
    double n = all.size();
    return new Metrics(
        all.stream().mapToDouble(Metrics::ndcg10).sum() / n,
        all.stream().mapToDouble(Metrics::mrr10).sum() / n,
        all.stream().mapToDouble(Metrics::recall100).sum() / n,
        all.stream().mapToDouble(Metrics::success10).sum() / n,
        (int) Math.round(all.stream().mapToInt(Metrics::judgedInTop10).sum() / n),
        all.stream().mapToDouble(Metrics::ndcg10Judged).sum() / n);
  }
}
