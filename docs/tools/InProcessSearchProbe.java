import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.server.search.IndexGenerations;
import dev.policysearch.server.search.QueryLog;
import dev.policysearch.server.search.SearchRequest;
import dev.policysearch.server.search.SearchResult;
import dev.policysearch.server.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the server's search path without HTTP, for comparing two builds of the server on one
 * index (docs/BENCHMARKS.md, sixth session). Runs the tasks of a bench task file against {@code
 * SearchService} with the result cache off: a warm-up, then each task in turn for the measured
 * time on one thread; prints p50/p95/p99/mean per kind. With a fifth argument N, then N threads
 * for the measured time, and the searches per second.
 *
 * <pre>
 * java -Xmx1g -cp search-server/target/policy-search-server.jar docs/tools/InProcessSearchProbe.java \
 *     INDEX_ROOT search-server/src/main/resources/bench/tasks.tsv WARMUP_S MEASURE_S [THREADS]
 * </pre>
 *
 * With INDEX_ROOT,INDEX_ROOT2,... (the same server on several indexes, such as one built by each of
 * two indexers), one pass over the tasks on each index in turn for the measured time on each, and
 * the figures of each index apart: a slow spell of the machine falls on all of them alike
 * (docs/BENCHMARKS.md, twentieth session).
 *
 * <p>With {@code per-task ROUNDS} in place of the times: two untimed passes over the tasks, then
 * ROUNDS timed ones, and one line per task, slowest first: its median and slowest time (ms), kind,
 * total, whether the counts were estimated, and the query (docs/BENCHMARKS.md, seventeenth session).
 *
 * Task parameters understood: lang, type, from, to, sort (those of the bundled task file).
 */
public class InProcessSearchProbe {

  public static void main(String[] args) throws Exception {
    String[] roots = args[0].split(",");
    List<SearchService> services = new ArrayList<>();
    for (String root : roots) {
      IndexGenerations generations = IndexGenerations.open(new IndexLayout(Path.of(root)));
      services.add(
          new SearchService(generations, new Analyzers(), ThemeClassifier.bundled(), 5000, new QueryLog(500), SearchService.DEFAULT_EXACT_COUNT_LIMIT, 0));
    }
    SearchService service = services.get(0);
    List<String> kinds = new ArrayList<>();
    List<SearchRequest> requests = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] task = line.split("\t", -1);
      kinds.add(task[0]);
      requests.add(request(task[1], task.length > 2 ? task[2] : ""));
    }
    if (args[2].equals("per-task")) {
      perTask(service, kinds, requests, Integer.parseInt(args[3]));
      System.exit(0);
    }
    double warmup = Double.parseDouble(args[2]);
    double measured = Double.parseDouble(args[3]);
    long end = System.nanoTime() + (long) (warmup * 1e9);
    while (System.nanoTime() < end) {
      for (SearchService each : services) {
        for (SearchRequest r : requests) {
          each.search(r);
        }
      }
    }
    // With several indexes, one pass over the tasks on each in turn: a slow spell of the machine
    // falls on all of them alike.
    List<Map<String, List<Long>>> byKindOf = new ArrayList<>();
    for (int k = 0; k < services.size(); k++) {
      byKindOf.add(new LinkedHashMap<>());
    }
    end = System.nanoTime() + (long) (measured * 1e9 * services.size());
    while (System.nanoTime() < end) {
      for (int k = 0; k < services.size(); k++) {
        Map<String, List<Long>> byKind = byKindOf.get(k);
        for (int i = 0; i < requests.size(); i++) {
          long start = System.nanoTime();
          services.get(k).search(requests.get(i));
          byKind.computeIfAbsent(kinds.get(i), kind -> new ArrayList<>()).add(System.nanoTime() - start);
        }
      }
    }
    for (int k = 0; k < services.size(); k++) {
      if (services.size() > 1) {
        System.out.println("== " + roots[k]);
      }
      List<Long> all = new ArrayList<>();
      for (Map.Entry<String, List<Long>> kind : byKindOf.get(k).entrySet()) {
        all.addAll(kind.getValue());
        System.out.println(summary(kind.getKey(), kind.getValue()));
      }
      System.out.println(summary("all", all));
    }
    if (args.length > 4) {
      int threads = Integer.parseInt(args[4]);
      java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
      long stop = System.nanoTime() + (long) (measured * 1e9);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t * 37; // the threads start at different tasks
        Thread worker =
            new Thread(
                () -> {
                  try {
                    for (int i = first; System.nanoTime() < stop; i++) {
                      service.search(requests.get(i % requests.size()));
                      done.incrementAndGet();
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) {
        worker.join();
      }
      System.out.printf("searches/s with %d threads: %.0f%n", threads, done.get() / measured);
    }
    System.exit(0);
  }

  private static void perTask(SearchService service, List<String> kinds, List<SearchRequest> requests, int rounds) throws Exception {
    for (int pass = 0; pass < 2; pass++) {
      for (SearchRequest r : requests) {
        service.search(r);
      }
    }
    long[][] nanos = new long[requests.size()][rounds];
    SearchResult[] last = new SearchResult[requests.size()];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < requests.size(); i++) {
        long start = System.nanoTime();
        last[i] = service.search(requests.get(i));
        nanos[i][round] = System.nanoTime() - start;
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      java.util.Arrays.sort(nanos[i]);
      order.add(i);
    }
    order.sort((a, b) -> Long.compare(nanos[b][rounds / 2], nanos[a][rounds / 2]));
    for (int i : order) {
      SearchRequest r = requests.get(i);
      System.out.printf(
          "%8.2f %8.2f %-10s %9d %-9s %s%n",
          nanos[i][rounds / 2] / 1e6, nanos[i][rounds - 1] / 1e6, kinds.get(i), last[i].total(), last[i].countsEstimated() ? "estimated" : "exact", r.q());
    }
  }

  private static SearchRequest request(String q, String extra) {
    List<String> langs = new ArrayList<>();
    List<String> types = new ArrayList<>();
    LocalDate from = null;
    LocalDate to = null;
    SearchRequest.Sort sort = SearchRequest.Sort.RELEVANCE;
    for (String pair : extra.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      switch (kv[0]) {
        case "lang" -> langs.add(kv[1]);
        case "type" -> types.add(kv[1]);
        case "from" -> from = LocalDate.parse(kv[1]);
        case "to" -> to = LocalDate.parse(kv[1]);
        case "sort" -> sort = SearchRequest.Sort.valueOf(kv[1].toUpperCase(java.util.Locale.ROOT));
        default -> throw new IllegalArgumentException("task parameter not understood: " + pair);
      }
    }
    return new SearchRequest(q, 1, 10, langs, types, List.of(), List.of(), List.of(), from, to, sort, false);
  }

  private static String summary(String kind, List<Long> nanos) {
    Collections.sort(nanos);
    double mean = nanos.stream().mapToLong(Long::longValue).average().orElse(0);
    return String.format(
        "%-10s n=%5d p50=%.2f p95=%.2f p99=%.2f mean=%.2f ms",
        kind, nanos.size(), at(nanos, 0.50), at(nanos, 0.95), at(nanos, 0.99), mean / 1e6);
  }

  private static double at(List<Long> sorted, double quantile) {
    return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile))) / 1e6;
  }
}
