import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.query.LanguageScope;
import dev.policysearch.corpus.query.MatchingForm;
import dev.policysearch.corpus.query.PolicyQueryBuilder;
import dev.policysearch.corpus.query.RankingOnlyQuery;
import dev.policysearch.corpus.query.UserQueryParser;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.IndexLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.MMapDirectory;

/**
 * Two ways of running one step of a search whose counts are estimated, timed in turn in one JVM
 * over the queries of a task file, with a check that both give the same answers
 * (docs/BENCHMARKS.md, seventeenth session):
 *
 * <ul>
 *   <li>{@code pick}: the other language's best match (top 1 among English releases) with the
 *       whole query, and with the query scoped to English ({@link LanguageScope});
 *   <li>{@code skip}: the ranking (top 20, best first) skipping after 1,000 matches scored in full,
 *       and after the first 20;
 *   <li>{@code sample}: the count of matches in the sample the server takes of a large index (one
 *       window of documents in 16, as {@code MatchCounter}), with the whole query and with its
 *       {@link MatchingForm}.
 * </ul>
 *
 * <pre>
 * java -Xmx1g -cp search-server/target/policy-search-server.jar docs/tools/EstimatedRankingProbe.java \
 *     INDEX_ROOT TASKS pick|skip|sample ROUNDS
 * </pre>
 *
 * Two search threads, as the server has on 2 cores; the first round is not counted.
 */
public class EstimatedRankingProbe {

  public static void main(String[] args) throws Exception {
    IndexLayout layout = new IndexLayout(Path.of(args[0]));
    boolean pick = args[2].equals("pick");
    int rounds = Integer.parseInt(args[3]);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    PolicyQueryBuilder builder = new PolicyQueryBuilder(new Analyzers(), PolicyLexicon.bundled(), Glossary.bundled());
    Query english = new TermQuery(new Term(Fields.LANG, Language.EN.code()));
    List<Query[]> variants = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String text = line.split("\t")[1];
      Query ranked = RankingOnlyQuery.without(builder.build(new UserQueryParser().parse(text), text));
      if (args[2].equals("sample")) {
        Query whole = new BooleanQuery.Builder().add(builder.build(new UserQueryParser().parse(text), text), BooleanClause.Occur.MUST).build();
        variants.add(new Query[] {whole, MatchingForm.of(whole)});
      } else if (pick) {
        variants.add(new Query[] {among(ranked, english), among(LanguageScope.of(ranked, Language.EN), english)});
      } else {
        variants.add(new Query[] {ranked, ranked});
      }
    }
    if (args[2].equals("sample")) {
      try (DirectoryReader reader = DirectoryReader.open(MMapDirectory.open(layout.current().orElseThrow()))) {
        sample(reader, variants, rounds);
      }
      threads.shutdown();
      return;
    }
    Sort byScore = new Sort(SortField.FIELD_SCORE);
    int size = pick ? 1 : 20;
    int[] thresholds = pick ? new int[] {1, 1} : new int[] {1_000, 20};
    try (DirectoryReader reader = DirectoryReader.open(MMapDirectory.open(layout.current().orElseThrow()))) {
      long[] nanos = new long[2];
      for (int round = 0; round < rounds; round++) {
        for (int v = 0; v < 2; v++) {
          long start = System.nanoTime();
          for (Query[] q : variants) {
            new IndexSearcher(reader, threads).search(q[v], new TopFieldCollectorManager(byScore, size, null, thresholds[v]));
          }
          if (round > 0) {
            nanos[v] += System.nanoTime() - start;
          }
        }
      }
      int differing = 0;
      for (Query[] q : variants) {
        TopDocs a = new IndexSearcher(reader, threads).search(q[0], new TopFieldCollectorManager(byScore, size, null, thresholds[0]));
        TopDocs b = new IndexSearcher(reader, threads).search(q[1], new TopFieldCollectorManager(byScore, size, null, thresholds[1]));
        if (!same(a.scoreDocs, b.scoreDocs)) {
          differing++;
        }
      }
      double per = 1e6 * Math.max(1, rounds - 1) * variants.size();
      System.out.printf(
          "%s, ms per query: %s %.2f, %s %.2f; answers differing: %d of %d%n",
          args[2], pick ? "whole query" : "skip after 1,000", nanos[0] / per, pick ? "scoped" : "skip after 20", nanos[1] / per, differing, variants.size());
    }
    threads.shutdown();
  }

  private static void sample(DirectoryReader reader, List<Query[]> variants, int rounds) throws Exception {
    long[] nanos = new long[2];
    long[][] counts = new long[2][variants.size()];
    for (int round = 0; round < rounds; round++) {
      for (int v = 0; v < 2; v++) {
        long start = System.nanoTime();
        for (int q = 0; q < variants.size(); q++) {
          counts[v][q] = sampleCount(reader, variants.get(q)[v]);
        }
        if (round > 0) {
          nanos[v] += System.nanoTime() - start;
        }
      }
    }
    double per = 1e6 * Math.max(1, rounds - 1) * variants.size();
    System.out.printf(
        "sample, ms per query: whole query %.2f, matching form %.2f; counts equal: %s%n",
        nanos[0] / per, nanos[1] / per, Arrays.equals(counts[0], counts[1]));
  }

  /** Matches in one window of 16, windows as the server's sample makes them. */
  private static long sampleCount(DirectoryReader reader, Query query) throws Exception {
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    int window = (int) Math.clamp(reader.maxDoc() / (16 * 32L), 64, 4_096);
    long[] count = new long[1];
    LeafCollector counter =
        new LeafCollector() {
          @Override
          public void setScorer(Scorable scorer) {}

          @Override
          public void collect(int doc) {
            count[0]++;
          }
        };
    for (LeafReaderContext leaf : reader.leaves()) {
      ScorerSupplier supplier = weight.scorerSupplier(leaf);
      if (supplier == null) {
        continue;
      }
      BulkScorer scorer = supplier.bulkScorer();
      int max = leaf.reader().maxDoc();
      for (long w = leaf.docBase / window; w <= (leaf.docBase + (long) max - 1) / window; w++) {
        if (w % 16 == 8) {
          int from = (int) Math.max(0, w * window - leaf.docBase);
          int to = (int) Math.min(max, (w + 1) * window - leaf.docBase);
          scorer.score(counter, leaf.reader().getLiveDocs(), from, to);
        }
      }
    }
    return count[0];
  }

  private static Query among(Query query, Query filter) {
    return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
  }

  private static boolean same(ScoreDoc[] a, ScoreDoc[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i].doc != b[i].doc || !((FieldDoc) a[i]).fields[0].equals(((FieldDoc) b[i]).fields[0])) {
        return false;
      }
    }
    return true;
  }
}
