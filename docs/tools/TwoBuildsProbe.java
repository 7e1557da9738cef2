import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Times two builds of the project in one JVM, in turns: each build's jar gets a class loader of
 * its own, and one pass of the work runs on each build in turn (A then B, then B then A), so the
 * machine's slow and quick spells, which move single runs by 10-30 % on these machines, fall on
 * both builds alike (docs/BENCHMARKS.md, twenty-first session).
 *
 * <pre>
 * java docs/tools/TwoBuildsProbe.java search JAR_A JAR_B WARMUP_PASSES PASSES INDEX_ROOT TASKS
 * java docs/tools/TwoBuildsProbe.java words JAR_A JAR_B WARMUP_PASSES PASSES CORPUS_FILE...
 * </pre>
 *
 * {@code search}: every task of a bench task file (search-server/src/main/resources/bench/tasks.tsv),
 * its parameters read as {@code /api/search} reads them, through the server's search path with
 * the result cache off, on the index at INDEX_ROOT; the JARs are each build's
 * search-server/target/policy-search-server.jar. {@code words}: the Chinese word chain over the
 * titles and bodies of the corpus files; the JARs are indexer/target/policy-search-indexer.jar. After the warm-up passes, prints each build's
 * mean (and for searches p50 and p99) over the timed passes, and B's time over A's.
 *
 * <p>The code that does the work is compiled here, against the first jar, and loaded by each
 * build's class loader, so that the builds' classes are called directly, as in the product.
 */
public class TwoBuildsProbe {

  /**
   * One pass of the work, as class ProbeRunner: returns the nanoseconds of each search, or those
   * of the whole pass and its tokens.
   */
  private static final String SEARCH_RUNNER =
      """
      package dev.policysearch.server.http;

      import dev.policysearch.corpus.analysis.Analyzers;
      import dev.policysearch.corpus.schema.IndexLayout;
      import dev.policysearch.corpus.schema.ThemeClassifier;
      import dev.policysearch.server.search.IndexGenerations;
      import dev.policysearch.server.search.QueryLog;
      import dev.policysearch.server.search.SearchRequest;
      import dev.policysearch.server.search.SearchService;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.ArrayDeque;
      import java.util.ArrayList;
      import java.util.Deque;
      import java.util.HashMap;
      import java.util.List;
      import java.util.Map;

      // In the server's HTTP package (and its class loader), to read each task's parameters as
      // /api/search reads them.
      public class ProbeRunner implements java.util.function.Function<Object, long[]> {
        private final SearchService service;
        private final List<SearchRequest> requests = new ArrayList<>();

        public ProbeRunner(List<String> args) throws Exception {
          service = new SearchService(IndexGenerations.open(new IndexLayout(Path.of(args.get(0)))), new Analyzers(),
              ThemeClassifier.bundled(), 5000, new QueryLog(500), SearchService.DEFAULT_EXACT_COUNT_LIMIT, 0);
          for (String line : Files.readAllLines(Path.of(args.get(1)))) {
            if (line.isBlank() || line.startsWith("#")) {
              continue;
            }
            String[] task = line.split("\t", -1);
            Map<String, Deque<String>> params = new HashMap<>();
            params.computeIfAbsent("q", k -> new ArrayDeque<>()).add(task[1]);
            for (String pair : (task.length > 2 ? task[2] : "").split("&")) {
              String[] kv = pair.split("=", 2);
              if (kv.length == 2) {
                params.computeIfAbsent(kv[0], k -> new ArrayDeque<>()).add(kv[1]);
              }
            }
            SearchParams.Outcome read = SearchParams.read(params, Integer.MAX_VALUE);
            if (read.request() == null) {
              throw new IllegalArgumentException("task not understood: " + line + ": " + read.problems());
            }
            requests.add(read.request());
          }
        }

        public long[] apply(Object pass) {
          long[] nanos = new long[requests.size()];
          try {
            for (int i = 0; i < nanos.length; i++) {
              long start = System.nanoTime();
              service.search(requests.get(i));
              nanos[i] = System.nanoTime() - start;
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return nanos;
        }
      }
      """;

