package dev.policysearch.server.bench;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The baseline indexer, run by the benchmark as a child JVM exactly like our indexer is, so that
 * wall time (JVM start included) and peak memory are measured the same way for both.
 *
 * <p>Plain Lucene: one {@link IndexWriter} with the default configuration except the RAM buffer,
 * documents from {@link BaselineSchema}, parsing on the calling thread and analysis on a fixed pool
 * of {@code --threads} workers (our indexer's default is the number of cores, and so is this one's).
 * Like ours it replaces by id, so a repeated id costs both the same.
 */
@Command(
    name = "baseline-index",
    mixinStandardHelpOptions = true,
    description = "Benchmark baseline: indexes corpus files with stock Lucene analyzers into DIR (a plain index, no generations).")
public final class BaselineIndexer implements Callable<Integer> {

  /** Parsed documents allowed to wait for a worker, per worker: enough to keep them busy. */
  private static final int BACKLOG_PER_THREAD = 64;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder (overwritten).")
  Path index;

  @Option(names = "--threads", paramLabel = "N", description = "Analysis threads (default: the number of cores, ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--ram-buffer-mb", paramLabel = "MB", description = "IndexWriter RAM buffer (default ${DEFAULT-VALUE}).")
  double ramBufferMb = 256;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Corpus files (.jsonl, .jsonl.gz).")
  List<Path> files;

  @Override
  public Integer call() throws IOException, InterruptedException {
    long started = System.nanoTime();
    IndexWriterConfig config = new IndexWriterConfig(BaselineSchema.analyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setRAMBufferSizeMB(ramBufferMb);
    AtomicLong indexed = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Semaphore backlog = new Semaphore(threads * BACKLOG_PER_THREAD);
    try (Directory dir = FSDirectory.open(index);
        IndexWriter writer = new IndexWriter(dir, config)) {
      try {
        for (Path file : files) {
          try (JsonLinesReader reader = JsonLinesReader.open(file)) {
            for (CorpusLine line : reader) {
              if (failure.get() != null) {
                throw new IOException("baseline indexing failed: " + failure.get().getMessage(), failure.get());
              }
              if (line instanceof CorpusLine.Parsed parsed) {
                backlog.acquire();
                pool.execute(() -> add(writer, parsed.document(), indexed, failure, backlog));
              }
            }
          }
        }
      } finally {
        pool.shutdown();
        pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
      }
      if (failure.get() != null) {
        throw new IOException("baseline indexing failed: " + failure.get().getMessage(), failure.get());
      }
      writer.commit();
    }
    System.out.printf("Indexed %,d documents in %.1f s -> %s%n", indexed.get(), (System.nanoTime() - started) / 1e9, index);
    return 0;
  }

  private static void add(
      IndexWriter writer, PolicyDocument d, AtomicLong indexed, AtomicReference<Throwable> failure, Semaphore backlog) {
    try {
      writer.updateDocument(new Term(BaselineSchema.ID, d.id()), BaselineSchema.document(d));
      indexed.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      backlog.release();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BaselineIndexer()).execute(args));
  }
}
