package dev.policysearch.server.search;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.schema.DocumentMapper;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.server.query.UserQuery;
import dev.policysearch.server.query.UserQueryParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;

/** Runs searches and document look-ups against the index generation being served. */
public final class SearchService {

  /** Hits beyond this rank are never returned (page x size); deep paging costs without helping. */
  public static final int MAX_DEPTH = 10_000;

  private final IndexGenerations generations;
  private final UserQueryParser parser = new UserQueryParser();
  private final PolicyQueryBuilder queries;
  private final HitHighlighter highlighter;
  private final FacetCounter facets;

  public SearchService(IndexGenerations generations, Analyzers analyzers, ThemeClassifier themes) {
    this.generations = generations;
    this.queries = new PolicyQueryBuilder(analyzers, PolicyLexicon.bundled(), Glossary.bundled());
    this.highlighter = new HitHighlighter(analyzers.perField());
    this.facets = new FacetCounter(themes);
  }

  public IndexGenerations generations() {
    return generations;
  }

  public SearchResult search(SearchRequest request) throws IOException {
    long started = System.nanoTime();
    UserQuery parsed = parser.parse(request.q());
    if (parsed.isEmpty()) {
      // Nothing searchable (only punctuation or control characters): no hits, not every document.
      return new SearchResult(0, List.of(), facets.empty(), (System.nanoTime() - started) / 1_000_000);
    }
    Query ranked = queries.build(parsed, request.q());
    BooleanQuery.Builder filtered = new BooleanQuery.Builder().add(ranked, BooleanClause.Occur.MUST);
    PolicyQueryBuilder.filters(request).forEach(f -> filtered.add(f, BooleanClause.Occur.FILTER));
    Query query = filtered.build();

    int depth = Math.min(request.page() * request.size(), MAX_DEPTH);
    IndexSearcher searcher = generations.acquire();
    try {
      FacetsCollectorManager.FacetsResult result =
          request.sort() == SearchRequest.Sort.DATE
              ? FacetsCollectorManager.search(searcher, query, depth, byDate(), true, new FacetsCollectorManager())
              : FacetsCollectorManager.search(searcher, query, depth, new FacetsCollectorManager());
      TopDocs top = result.topDocs();
      long total = totalOf(result.facetsCollector(), top.totalHits);
      int from = (request.page() - 1) * request.size();
      ScoreDoc[] pageDocs =
          from >= top.scoreDocs.length ? new ScoreDoc[0] : Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
      TopDocs page = new TopDocs(new TotalHits(pageDocs.length, TotalHits.Relation.EQUAL_TO), pageDocs);
      List<SearchHit> hits = hits(searcher, query, page);
      var facetCounts = facets.count(searcher.getIndexReader(), result.facetsCollector());
      return new SearchResult(total, hits, facetCounts, (System.nanoTime() - started) / 1_000_000);
    } finally {
      generations.release(searcher);
    }
  }

  private static long totalOf(FacetsCollector collector, TotalHits fallback) {
    long total = 0;
    for (FacetsCollector.MatchingDocs docs : collector.getMatchingDocs()) {
      total += docs.totalHits();
    }
    return collector.getMatchingDocs().isEmpty() ? fallback.value() : total;
  }

  /** Newest first; undated releases last; ties by relevance. */
  private static Sort byDate() {
    SortField date = new SortField(Fields.DATE_DAYS, SortField.Type.INT, true);
    date.setMissingValue(Integer.MIN_VALUE);
    return new Sort(date, SortField.FIELD_SCORE);
  }

  private List<SearchHit> hits(IndexSearcher searcher, Query query, TopDocs page) throws IOException {
    if (page.scoreDocs.length == 0) {
      return List.of();
    }
    String[] titles = highlighter.titles(searcher, query, page);
    List<String>[] snippets = highlighter.snippets(searcher, query, page);
    StoredFields stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(page.scoreDocs.length);
    for (int i = 0; i < page.scoreDocs.length; i++) {
      ScoreDoc sd = page.scoreDocs[i];
      Document doc = stored.document(sd.doc);
      PolicyDocument d = DocumentMapper.fromStored(doc);
      hits.add(
          new SearchHit(
              d.id(),
              d.title(),
              titles[i] != null ? titles[i] : MarkFormatter.escape(d.title()),
              snippets[i],
              d.lang().code(),
              d.date() == null ? null : d.date().toString(),
              d.type(),
              d.source(),
              d.issuer(),
              d.docNumber(),
              d.url(),
              Float.isNaN(sd.score) ? 0f : sd.score,
              d.pairId(),
              DocumentMapper.themesOf(doc),
              null));
    }
    return hits;
  }

  /** The whole release with this id, as indexed. */
  public Optional<StoredDocument> document(String id) throws IOException {
    IndexSearcher searcher = generations.acquire();
    try {
      TopDocs top = searcher.search(new TermQuery(new Term(Fields.ID, id)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
      return Optional.of(new StoredDocument(DocumentMapper.fromStored(doc), DocumentMapper.themesOf(doc)));
    } finally {
      generations.release(searcher);
    }
  }

  /** A release and the themes it was assigned at index time. */
  public record StoredDocument(PolicyDocument document, List<String> themes) {}
}
