package dev.policysearch.server.search;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.schema.DocumentMapper;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.corpus.query.LanguageScope;
import dev.policysearch.corpus.query.PolicyQueryBuilder;
import dev.policysearch.corpus.query.RankingOnlyQuery;
import dev.policysearch.corpus.query.UserQuery;
import dev.policysearch.corpus.query.UserQueryParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;

/** Runs searches and document look-ups against the index generation being served. */
public final class SearchService implements SearchBackend {

  /**
   * Searches matching fewer releases are counted exactly; broader ones on a large index are
   * estimated ({@link MatchCounter}). Ten thousand, as exact counting in the usual engines.
   */
  public static final int DEFAULT_EXACT_COUNT_LIMIT = 10_000;

  /** Memory for answers kept to be given again ({@link ResultCache}), in MB. */
  public static final int DEFAULT_RESULT_CACHE_MB = 64;

  private final IndexGenerations generations;
  private final UserQueryParser parser = new UserQueryParser();
  private final PolicyQueryBuilder queries;
  private final HitHighlighter highlighter;
  private final FacetCounter facets;
  private final SuggestService suggestions;
  private final RelatedDocuments related;

  private final long timeoutMillis;
  private final MatchCounter counter;
  private final ResultCache cache;

  /**
   * Searches the slices of a large index side by side. Lucene slices an index by size (a quarter
   * of a million documents, or five segments, per slice), so an index of a few hundred thousand
   * releases or fewer is one slice and never uses it; on a million, a broad search's latency is
   * shared among the cores.
   */
  private final ExecutorService sliceThreads = Executors.newFixedThreadPool(SLICE_THREADS, sliceThreadFactory());

  private final QueryLog queryLog;

  static final int SLICE_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  public SearchService(IndexGenerations generations, Analyzers analyzers, ThemeClassifier themes) {
    this(generations, analyzers, themes, 5000, new QueryLog(500), DEFAULT_EXACT_COUNT_LIMIT, DEFAULT_RESULT_CACHE_MB);
  }

