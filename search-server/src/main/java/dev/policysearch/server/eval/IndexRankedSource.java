package dev.policysearch.server.eval;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.server.search.IndexGenerations;
import dev.policysearch.server.search.SearchHit;
import dev.policysearch.server.search.SearchRequest;
import dev.policysearch.server.search.SearchService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Rankings from an index opened in this process, through the same search code the server runs. */
final class IndexRankedSource implements RankedSource {
  private final IndexGenerations generations;
  private final SearchService search;

  IndexRankedSource(Path index) throws IOException {
    generations = IndexGenerations.open(new IndexLayout(index));
    search = new SearchService(generations, new Analyzers(), ThemeClassifier.bundled());
  }

  @Override
  public List<String> rank(String query, int depth) throws IOException {
    return search.search(SearchRequest.of(query).withPage(1, depth)).hits().stream().map(SearchHit::id).toList();
  }

  @Override
  public void close() throws IOException {
    generations.close();
  }
}
