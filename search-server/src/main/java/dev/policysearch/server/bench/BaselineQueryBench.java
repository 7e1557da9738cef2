package dev.policysearch.server.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Runs tasks against the baseline index in this process: BM25 (Lucene's default similarity), top
 * 10, and the stored titles of those 10 loaded, as a bare result list needs. No HTTP, no JSON, no
 * highlighting, no facets: the floor under what a search can cost on this machine.
 */
final class BaselineQueryBench implements QueryRunner, AutoCloseable {
  private static final int TOP = 10;

  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final BaselineQueries queries = new BaselineQueries(BaselineSchema.analyzer());
  private final Set<String> titles = BaselineSchema.titleFields();

  private BaselineQueryBench(DirectoryReader reader) {
    this.reader = reader;
    // Like our server: one searcher, no executor, each query on the calling thread.
    this.searcher = new IndexSearcher(reader);
  }

  static BaselineQueryBench open(Path index) throws IOException {
    return new BaselineQueryBench(DirectoryReader.open(FSDirectory.open(index)));
  }

  @Override
  public Outcome run(QueryTask task) throws IOException {
    TopDocs top = searcher.search(queries.build(task.query()), TOP);
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc hit : top.scoreDocs) {
      stored.document(hit.doc, titles);
    }
    return Outcome.OK;
  }

  @Override
  public void close() throws IOException {
    var directory = reader.directory();
    reader.close();
    directory.close();
  }
}
