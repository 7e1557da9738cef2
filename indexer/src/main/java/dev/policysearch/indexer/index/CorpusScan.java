package dev.policysearch.indexer.index;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipException;

/**
 * Reads corpus files for an index build, whatever engine receives the releases: each parsed
 * release goes to the sink in file order, each bad line is counted as skipped with its file:line
 * and reason, and a release whose id came earlier is counted as replaced (the later line wins).
 */
final class CorpusScan {
  private CorpusScan() {}

  /** Receives each parsed release and where it was read ({@code file:line}). */
  @FunctionalInterface
  interface Sink {
    void accept(String location, PolicyDocument document) throws IOException, InterruptedException;
  }

  /** The bytes to read, for the progress display. */
  static long totalBytes(List<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      total += java.nio.file.Files.size(file);
    }
    return total;
  }

  static void scan(List<Path> files, IndexCounters counters, IndexProgress progress, Sink sink)
      throws IOException, InterruptedException {
    AtomicLong bytesRead = new AtomicLong();
    Map<String, String> seen = new HashMap<>();
    for (Path file : files) {
      try (JsonLinesReader reader = JsonLinesReader.open(file, bytesRead::addAndGet)) {
        for (CorpusLine line : reader) {
          switch (line) {
            case CorpusLine.Rejected r -> counters.skipped(r.location(), r.reason());
            case CorpusLine.Parsed p -> {
              if (seen.put(p.document().id(), p.location()) != null) {
                counters.replaced();
              }
              sink.accept(p.location(), p.document());
            }
          }
          progress.advance(bytesRead.get(), counters.indexedCount());
        }
      } catch (UncheckedIOException e) {
        // A truncated or corrupt file: keep what was read, report the rest, go on.
        counters.skipped(file.toString(), "unreadable from here on: " + e.getCause().getMessage());
      } catch (ZipException e) {
        counters.skipped(file.toString(), "not a valid gzip file: " + e.getMessage());
      }
    }
    progress.advance(bytesRead.get(), counters.indexedCount());
  }
}
