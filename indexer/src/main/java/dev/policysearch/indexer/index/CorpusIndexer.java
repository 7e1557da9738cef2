package dev.policysearch.indexer.index;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.DocumentMapper;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.PolicyCodec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a complete index generation from corpus files and publishes it. Parsing runs on the
 * calling thread; analysis (the expensive part) runs on {@code threads} workers sharing one queue.
 * When an id occurs twice the later line always wins: it is not handed out while the earlier one
 * is still being written.
 */
public final class CorpusIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);

  private static final int QUEUE_CAPACITY = 256;

  /** A parsed document and where it came from, on its way to a worker. */
  private record Pending(String location, PolicyDocument document) {}

  private static final Pending END = new Pending("", null);

  private final Analyzers analyzers;
  private final DocumentMapper mapper;
  private final int threads;
  private final double ramBufferMb;

  public CorpusIndexer(Analyzers analyzers, DocumentMapper mapper, int threads, double ramBufferMb) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.analyzers = analyzers;
    this.mapper = mapper;
    this.threads = threads;
    this.ramBufferMb = ramBufferMb;
  }

  /** The outcome of a run: counters, and the generation published (empty when none was). */
  public record Result(IndexCounters counters, Optional<Path> generation, long millis) {}

  /**
   * Indexes every document of {@code files} into a new generation of {@code layout} and publishes
   * it. When no document could be indexed nothing is published and the previous index stays.
   */
  public Result run(List<Path> files, IndexLayout layout, IndexProgress progress)
      throws IOException, InterruptedException {
    return run(files, List.of(), false, layout, progress);
  }

  /**
   * Like {@link #run(List, IndexLayout, IndexProgress)}, but with {@code update} the new
   * generation starts as a copy of the current one (hard links: Lucene never rewrites a file),
   * the input documents are added or replace those with the same id, and {@code deleteIds} are
   * removed. The current generation is untouched until the new one is published.
   */
  public Result run(List<Path> files, List<String> deleteIds, boolean update, IndexLayout layout, IndexProgress progress)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    IndexCounters counters = new IndexCounters();
    long totalBytes = CorpusScan.totalBytes(files);
    Optional<Path> base = update ? layout.current() : Optional.empty();
    if (update && base.isEmpty()) {
      throw new IOException("there is no index in " + layout.root() + " to update: run a full index first (without --update)");
    }
    Path generation = layout.newGeneration();
    LOG.debug("writing generation {}", generation);
    if (base.isPresent()) {
      linkFiles(base.get(), generation);
    }
    boolean published = false;
    try (Directory dir = FSDirectory.open(generation);
        IndexWriter writer = new IndexWriter(dir, config(update))) {
      progress.start(totalBytes);
      for (String id : deleteIds) {
        writer.deleteDocuments(new Term(Fields.ID, id));
        counters.deleted();
      }
      write(files, writer, counters, progress);
      progress.finish();
      if (counters.indexedCount() == 0 && counters.deletedCount() == 0) {
        writer.rollback();
      } else {
        writer.setLiveCommitData(
            Map.of(IndexLayout.SCHEMA_KEY, Integer.toString(IndexLayout.SCHEMA_VERSION)).entrySet());
        writer.commit();
        published = true;
      }
    } finally {
      if (!published) {
        deleteQuietly(generation);
      }
    }
    if (!published) {
      return new Result(counters, Optional.empty(), millisSince(started));
    }
    Optional<Path> previous = layout.current();
    layout.publish(generation);
    layout.removeOldGenerations(previous);
    return new Result(counters, Optional.of(generation), millisSince(started));
  }

  /** Hard-links every index file of {@code from} into {@code to}; copies where links fail. */
  private static void linkFiles(Path from, Path to) throws IOException {
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.equals(IndexWriter.WRITE_LOCK_NAME) || !Files.isRegularFile(file)) {
          continue;
        }
        try {
          Files.createLink(to.resolve(name), file);
        } catch (UnsupportedOperationException | IOException e) {
          Files.copy(file, to.resolve(name));
        }
      }
    }
  }

  /**
   * The RAM buffer an indexer uses unless told otherwise: 512 MB, or 40 % of the JVM's largest
   * heap when that is less (at least 32 MB). On the shared corpus (about 300 MB of buffered
   * postings) nothing is written before the input ends and the index is one segment per thread:
   * searches on it took 15 % less time than on the seven segments a 256 MB buffer left, and
   * indexing took about as long (docs/BENCHMARKS.md, thirteenth session). 1 GB did the same here
   * and let the JVM's heap grow further on a million releases.
   */
  public static int defaultRamBufferMb() {
    long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return (int) Math.max(32, Math.min(512, heapMb * 2 / 5));
  }

  private IndexWriterConfig config(boolean append) {
    IndexWriterConfig config = new IndexWriterConfig(analyzers.perField());
    config.setOpenMode(append ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE);
    config.setRAMBufferSizeMB(ramBufferMb);
    config.setCommitOnClose(false);
    // Each flushed segment stays as its own files instead of being copied once more into a
    // compound file: indexing the shared corpus took about 5 % less time (docs/BENCHMARKS.md),
    // and searches were no slower. An index has some dozens of files more; merges still pack
    // small merged segments.
    config.setUseCompoundFile(false);
    // Lucene's codec with the stored text kept uncompressed, so a hit's text is read in one copy.
    config.setCodec(new PolicyCodec());
    return config;
  }

  private void write(List<Path> files, IndexWriter writer, IndexCounters counters, IndexProgress progress)
      throws IOException, InterruptedException {
    BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY * threads);
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    List<Thread> workers = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < threads; i++) {
      Thread worker =
          Thread.ofPlatform()
              .name("index-worker-" + i)
              .start(() -> drain(queue, inFlight, writer, counters, failure));
      workers.add(worker);
    }
    try {
      CorpusScan.scan(
          files,
          counters,
          progress,
          (location, document) -> {
            // An id seen again while its earlier line is still being written waits for it, so
            // the later line always lands last (and wins); ids are rarely repeated.
            while (!inFlight.add(document.id())) {
              checkFailure(failure);
              Thread.sleep(1);
            }
            checkFailure(failure);
            queue.put(new Pending(location, document));
          });
    } finally {
      for (int i = 0; i < threads; i++) {
        queue.put(END);
      }
      for (Thread worker : workers) {
        worker.join();
      }
    }
    checkFailure(failure);
  }

  private static void checkFailure(AtomicReference<Throwable> failure) throws IOException {
    if (failure.get() != null) {
      throw new IOException("indexing failed: " + failure.get().getMessage(), failure.get());
    }
  }

  /**
   * One worker: takes the next document from the queue all workers share (so none waits while
   * another has a backlog of long laws) until the end marker. After a failure it keeps taking
   * documents without writing them, so the reader never blocks.
   */
  private void drain(
      BlockingQueue<Pending> queue,
      Set<String> inFlight,
      IndexWriter writer,
      IndexCounters counters,
      AtomicReference<Throwable> failure) {
    try {
      while (true) {
        Pending pending = queue.take();
        if (pending == END) {
          // Write out the in-memory segments now, on every worker as it runs out of input,
          // instead of leaving them to the commit, which writes them one after another on one
          // thread (seconds at the end of a large run). The input is all taken by then: the
          // other workers finish the document in hand in the segment they hold, and start none.
          // Two workers asking at once may pick the same segment, and the one told "none" would
          // stop while the other wrote both in turn (10 s instead of 7 at the end of an index of
          // the shared corpus): it asks again, once per worker, and gets the next.
          for (int misses = 0; failure.get() == null && misses < threads; ) {
            misses = writer.flushNextBuffer() ? 0 : misses + 1;
          }
          return;
        }
        String id = pending.document().id();
        try {
          if (failure.get() == null) {
            writer.updateDocument(new Term(Fields.ID, id), mapper.toDocument(pending.document()));
            counters.indexed();
          }
        } catch (IllegalArgumentException e) {
          // A document Lucene refuses (e.g. a term over 32 KB): skip it, keep the rest.
          counters.skipped(pending.location(), "id " + id + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
          failure.compareAndSet(null, e);
        } finally {
          inFlight.remove(id);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, new InterruptedIOException("interrupted"));
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private static void deleteQuietly(Path generation) {
    try {
      IndexLayout.delete(generation);
    } catch (IOException e) {
      LOG.warn("could not remove unfinished generation {}: {}", generation, e.getMessage());
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
