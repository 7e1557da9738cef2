package dev.policysearch.server.search;

import dev.policysearch.corpus.PolicyDocument;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP API asks of the engine holding the index: the embedded Lucene index ({@link
 * SearchService}) or an OpenSearch cluster ({@link OpenSearchBackend}). Both answer with the same
 * records, so clients and the page cannot tell them apart.
 */
public interface SearchBackend extends Closeable {

  /** Hits beyond this rank are never returned (page x size); deep paging costs without helping. */
  int MAX_DEPTH = 10_000;

  SearchResult search(SearchRequest request) throws IOException;

  /** The whole release with this id, as indexed. */
  Optional<StoredDocument> document(String id) throws IOException;

  /** Releases like the one with this id; empty when there is no such release. */
  Optional<List<SearchHit>> related(String id, int limit) throws IOException;

  /** Lexicon terms, glossary terms and titles for what was typed so far. */
  List<Suggestion> suggest(String typed, int limit) throws IOException;

  QueryLog queryLog();

  /** How the result cache is doing, where the backend has one and it is on. */
  default Optional<ResultCache.Stats> resultCache() {
    return Optional.empty();
  }

  /** What is being served: the index generation or physical index, its size in releases and bytes. */
  Served served() throws IOException;

  /**
   * @param name the generation folder (gen-000003) or the physical index behind an alias
   * @param sizeBytes size on disk, or -1 where the backend does not say
   */
  record Served(String name, long documents, long sizeBytes) {}

  /** A release and the themes it was assigned at index time. */
  record StoredDocument(PolicyDocument document, List<String> themes) {}
}
