package dev.policysearch.server.search;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What people search for: how often each query was asked, which found nothing, which were slow.
 * Kept in memory (bounded) for staff to read through the admin stats.
 */
public final class QueryLog {

  /** Distinct queries remembered; past this, new ones are no longer counted (old ones still are). */
  static final int MAX_DISTINCT = 10_000;

  static final int MAX_SLOW = 50;

  public record Count(String query, long count) {}

  public record Slow(String query, long millis, String at) {}

  public record Stats(long searches, List<Count> top, List<Count> zeroHits, List<Slow> slow) {}

  private final long slowMillis;
  private final LongAdder searches = new LongAdder();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> zeroHits = new ConcurrentHashMap<>();
  private final Deque<Slow> slow = new ArrayDeque<>();

  public QueryLog(long slowMillis) {
    this.slowMillis = slowMillis;
  }

  public void record(String query, long total, long millis) {
    searches.increment();
    String key = query.strip();
    count(counts, key);
    if (total == 0) {
      count(zeroHits, key);
    }
    if (millis >= slowMillis) {
      synchronized (slow) {
        slow.addFirst(new Slow(key, millis, Instant.now().toString()));
        while (slow.size() > MAX_SLOW) {
          slow.removeLast();
        }
      }
    }
  }

  private static void count(Map<String, LongAdder> map, String key) {
    LongAdder adder = map.get(key);
    if (adder == null && map.size() < MAX_DISTINCT) {
      adder = map.computeIfAbsent(key, k -> new LongAdder());
    }
    if (adder != null) {
      adder.increment();
    }
  }

  public Stats stats(int limit) {
    List<Slow> slowest;
    synchronized (slow) {
      slowest = List.copyOf(slow);
    }
    return new Stats(searches.sum(), top(counts, limit), top(zeroHits, limit), slowest.stream().limit(limit).toList());
  }

  private static List<Count> top(Map<String, LongAdder> map, int limit) {
    return map.entrySet().stream()
        .map(e -> new Count(e.getKey(), e.getValue().sum()))
        .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::query))
        .limit(limit)
        .toList();
  }
}
