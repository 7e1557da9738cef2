import dev.policysearch.corpus.schema.IndexLayout;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our indexer run again and again in one JVM, with two or more sets of {@code index} options in
 * turn (A B, then B A, ...), timing each run's wall time and the process's CPU time
 * (docs/BENCHMARKS.md, twenty-second session). Runs in one JVM share its warm JIT, so they measure
 * steady-state indexing, not a command's start; the turns spread the machine's slow spells over
 * every variant.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp indexer/target/policy-search-indexer.jar \
 *     docs/tools/IndexerRunsProbe.java PASSES CORPUS WORK "OPTIONS_A" "OPTIONS_B" ...
 * </pre>
 *
 * Each variant indexes CORPUS into WORK/vN (emptied first) with {@code index --input CORPUS
 * --index WORK/vN --quiet --threads 2} and its options, split at spaces ("" for none, e.g.
 * "--ram-buffer-mb 96"). Prints every run, then each variant's mean with the first pass left out.
 */
public class IndexerRunsProbe {

  public static void main(String[] args) throws Exception {
    int passes = Integer.parseInt(args[0]);
    String corpus = args[1];
    Path work = Path.of(args[2]);
    List<String[]> variants = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      variants.add(args[i].isBlank() ? new String[0] : args[i].trim().split(" +"));
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Method run = Class.forName("dev.policysearch.indexer.cli.IndexerMain").getMethod("run", String[].class);
    Map<Integer, List<double[]>> results = new TreeMap<>();
    for (int pass = 0; pass < passes; pass++) {
      List<Integer> order = new ArrayList<>();
      for (int v = 0; v < variants.size(); v++) {
        order.add(v);
      }
      if (pass % 2 == 1) {
        Collections.reverse(order);
      }
      for (int v : order) {
        Path dir = work.resolve("v" + v);
        if (Files.exists(dir)) {
          IndexLayout.delete(dir);
        }
        List<String> command = new ArrayList<>(List.of("index", "--input", corpus, "--index", dir.toString(), "--quiet", "--threads", "2"));
        command.addAll(Arrays.asList(variants.get(v)));
        System.gc();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Object exit = run.invoke(null, (Object) command.toArray(new String[0]));
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        if (!Integer.valueOf(0).equals(exit)) {
          throw new IllegalStateException("variant " + v + " exited with " + exit);
        }
        results.computeIfAbsent(v, k -> new ArrayList<>()).add(new double[] {wall, cpu});
        System.out.printf("pass %d, variant %d [%s]: wall %.2f s, CPU %.2f s%n", pass + 1, v, String.join(" ", variants.get(v)), wall, cpu);
      }
    }
    for (var e : results.entrySet()) {
      List<double[]> kept = e.getValue().subList(Math.min(1, e.getValue().size() - 1), e.getValue().size());
      System.out.printf(
          "variant %d: mean wall %.2f s, CPU %.2f s (%d runs, the first left out)%n",
          e.getKey(), kept.stream().mapToDouble(x -> x[0]).average().orElse(0), kept.stream().mapToDouble(x -> x[1]).average().orElse(0), kept.size());
    }
  }
}