  /**
   * @param timeoutMillis a search stops collecting after this long and answers with what it
   *     found (marked timed out), so one pathological query cannot hold a thread for long
   * @param exactCountLimit searches matching fewer releases are counted exactly ({@link
   *     MatchCounter})
   * @param resultCacheMegabytes memory for answers given again to the same search ({@link
   *     ResultCache}); 0 searches every time
   */
  public SearchService(
      IndexGenerations generations, Analyzers analyzers, ThemeClassifier themes, long timeoutMillis, QueryLog queryLog, int exactCountLimit,
      int resultCacheMegabytes) {
    this.generations = generations;
    this.timeoutMillis = timeoutMillis;
    this.counter = new MatchCounter(exactCountLimit);
    this.cache = new ResultCache(resultCacheMegabytes);
    this.queryLog = queryLog;
    this.queries = new PolicyQueryBuilder(analyzers, PolicyLexicon.bundled(), Glossary.bundled());
    // A long passage pasted into the search box is a large query, not an error (JVM-wide).
    IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), PolicyQueryBuilder.MAX_CLAUSES));
    this.highlighter = new HitHighlighter(analyzers.perField());
    this.facets = new FacetCounter(themes);
    try {
      generations.addWarmer(searcher -> facets.prepare(searcher.getIndexReader()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("could not read the facet values of " + generations.generation(), e);
    }
    this.suggestions = new SuggestService(PolicyLexicon.bundled(), Glossary.bundled(), SuggestService.embedded(generations, queries));
    this.related = new RelatedDocuments(generations, analyzers.perField());
  }

  public IndexGenerations generations() {
    return generations;
  }

  @Override
  public SearchResult search(SearchRequest request) throws IOException {
    long started = System.nanoTime();
    IndexSearcher shared = generations.acquire();
    try {
      String generation = generationOf(shared);
      // Keyed by the reader itself: a new generation is a new reader, whatever its folder's name.
      Object reader = shared.getIndexReader().getReaderCacheHelper().getKey();
      SearchResult kept = cache.get(reader, request);
      if (kept != null) {
        long took = (System.nanoTime() - started) / 1_000_000;
        queryLog.record(request.q(), kept.total(), took);
        return kept.fromCache(took);
      }
      SearchResult result = search(request, shared, generation, started);
      cache.put(reader, request, result);
      return result;
    } finally {
      generations.release(shared);
    }
  }

  private SearchResult search(SearchRequest request, IndexSearcher shared, String generation, long started) throws IOException {
    UserQuery parsed = parser.parse(request.q());
    if (parsed.isEmpty()) {
      // Nothing searchable (only punctuation or control characters): no hits, not every document.
      queryLog.record(request.q(), 0, 0);
      return new SearchResult(0, List.of(), facets.empty(), (System.nanoTime() - started) / 1_000_000, generation, false, false, false);
    }
    Query ranked = inOneLanguage(queries.build(parsed, request.q()), request.langs());
    List<Query> filters = SearchFilters.of(request);
    Query query = filtered(ranked, filters);
    boolean propagate = request.sort() == SearchRequest.Sort.RELEVANCE;

    // At least two deep: the other language's best match may take first place (OtherLanguagePick),
    // and a page of one must agree with a longer page.
    int depth = Math.max(OtherLanguagePick.SLOT + 1, Math.min(request.page() * request.size(), MAX_DEPTH));
    // Grouping folds a release and its translation into one result: look deeper so a full page
    // of groups remains.
    int window = request.groupPairs() ? Math.min(MAX_DEPTH, depth * 2 + request.size()) : depth;
    // Translations join the ranking below their originals: look twice as deep for the originals.
    int fetched = propagate ? Math.min(MAX_DEPTH, window * 2) : window;
    // A searcher of its own, over the same reader, carries this request's time limit.
    IndexSearcher searcher = new IndexSearcher(shared.getIndexReader(), sliceThreads);
    QueryTimeoutImpl timeout = new QueryTimeoutImpl(timeoutMillis);
    searcher.setTimeout(timeout);
    // A broad search on a large index is counted from a sample, and its ranking skips what
    // cannot reach the top; any other is ranked and counted exactly in one pass.
    boolean byDate = request.sort() == SearchRequest.Sort.DATE;
    Sort sort = byDate ? byDate() : RANKING;
    int wanted = byDate ? window : fetched;
    MatchCounter.Counted counted = counter.estimate(searcher, query, timeout);
    Optional<Language> other = propagate ? OtherLanguagePick.otherThan(parsed, request.langs()) : Optional.empty();
    TopDocs top;
    TopDocs bestInOther = null;
    if (counted != null) {
      // Ranking-only bonuses (title overlap) would add to every match's largest possible score
      // and leave block-max WAND little to skip: a broad search on a large index ranks without
      // them (on a million releases they doubled p99; docs/BENCHMARKS.md).
      query = filtered(RankingOnlyQuery.without(ranked), filters);
      // Skipping from the moment the page is full: the total is the sample's, not a count of
      // the matches scored here (Lucene's default scores the first 1,000 in full for a count).
      top = searcher.search(query, new TopFieldCollectorManager(sort, wanted, null, wanted));
      if (byDate) {
        TopFieldCollector.populateScores(top.scoreDocs, searcher, query);
      }
    } else {
      // One pass ranks, counts every match for the facets and, when asked, finds the best match
      // in the other language.
      List<CollectorManager<?, ?>> managers = new ArrayList<>();
      managers.add(new TopFieldCollectorManager(sort, Math.min(wanted, Math.max(1, searcher.getIndexReader().maxDoc())), null, Integer.MAX_VALUE));
      managers.add(new FacetsCollectorManager());
      other.ifPresent(lang -> managers.add(new BestInLanguage(lang, RANKING)));
      Object[] results = searcher.search(query, new MultiCollectorManager(managers.toArray(CollectorManager[]::new)));
      top = (TopDocs) results[0];
      if (byDate) {
        TopFieldCollector.populateScores(top.scoreDocs, searcher, query);
      }
      counted = MatchCounter.exact((FacetsCollector) results[1]);
      bestInOther = other.isPresent() ? (TopDocs) results[2] : null;
    }
    if (!byDate) {
      top = withSortScores(top);
    }
    long total = counted.total();
    Map<Integer, String> translationOf = Map.of();
    if (propagate) {
      PairPropagation.Ranking ranking = PairPropagation.apply(searcher, filters, top, window);
      top = ranking.top();
      translationOf = ranking.translationOf();
    }
    Placed placed = other.isPresent() ? otherLanguagePick(searcher, request.q(), parsed, other.get(), query, top, bestInOther) : null;
    ScoreDoc pick = placed == null ? null : placed.pick();
    if (pick != null) {
      List<ScoreDoc> moved = OtherLanguagePick.place(Arrays.asList(top.scoreDocs), pick, placed.slot(), (a, b) -> a.doc == b.doc);
      top = new TopDocs(top.totalHits, moved.toArray(ScoreDoc[]::new));
      // A match of its own, whatever it was listed as before.
      translationOf = new java.util.HashMap<>(translationOf);
      translationOf.remove(pick.doc);
    }
    List<ScoreDoc[]> groups = request.groupPairs() ? PairGrouping.group(searcher.getIndexReader(), top.scoreDocs) : singles(top.scoreDocs);
    if (request.groupPairs()) {
      total -= top.scoreDocs.length - groups.size();
    }
    int from = (request.page() - 1) * request.size();
    List<ScoreDoc[]> pageGroups =
        from >= groups.size() ? List.of() : groups.subList(from, Math.min(groups.size(), from + request.size()));
    List<SearchHit> hits = hits(searcher, query, pageGroups, translationOf, pick == null ? -1 : pick.doc);
    var facetCounts = facets.count(searcher.getIndexReader(), counted.collector(), counted.scale());
    long took = (System.nanoTime() - started) / 1_000_000;
    queryLog.record(request.q(), total, took);
    return new SearchResult(total, hits, facetCounts, took, generation, searcher.timedOut() || counted.timedOut(), !counted.exact(), false);
  }

  /** The other language's best match and where it goes. */
  private record Placed(ScoreDoc pick, int slot) {}

  /**
   * The best match in the other language and its place, when the query is in one language, the
   * first result is not in the other, and that match matches nearly all of the query and shows a
   * match in its title (see {@link OtherLanguagePick}); null when nothing moves.
   */
  private Placed otherLanguagePick(IndexSearcher searcher, String text, UserQuery parsed, Language other, Query query, TopDocs top, TopDocs bestInOther)
      throws IOException {
    if (top.scoreDocs.length <= OtherLanguagePick.SLOT) {
      return null;
    }
    ScoreDoc[] first = Arrays.copyOf(top.scoreDocs, OtherLanguagePick.SLOT + 1);
    Language[] languages = HitHighlighter.languagesOf(searcher, new TopDocs(top.totalHits, first));
    boolean secondIsOther = languages[1] == other;
    if (languages[0] == other || (secondIsOther && !OtherLanguagePick.mayLead(text))) {
      return null;
    }
    if (bestInOther == null) {
      // Not found beside the ranking (a ranking that skips): a search of its own.
      // Only the clauses a release in that language can match: the others would have their terms
      // looked up and their postings advanced for nothing.
      Query inOther =
          new BooleanQuery.Builder()
              .add(LanguageScope.of(query, other), BooleanClause.Occur.MUST)
              .add(new TermQuery(new Term(Fields.LANG, other.code())), BooleanClause.Occur.FILTER)
              .build();
      bestInOther = searcher.search(inOther, new TopFieldCollectorManager(RANKING, 1, null, 1));
    }
    ScoreDoc[] best = withSortScores(bestInOther).scoreDocs;
    if (best.length == 0 || !OtherLanguagePick.matchesNearlyAll(parsed, best[0].score)) {
      return null;
    }
    boolean lead = OtherLanguagePick.mayLead(text) && !highlighter.titleMarked(searcher, query, first[0].doc, languages[0]);
    if ((secondIsOther && !lead) || !highlighter.titleMarked(searcher, query, best[0].doc, other)) {
      return null;
    }
    return new Placed(best[0], lead ? OtherLanguagePick.LEAD : OtherLanguagePick.SLOT);
  }

  /**
   * The query cut to the one language the request keeps, if it keeps one: the other language's
   * clauses (a Chinese query's glossary translations, an English query's Chinese forms) could match
   * nothing it keeps, and would only cost their look-ups. The same hits with the same scores.
   */
  private static Query inOneLanguage(Query ranked, List<String> langs) {
    if (langs.size() != 1) {
      return ranked;
    }
    return Language.fromCode(langs.get(0)).map(lang -> LanguageScope.of(ranked, lang)).orElse(ranked);
  }

  private static Query filtered(Query ranked, List<Query> filters) {
    BooleanQuery.Builder filtered = new BooleanQuery.Builder().add(ranked, BooleanClause.Occur.MUST);
    filters.forEach(f -> filtered.add(f, BooleanClause.Occur.FILTER));
    return filtered.build();
  }

  private static List<ScoreDoc[]> singles(ScoreDoc[] docs) {
    List<ScoreDoc[]> out = new ArrayList<>(docs.length);
    for (ScoreDoc doc : docs) {
      out.add(new ScoreDoc[] {doc});
    }
    return out;
  }

  /**
   * Best first; equal scores by id. Ties are common (a title query over a series of "例行记者会"),
   * and ordering them by id instead of by position in the index gives every backend, and every
   * rebuild of the index, the same order.
   */
  static final Sort RANKING = new Sort(SortField.FIELD_SCORE, IdOrder.on(Fields.ID));

  /**
   * Sorted by {@link #RANKING}, each hit's score is its first sort value: copied to the hit, it
   * need not be computed again.
   */
  private static TopDocs withSortScores(TopDocs top) {
    for (ScoreDoc sd : top.scoreDocs) {
      if (sd instanceof org.apache.lucene.search.FieldDoc fd && fd.fields[0] instanceof Float score) {
        sd.score = score;
      }
    }
    return top;
  }

  /** Newest first; undated releases last; ties by relevance, then by id. */
  private static Sort byDate() {
    SortField date = new SortField(Fields.DATE_DAYS, SortField.Type.INT, true);
    date.setMissingValue(Integer.MIN_VALUE);
    return new Sort(date, SortField.FIELD_SCORE, IdOrder.on(Fields.ID));
  }

  /** Hits for a page of groups: each group's first document, with its translation attached. */
  private List<SearchHit> hits(IndexSearcher searcher, Query query, List<ScoreDoc[]> groups, Map<Integer, String> translationOf, int picked)
      throws IOException {
    if (groups.isEmpty()) {
      return List.of();
    }
    List<ScoreDoc> all = new ArrayList<>();
    groups.forEach(g -> all.addAll(Arrays.asList(g)));
    TopDocs docs = new TopDocs(new TotalHits(all.size(), TotalHits.Relation.EQUAL_TO), all.toArray(ScoreDoc[]::new));
    HitHighlighter.Highlights highlights = highlighter.highlight(searcher, query, docs);
    String[] titles = highlights.titles();
    List<String>[] snippets = highlights.snippets();
    StoredFields stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(groups.size());
    int i = 0;
    for (ScoreDoc[] group : groups) {
      SearchHit pair = null;
      if (group.length > 1) {
        pair = hit(document(highlights, stored, group[1]), group[1], titles[i + 1], snippets[i + 1], null, translationOf.get(group[1].doc));
      }
      SearchHit hit = hit(document(highlights, stored, group[0]), group[0], titles[i], snippets[i], pair, translationOf.get(group[0].doc));
      hits.add(group[0].doc == picked ? hit.placed(OtherLanguagePick.PLACEMENT) : hit);
      i += group.length;
    }
    return hits;
  }

  /** A hit's stored document: as the highlighter read it, or read now. */
  private static Document document(HitHighlighter.Highlights highlights, StoredFields stored, ScoreDoc sd) throws IOException {
    Document doc = highlights.documents().get(sd.doc);
    return doc != null ? doc : stored.document(sd.doc);
  }

  private static SearchHit hit(Document doc, ScoreDoc sd, String titleHtml, List<String> snippets, SearchHit pair, String translationOf) {
    return SearchHit.of(DocumentMapper.fromStored(doc), titleHtml, snippets, sd.score, DocumentMapper.themesOf(doc), pair, translationOf);
  }

  /** The generation folder a searcher reads (its name, e.g. gen-000003). */
  private static String generationOf(IndexSearcher searcher) {
    if (searcher.getIndexReader() instanceof org.apache.lucene.index.DirectoryReader reader
        && reader.directory() instanceof org.apache.lucene.store.FSDirectory dir) {
      return dir.getDirectory().getFileName().toString();
    }
    return "";
  }

  @Override
  public java.util.Optional<ResultCache.Stats> resultCache() {
    return cache.enabled() ? java.util.Optional.of(cache.stats()) : java.util.Optional.empty();
  }

  @Override
  public QueryLog queryLog() {
    return queryLog;
  }

  @Override
  public List<Suggestion> suggest(String typed, int limit) throws IOException {
    return suggestions.suggest(typed, limit);
  }

  @Override
  public Served served() throws IOException {
    return new Served(generations.generation().getFileName().toString(), generations.documents(), sizeOf(generations.generation()));
  }

  /** Bytes of the files in an index folder. */
  public static long sizeOf(java.nio.file.Path dir) {
    try (var files = java.nio.file.Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Nothing to release: the index generations belong to the server, which closes them. */
  @Override
  public void close() {
    sliceThreads.shutdownNow();
  }

  private static ThreadFactory sliceThreadFactory() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "search-slice-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public Optional<List<SearchHit>> related(String id, int limit) throws IOException {
    Optional<StoredDocument> doc = document(id);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(related.related(doc.get().document(), limit));
  }

  @Override
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
}
