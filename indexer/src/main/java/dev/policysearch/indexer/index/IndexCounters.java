package dev.policysearch.indexer.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What an indexing run did: documents indexed and replaced, and every line skipped, with why. */
public final class IndexCounters {

  /** A line that was not indexed: where it is and why. */
  public record Skip(String location, String reason) {
    @Override
    public String toString() {
      return location + ": " + reason;
    }
  }

  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong replaced = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private final List<Skip> skipped = Collections.synchronizedList(new ArrayList<>());

  void indexed() {
    indexed.incrementAndGet();
  }

  void deleted() {
    deleted.incrementAndGet();
  }

  /** Ids asked to be deleted (whether or not the index had them). */
  public long deletedCount() {
    return deleted.get();
  }

  void replaced() {
    replaced.incrementAndGet();
  }

  void skipped(String location, String reason) {
    skipped.add(new Skip(location, reason));
  }

  public long indexedCount() {
    return indexed.get();
  }

  /** Documents whose id appeared again later in the input; the later line won. */
  public long replacedCount() {
    return replaced.get();
  }

  public List<Skip> skipped() {
    synchronized (skipped) {
      return List.copyOf(skipped);
    }
  }
}
