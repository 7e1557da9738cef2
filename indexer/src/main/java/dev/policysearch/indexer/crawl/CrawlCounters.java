package dev.policysearch.indexer.crawl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The outcome counts of a crawl, printed as its final tally. */
public final class CrawlCounters {

  /** Each outcome, in the order the tally lists them. */
  public enum Outcome {
    FETCHED("fetched"),
    NOT_MODIFIED("not-modified"),
    ROBOTS_SKIPPED("robots-skipped"),
    HTTP_ERRORS("http-errors"),
    EMPTY("empty"),
    FAILED("failed"),
    STORED("stored"),
    UNCHANGED("unchanged"),
    DUPLICATES("duplicates"),
    OLDER("older-than-since"),
    REMOVED("removed"),
    PAIRED("paired");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Map<Outcome, AtomicLong> counts = new LinkedHashMap<>();

  public CrawlCounters() {
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, new AtomicLong());
    }
  }

  public void add(Outcome outcome) {
    counts.get(outcome).incrementAndGet();
  }

  public long get(Outcome outcome) {
    return counts.get(outcome).get();
  }

  /** "fetched 12, not-modified 3, ..." */
  public String tally() {
    StringBuilder s = new StringBuilder();
    for (var entry : counts.entrySet()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(entry.getKey().label()).append(' ').append(entry.getValue().get());
    }
    return s.toString();
  }
}
