package dev.policysearch.server.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives one engine ({@link QueryRunner}) through the three query measurements: warm-up, latency
 * per kind with one client, and throughput with N clients in a closed loop. The same driver runs
 * our server and the baseline, so the two can only differ in what the runner does.
 */
final class LoadDriver {
  private final String engine;
  private final QueryRunner runner;
  private final ProgressLog log;
  private final AtomicBoolean failureReported = new AtomicBoolean();

  LoadDriver(String engine, QueryRunner runner, ProgressLog log) {
    this.engine = engine;
    this.runner = runner;
    this.log = log;
  }

  /** Runs the tasks, shuffled, for {@code duration}: the JIT and the caches settle before timing. */
  void warmUp(List<QueryTask> tasks, Duration duration, long seed) {
    if (duration.isZero()) {
      return;
    }
    log.say("%s: warming up for %d s", engine, duration.toSeconds());
    long deadline = System.nanoTime() + duration.toNanos();
    Random random = new Random(seed);
    while (System.nanoTime() < deadline) {
      List<QueryTask> order = shuffled(tasks, random);
      for (int i = 0; i < order.size() && System.nanoTime() < deadline; i++) {
        runOnce(order.get(i));
      }
    }
  }

  /**
   * Latency with one client: every task {@code rounds} times, in a new seeded order each round.
   * The last row, kind "all", pools every kind.
   */
  List<BenchResults.KindLatency> latencyByKind(List<QueryTask> tasks, int rounds, long seed) {
    log.say("%s: latency, 1 client, %d tasks x %d rounds", engine, tasks.size(), rounds);
    Map<String, List<QueryTask>> groups = QueryTasks.byKind(tasks);
    Map<String, Tally> kinds = new LinkedHashMap<>();
    groups.forEach((kind, group) -> kinds.put(kind, new Tally(group.size() * rounds)));
    Tally all = new Tally(tasks.size() * rounds);
    Random random = new Random(seed);
    for (int round = 0; round < rounds; round++) {
      for (QueryTask task : shuffled(tasks, random)) {
        long started = System.nanoTime();
        QueryRunner.Outcome outcome = runOnce(task);
        long nanos = System.nanoTime() - started;
        kinds.get(task.kind()).add(outcome, nanos);
        all.add(outcome, nanos);
      }
    }
    List<BenchResults.KindLatency> out = new ArrayList<>();
    kinds.forEach((kind, tally) -> out.add(tally.result(kind, groups.get(kind).size())));
    out.add(all.result("all", tasks.size()));
    return out;
  }

  /** Queries per second with {@code clients} threads, each sending its next query as soon as one answers. */
  BenchResults.Throughput throughput(List<QueryTask> tasks, int clients, Duration duration, long seed)
      throws InterruptedException {
    log.say("%s: throughput, %d client%s, %d s", engine, clients, clients == 1 ? "" : "s", duration.toSeconds());
    Tally[] tallies = new Tally[clients];
    long[] finished = new long[clients];
    long[] deadline = new long[1];
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      tallies[c] = new Tally(1024);
      // Each client walks its own seeded order, so the clients do not ask the same query at once.
      List<QueryTask> order = shuffled(tasks, new Random(seed + 31L * c));
      threads.add(
          Thread.ofPlatform()
              .name("bench-client-" + c)
              .start(
                  () -> {
                    awaitQuietly(go);
                    for (int i = 0; System.nanoTime() < deadline[0]; i++) {
                      long started = System.nanoTime();
                      QueryRunner.Outcome outcome = runOnce(order.get(i % order.size()));
                      tallies[client].add(outcome, System.nanoTime() - started);
                    }
                    finished[client] = System.nanoTime();
                  }));
    }
    long started = System.nanoTime();
    deadline[0] = started + duration.toNanos();
    go.countDown(); // publishes deadline[0] to the clients
    for (Thread thread : threads) {
      thread.join();
    }
    // The clock stops when the last answer in flight at the deadline has arrived.
    long ended = Arrays.stream(finished).max().orElse(started);
    Tally merged = new Tally(1024);
    for (Tally tally : tallies) {
      merged.addAll(tally);
    }
    double seconds = (ended - started) / 1e9;
    return new BenchResults.Throughput(
        clients, seconds, merged.ok + merged.timedOut, merged.failed, merged.timedOut,
        (merged.ok + merged.timedOut) / seconds, merged.latency());
  }

  private QueryRunner.Outcome runOnce(QueryTask task) {
    try {
      return runner.run(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return QueryRunner.Outcome.FAILED;
    } catch (Exception e) {
      // One line for the first failure: enough to see what is wrong without drowning the log.
      if (failureReported.compareAndSet(false, true)) {
        log.say("%s: first failed query (%s '%s'): %s", engine, task.kind(), task.query(), e);
      }
      return QueryRunner.Outcome.FAILED;
    }
  }

  private static List<QueryTask> shuffled(List<QueryTask> tasks, Random random) {
    List<QueryTask> copy = new ArrayList<>(tasks);
    Collections.shuffle(copy, random);
    return copy;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Latencies and outcomes of one group of queries; failed queries count but are not timed. */
  private static final class Tally {
    private long[] nanos;
    private int size;
    long ok;
    long timedOut;
    long failed;

    Tally(int capacity) {
      nanos = new long[Math.max(16, capacity)];
    }

    void add(QueryRunner.Outcome outcome, long elapsed) {
      switch (outcome) {
        case OK -> ok++;
        case TIMED_OUT -> timedOut++;
        case FAILED -> {
          failed++;
          return;
        }
      }
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      nanos[size++] = elapsed;
    }

    void addAll(Tally other) {
      if (size + other.size > nanos.length) {
        nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, size + other.size));
      }
      System.arraycopy(other.nanos, 0, nanos, size, other.size);
      size += other.size;
      ok += other.ok;
      timedOut += other.timedOut;
      failed += other.failed;
    }

    LatencyStats latency() {
      return LatencyStats.ofNanos(Arrays.copyOf(nanos, size));
    }

    BenchResults.KindLatency result(String kind, int tasks) {
      return new BenchResults.KindLatency(kind, tasks, ok + timedOut + failed, failed, timedOut, latency());
    }
  }
}
