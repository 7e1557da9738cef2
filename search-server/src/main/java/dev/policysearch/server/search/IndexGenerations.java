package dev.policysearch.server.search;

import dev.policysearch.corpus.schema.IndexLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out searchers over the current index generation and moves to a new generation when the
 * indexer publishes one. A request holds its searcher from {@link #acquire()} to {@link
 * #release}, so it sees one complete generation from start to end; the old generation is closed
 * when its last request releases it.
 */
public final class IndexGenerations extends ReferenceManager<IndexSearcher> {
  private static final Logger LOG = LoggerFactory.getLogger(IndexGenerations.class);

  private final IndexLayout layout;
  private volatile Path generation;

  /** Work done on each generation before it serves, such as reading data kept per reader. */
  @FunctionalInterface
  public interface Warmer {
    void warm(IndexSearcher searcher) throws IOException;
  }

  private final List<Warmer> warmers = new CopyOnWriteArrayList<>();

  private IndexGenerations(IndexLayout layout, Path generation, IndexSearcher first) {
    this.layout = layout;
    this.generation = generation;
    this.current = first;
  }

  /** Opens the current generation of {@code layout}; fails with advice when there is none. */
  public static IndexGenerations open(IndexLayout layout) throws IOException {
    Path generation =
        layout
            .current()
            .orElseThrow(
                () ->
                    new IOException(
                        "no index in "
                            + layout.root()
                            + ": build one with ./policy-search index --input FILE_OR_DIR --index "
                            + layout.root()));
    return new IndexGenerations(layout, generation, openSearcher(generation));
  }

  /**
   * Runs {@code warmer} on the generation served now, and on every later one before it serves,
   * so that no user's search waits for it.
   */
  public void addWarmer(Warmer warmer) throws IOException {
    warmers.add(warmer);
    IndexSearcher searcher = acquire();
    try {
      warmer.warm(searcher);
    } finally {
      release(searcher);
    }
  }

  /** The generation folder being served. */
  public Path generation() {
    return generation;
  }

  private static IndexSearcher openSearcher(Path generation) throws IOException {
    FSDirectory dir = FSDirectory.open(generation);
    DirectoryReader reader;
    try {
      reader = DirectoryReader.open(dir);
    } catch (IOException e) {
      dir.close();
      throw e;
    }
    Map<String, String> userData = reader.getIndexCommit().getUserData();
    String schema = userData.get(IndexLayout.SCHEMA_KEY);
    if (!Integer.toString(IndexLayout.SCHEMA_VERSION).equals(schema)) {
      reader.close();
      dir.close();
      throw new IOException(
          "the index in "
              + generation
              + " was built by another version (schema "
              + schema
              + ", expected "
              + IndexLayout.SCHEMA_VERSION
              + "): re-index with ./policy-search index");
    }
    // Close the directory together with the reader: one generation, one lifetime.
    reader.getReaderCacheHelper().addClosedListener(key -> dir.close());
    return new IndexSearcher(reader);
  }

  @Override
  protected void decRef(IndexSearcher reference) throws IOException {
    reference.getIndexReader().decRef();
  }

  @Override
  protected IndexSearcher refreshIfNeeded(IndexSearcher referenceToRefresh) throws IOException {
    Optional<Path> published = layout.current();
    if (published.isEmpty() || published.get().equals(generation)) {
      return null;
    }
    IndexSearcher next = openSearcher(published.get());
    try {
      warm(next);
      for (Warmer warmer : warmers) {
        warmer.warm(next);
      }
    } catch (IOException | RuntimeException e) {
      next.getIndexReader().close(); // the generation in service stays; a later refresh tries again
      throw e;
    }
    LOG.info("switched to index generation {} ({} documents)", published.get().getFileName(), next.getIndexReader().numDocs());
    generation = published.get();
    return next;
  }

  /** Touches the terms and stored fields once so the first user request is not the slow one. */
  private static void warm(IndexSearcher searcher) throws IOException {
    searcher.count(new org.apache.lucene.search.MatchAllDocsQuery());
  }

  @Override
  protected boolean tryIncRef(IndexSearcher reference) {
    return reference.getIndexReader().tryIncRef();
  }

  @Override
  protected int getRefCount(IndexSearcher reference) {
    return reference.getIndexReader().getRefCount();
  }

  /** Documents in the generation being served. */
  public int documents() throws IOException {
    IndexSearcher searcher = acquire();
    try {
      IndexReader reader = searcher.getIndexReader();
      return reader.numDocs();
    } finally {
      release(searcher);
    }
  }
}