  private static final String WORDS_RUNNER =
      """
      import dev.policysearch.corpus.analysis.Analyzers;
      import dev.policysearch.corpus.store.CorpusLine;
      import dev.policysearch.corpus.store.JsonLinesReader;
      import java.nio.file.Path;
      import java.util.ArrayList;
      import java.util.List;
      import org.apache.lucene.analysis.Analyzer;
      import org.apache.lucene.analysis.TokenStream;

      public class ProbeRunner implements java.util.function.Function<Object, long[]> {
        private final Analyzer analyzer = new Analyzers().chineseWords();
        private final List<String> texts = new ArrayList<>();

        public ProbeRunner(List<String> files) throws Exception {
          for (String file : files) {
            try (JsonLinesReader reader = JsonLinesReader.open(Path.of(file))) {
              for (CorpusLine line : reader) {
                if (line instanceof CorpusLine.Parsed parsed) {
                  texts.add(parsed.document().title());
                  texts.add(parsed.document().body());
                }
              }
            }
          }
        }

        public long[] apply(Object pass) {
          long start = System.nanoTime();
          long tokens = 0;
          try {
            for (String text : texts) {
              try (TokenStream ts = analyzer.tokenStream("body_zh", text)) {
                ts.reset();
                while (ts.incrementToken()) {
                  tokens++;
                }
                ts.end();
              }
            }
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return new long[] {System.nanoTime() - start, tokens};
        }
      }
      """;

  public static void main(String[] args) throws Exception {
    if (args.length < 6 || !(args[0].equals("search") || args[0].equals("words"))) {
      System.err.println("usage: TwoBuildsProbe search|words JAR_A JAR_B WARMUP_PASSES PASSES ARGS...");
      System.exit(2);
    }
    boolean search = args[0].equals("search");
    Path[] jars = {Path.of(args[1]), Path.of(args[2])};
    int warmup = Integer.parseInt(args[3]);
    int passes = Integer.parseInt(args[4]);
    List<String> rest = List.of(args).subList(5, args.length);

    Path classes = compile(search ? SEARCH_RUNNER : WORDS_RUNNER, jars[0]);
    List<Function<Object, long[]>> builds = new ArrayList<>();
    for (Path jar : jars) {
      URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      String runnerClass = search ? "dev.policysearch.server.http.ProbeRunner" : "ProbeRunner";
      @SuppressWarnings("unchecked")
      Function<Object, long[]> runner = (Function<Object, long[]>) loader.loadClass(runnerClass).getConstructor(List.class).newInstance(rest);
      builds.add(runner);
    }
    for (int pass = 0; pass < warmup; pass++) {
      builds.forEach(b -> b.apply(null));
    }
    List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>());
    double[] total = new double[2];
    for (int pass = 0; pass < passes; pass++) {
      for (int turn = 0; turn < 2; turn++) {
        int build = pass % 2 == 0 ? turn : 1 - turn;
        long[] result = builds.get(build).apply(null);
        if (search) {
          for (long nanos : result) {
            times.get(build).add(nanos);
            total[build] += nanos;
          }
        } else {
          times.get(build).add(result[0]);
          total[build] += result[0];
          System.out.printf("pass %d, %s: %,d tokens in %.3f s%n", pass + 1, build == 0 ? "A" : "B", result[1], result[0] / 1e9);
        }
      }
    }
    for (int build = 0; build < 2; build++) {
      List<Long> sorted = times.get(build);
      Collections.sort(sorted);
      double mean = total[build] / sorted.size() / 1e6;
      if (search) {
        System.out.printf(
            "%s (%s): %,d searches, mean %.3f ms, p50 %.3f ms, p99 %.3f ms%n",
            build == 0 ? "A" : "B", jars[build], sorted.size(), mean, at(sorted, 0.5), at(sorted, 0.99));
      } else {
        System.out.printf("%s (%s): %d passes, mean %.1f ms a pass%n", build == 0 ? "A" : "B", jars[build], sorted.size(), mean);
      }
    }
    System.out.printf("B / A, mean: %.3f%n", total[1] / total[0]);
    System.exit(0); // the search services' threads
  }

  /** Compiles {@code source} (class ProbeRunner) against {@code jar} into a scratch folder. */
  private static Path compile(String source, Path jar) throws IOException {
    Path dir = Files.createTempDirectory("two-builds-probe");
    Path file = dir.resolve("ProbeRunner.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-proc:none", "-cp", jar.toString(), "-d", dir.toString(), file.toString());
    if (status != 0) {
      throw new IllegalStateException("could not compile the probe's runner against " + jar);
    }
    return dir;
  }

  private static double at(List<Long> sorted, double quantile) {
    return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile))) / 1e6;
  }
}
