package dev.policysearch.server.search;

import dev.policysearch.corpus.highlight.MarkFormatter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.opensearch.ClusterClient;
import dev.policysearch.corpus.query.UserQuery;
import dev.policysearch.corpus.query.UserQueryParser;
import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.OpenSearchSchema;
import dev.policysearch.corpus.schema.ThemeClassifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Searches an OpenSearch alias holding our index ({@code policy-search index --target opensearch}).
 *
 * <p>The ranked query is built on the cluster by our plugin's {@code policy} query, from the same
 * code as the embedded index, so a release ranks the same on both. Around it this class does what
 * {@link SearchService} does in-process: filters, facet counts (terms aggregations), translations
 * of the best matches joining the ranking ({@link PairPropagation#SHARE}), grouping of pairs and
 * highlighting of the page shown.
 */
public final class OpenSearchBackend implements SearchBackend {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Source fields a hit shows: all but the bodies. */
  private static final List<String> BODIES = List.of(Fields.BODY_ZH_BIGRAM, Fields.BODY_EN);

  private final ClusterClient client;
  private final String alias;
  private final ThemeClassifier themes;
  private final long timeoutMillis;
  private final QueryLog queryLog;
  private final UserQueryParser parser = new UserQueryParser();
  private final SuggestService suggestions;

  private OpenSearchBackend(ClusterClient client, String alias, ThemeClassifier themes, long timeoutMillis, QueryLog queryLog) {
    this.client = client;
    this.alias = alias;
    this.themes = themes;
    this.timeoutMillis = timeoutMillis;
    this.queryLog = queryLog;
    this.suggestions = new SuggestService(PolicyLexicon.bundled(), Glossary.bundled(), this::titlesMatching);
  }

  /**
   * Connects and checks that the alias exists, so that a wrong --url or --alias is reported at
   * start instead of on the first search.
   */
  public static OpenSearchBackend connect(String url, String alias, ThemeClassifier themes, long timeoutMillis, QueryLog queryLog)
      throws IOException {
    // A search gives up after its time limit; the answer may take a few seconds more to arrive.
    ClusterClient client = ClusterClient.connect(url, java.time.Duration.ofMillis(timeoutMillis + 5_000));
    try {
      if (client.sendOrMissing("GET", "/_alias/" + alias, null).isEmpty()) {
        throw new IOException(
            "OpenSearch at " + url + " has no alias '" + alias + "'; build it with: policy-search index --input DIR --target opensearch --url "
                + url + " --alias " + alias);
      }
    } catch (IOException e) {
      client.close();
      throw e;
    }
    return new OpenSearchBackend(client, alias, themes, timeoutMillis, queryLog);
  }

  @Override
  public SearchResult search(SearchRequest request) throws IOException {
    long started = System.nanoTime();
    UserQuery parsed = parser.parse(request.q());
    if (parsed.isEmpty()) {
      queryLog.record(request.q(), 0, 0);
      return new SearchResult(0, List.of(), emptyFacets(), (System.nanoTime() - started) / 1_000_000, served().name(), false, false, false);
    }
    ArrayNode filters = filters(request);
    boolean propagate = request.sort() == SearchRequest.Sort.RELEVANCE;
    // At least two deep: the other language's best match may take first place (OtherLanguagePick),
    // and a page of one must agree with a longer page.
    int depth = Math.max(OtherLanguagePick.SLOT + 1, Math.min(request.page() * request.size(), MAX_DEPTH));
    int window = request.groupPairs() ? Math.min(MAX_DEPTH, depth * 2 + request.size()) : depth;
    int fetched = propagate ? Math.min(MAX_DEPTH, window * 2) : window;

    ObjectNode body = JSON.createObjectNode();
    body.put("size", fetched);
    body.put("track_total_hits", true);
    body.put("track_scores", true);
    body.put("_source", false);
    body.put("timeout", timeoutMillis + "ms");
    body.set("docvalue_fields", docValueFields());
    body.set("query", filtered(policyQuery(request.q(), false), filters));
    // The order of SearchService: by score (or date, then score), equal ones by id.
    ArrayNode sort = body.putArray("sort");
    if (request.sort() == SearchRequest.Sort.DATE) {
      sort.addObject().putObject(Fields.DATE_DAYS).put("order", "desc").put("missing", "_last");
    }
    sort.add("_score");
    sort.addObject().putObject(Fields.ID).put("order", "asc");
    ObjectNode aggs = body.putObject("aggs");
    for (var facet : FacetCounter.FACETS.entrySet()) {
      aggs.putObject(facet.getKey()).putObject("terms").put("field", facet.getValue()).put("size", FacetCounter.TOP);
    }
    JsonNode answer = client.send("POST", "/" + alias + "/_search", rankingParameters(), body);
    boolean timedOut = answer.path("timed_out").asBoolean(false);
    long total = answer.path("hits").path("total").path("value").asLong();
    List<Ranked> ranked = new ArrayList<>();
    for (JsonNode hit : answer.path("hits").path("hits")) {
      ranked.add(ranked(hit, (float) hit.path("_score").asDouble(0), null));
    }
    if (propagate) {
      ranked = propagate(ranked, filters, window);
    } else if (ranked.size() > window) {
      ranked = ranked.subList(0, window);
    }
    Optional<Language> other = propagate ? OtherLanguagePick.otherThan(parsed, request.langs()) : Optional.empty();
    Placed placed = other.isPresent() ? otherLanguagePick(request.q(), parsed, filters, other.get(), ranked) : null;
    Ranked pick = placed == null ? null : placed.pick();
    if (pick != null) {
      ranked = OtherLanguagePick.place(ranked, pick, placed.slot(), (a, b) -> a.id().equals(b.id()));
    }
    List<List<Ranked>> groups = request.groupPairs() ? group(ranked) : singles(ranked);
    if (request.groupPairs()) {
      total -= ranked.size() - groups.size();
    }
    int from = (request.page() - 1) * request.size();
    List<List<Ranked>> page = from >= groups.size() ? List.of() : groups.subList(from, Math.min(groups.size(), from + request.size()));
    List<SearchHit> hits = hits(request.q(), page, pick == null ? null : pick.id());
    long took = (System.nanoTime() - started) / 1_000_000;
    queryLog.record(request.q(), total, took);
    return new SearchResult(total, hits, facets(answer.path("aggregations")), took, served().name(), timedOut, false, false);
  }

  /**
   * With more than one shard, each shard would score with its own term statistics; a first round
   * trip that gathers them from every shard ({@code dfs_query_then_fetch}) makes the scores those
   * of one whole index, as in the embedded index. One shard needs no such trip.
   */
  private Map<String, String> rankingParameters() throws IOException {
    served();
    return shards > 1 ? Map.of("search_type", "dfs_query_then_fetch") : Map.of();
  }

  /**
   * A ranked release: its id, its translation's id, its language, its score, and what it
   * translates when only listed as such.
   */
  private record Ranked(String id, String pairId, String lang, float score, String translationOf) {
    Ranked withScore(float score, String translationOf) {
      return new Ranked(id, pairId, lang, score, translationOf);
    }
  }

  private static Ranked ranked(JsonNode hit, float score, String translationOf) {
    return new Ranked(docValue(hit, Fields.ID), docValue(hit, Fields.PAIR_ID), docValue(hit, Fields.LANG), score, translationOf);
  }

  private static ArrayNode docValueFields() {
    return JSON.createArrayNode().add(Fields.ID).add(Fields.PAIR_ID).add(Fields.LANG);
  }

  /** The other language's best match and where it goes. */
  private record Placed(Ranked pick, int slot) {}

  /** The best match in the other language and its place, as {@link OtherLanguagePick} says; null when nothing moves. */
  private Placed otherLanguagePick(String q, UserQuery parsed, ArrayNode filters, Language other, List<Ranked> ranked) throws IOException {
    if (ranked.size() <= OtherLanguagePick.SLOT) {
      return null;
    }
    boolean secondIsOther = other.code().equals(ranked.get(1).lang());
    if (other.code().equals(ranked.get(0).lang()) || (secondIsOther && !OtherLanguagePick.mayLead(q))) {
      return null;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("size", 1);
    body.put("track_scores", true);
    body.put("_source", false);
    body.put("timeout", timeoutMillis + "ms");
    body.set("docvalue_fields", docValueFields());
    ArrayNode all = filters.deepCopy();
    all.addObject().putObject("term").put(Fields.LANG, other.code());
    body.set("query", filtered(policyQuery(q, false), all));
    ArrayNode sort = body.putArray("sort");
    sort.add("_score");
    sort.addObject().putObject(Fields.ID).put("order", "asc");
    ObjectNode highlight = highlight();
    ObjectNode titleOnly = highlight.putObject("fields");
    titleOnly.putObject(Fields.storedTitle(other));
    body.set("highlight", highlight);
    for (JsonNode hit : client.send("POST", "/" + alias + "/_search", rankingParameters(), body).path("hits").path("hits")) {
      String title = hit.path("highlight").path(Fields.storedTitle(other)).path(0).asText(null);
      float score = (float) hit.path("_score").asDouble(0);
      if (!OtherLanguagePick.matchesNearlyAll(parsed, score)) {
        return null;
      }
      boolean lead = OtherLanguagePick.mayLead(q) && !titleMarked(q, ranked.get(0));
      if ((secondIsOther && !lead) || !OtherLanguagePick.marked(title)) {
        return null;
      }
      return new Placed(ranked(hit, score, null), lead ? OtherLanguagePick.LEAD : OtherLanguagePick.SLOT);
    }
    return null;
  }

  /** Whether a release's highlighted title shows a word of the query ({@link OtherLanguagePick#marked}). */
  private boolean titleMarked(String q, Ranked r) throws IOException {
    String titleField = Fields.storedTitle(Language.fromCode(r.lang()).orElse(Language.ZH));
    ObjectNode body = JSON.createObjectNode();
    body.put("size", 1);
    body.put("_source", false);
    ObjectNode bool = body.putObject("query").putObject("bool");
    bool.putArray("filter").addObject().putObject("ids").putArray("values").add(r.id());
    bool.putArray("should").add(policyQuery(q, false));
    ObjectNode highlight = highlight();
    highlight.putObject("fields").putObject(titleField);
    body.set("highlight", highlight);
    for (JsonNode hit : client.send("POST", "/" + alias + "/_search", body).path("hits").path("hits")) {
      return OtherLanguagePick.marked(hit.path("highlight").path(titleField).path(0).asText(null));
    }
    return false;
  }

  /** The ranking with translations of the best matches, as {@link PairPropagation} does it in-process. */
  private List<Ranked> propagate(List<Ranked> ranked, ArrayNode filters, int window) throws IOException {
    Map<String, Ranked> byId = new LinkedHashMap<>();
    ranked.forEach(r -> byId.put(r.id(), r));
    Map<String, Float> wanted = new HashMap<>();
    Map<String, String> source = new HashMap<>();
    for (Ranked r : ranked) {
      float share = r.score() * PairPropagation.SHARE;
      if (r.pairId() != null && (!wanted.containsKey(r.pairId()) || wanted.get(r.pairId()) < share)) {
        wanted.put(r.pairId(), share);
        source.put(r.pairId(), r.id());
      }
    }
    if (!wanted.isEmpty()) {
      ObjectNode lookup = JSON.createObjectNode();
      lookup.put("size", wanted.size());
      lookup.put("_source", false);
      lookup.set("docvalue_fields", docValueFields());
      ObjectNode ids = JSON.createObjectNode();
      ArrayNode values = ids.putObject("terms").putArray(Fields.ID);
      wanted.keySet().forEach(values::add);
      ArrayNode all = filters.deepCopy();
      all.add(ids);
      lookup.putObject("query").putObject("bool").set("filter", all);
      for (JsonNode hit : client.send("POST", "/" + alias + "/_search", lookup).path("hits").path("hits")) {
        String id = docValue(hit, Fields.ID);
        float propagated = wanted.get(id);
        Ranked own = byId.get(id);
        if (own == null) {
          byId.put(id, ranked(hit, propagated, source.get(id)));
        } else if (own.score() < propagated) {
          byId.put(id, own.withScore(propagated, null));
        }
      }
    }
    // Best first; equal scores by id, as the search orders them.
    List<Ranked> merged = new ArrayList<>(byId.values());
    merged.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : a.id().compareTo(b.id()));
    return merged.size() > window ? merged.subList(0, window) : merged;
  }

  /** Folds a release and its translation into one group when both are ranked, as {@link PairGrouping} does. */
  private static List<List<Ranked>> group(List<Ranked> ranked) {
    Map<String, Integer> groupById = new HashMap<>();
    List<List<Ranked>> groups = new ArrayList<>();
    for (Ranked r : ranked) {
      Integer pairGroup = r.pairId() == null ? null : groupById.get(r.pairId());
      if (pairGroup != null && groups.get(pairGroup).size() == 1) {
        groups.get(pairGroup).add(r);
        continue;
      }
      groupById.put(r.id(), groups.size());
      List<Ranked> group = new ArrayList<>(2);
      group.add(r);
      groups.add(group);
    }
    return groups;
  }

  private static List<List<Ranked>> singles(List<Ranked> ranked) {
    return ranked.stream().map(List::of).toList();
  }

  /** The page's hits: their sources and highlights, fetched in one request. */
  private List<SearchHit> hits(String q, List<List<Ranked>> page, String picked) throws IOException {
    if (page.isEmpty()) {
      return List.of();
    }
    List<Ranked> all = new ArrayList<>();
    page.forEach(all::addAll);
    ObjectNode body = JSON.createObjectNode();
    body.put("size", all.size());
    body.putObject("_source").set("excludes", JSON.valueToTree(BODIES));
    ObjectNode bool = body.putObject("query").putObject("bool");
    ArrayNode ids = bool.putArray("filter").addObject().putObject("ids").putArray("values");
    all.forEach(r -> ids.add(r.id()));
    // Translations brought in by a better match do not match the query themselves: the query
    // only decides the highlights, not which of the page's releases come back.
    bool.putArray("should").add(policyQuery(q, false));
    body.set("highlight", highlight());
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode hit : client.send("POST", "/" + alias + "/_search", body).path("hits").path("hits")) {
      byId.put(hit.path("_id").asText(), hit);
    }
    List<SearchHit> hits = new ArrayList<>(page.size());
    for (List<Ranked> group : page) {
      SearchHit pair = group.size() > 1 ? hit(group.get(1), byId.get(group.get(1).id()), null) : null;
      SearchHit primary = hit(group.get(0), byId.get(group.get(0).id()), pair);
      if (primary != null) {
        hits.add(primary.id().equals(picked) ? primary.placed(OtherLanguagePick.PLACEMENT) : primary);
      }
    }
    return hits;
  }

  private SearchHit hit(Ranked r, JsonNode hit, SearchHit pair) {
    if (hit == null) {
      // Deleted between the two requests: it is simply not shown.
      return null;
    }
    Map<String, Object> source = sourceOf(hit);
    PolicyDocument d = OpenSearchSchema.fromSource(source);
    JsonNode highlight = hit.path("highlight");
    String titleField = Fields.storedTitle(d.lang());
    String bodyField = Fields.storedBody(d.lang());
    String titleHtml = highlight.path(titleField).path(0).asText(null);
    List<String> snippets = new ArrayList<>();
    highlight.path(bodyField).forEach(s -> snippets.add(s.asText()));
    return SearchHit.of(d, titleHtml, snippets, r.score(), OpenSearchSchema.themesOf(source), pair, r.translationOf());
  }

  /**
   * Our snippets, made on the shards by our plugin's highlighter ({@code "type": "policy"}) with
   * the code the embedded index uses: the whole title, sentence passages of the body, best first.
   */
  private static ObjectNode highlight() {
    ObjectNode h = JSON.createObjectNode();
    h.put("type", "policy");
    h.put("require_field_match", false);
    ObjectNode fields = h.putObject("fields");
    for (Language lang : Language.values()) {
      fields.putObject(Fields.storedTitle(lang));
      fields.putObject(Fields.storedBody(lang));
    }
    return h;
  }

  private static ObjectNode policyQuery(String text, boolean titleOnly) {
    ObjectNode q = JSON.createObjectNode();
    ObjectNode policy = q.putObject("policy");
    policy.put("text", text);
    if (titleOnly) {
      policy.put("title_only", true);
    }
    return q;
  }

  private static ObjectNode filtered(ObjectNode query, ArrayNode filters) {
    ObjectNode q = JSON.createObjectNode();
    ObjectNode bool = q.putObject("bool");
    bool.putArray("must").add(query);
    bool.set("filter", filters);
    return q;
  }

  /** The request's filters, as {@link SearchFilters} makes them for the embedded index. */
  private static ArrayNode filters(SearchRequest request) {
    ArrayNode filters = JSON.createArrayNode();
    request.valueFilters().forEach((field, values) -> anyOf(filters, field, values));
    if (request.from() != null || request.to() != null) {
      ObjectNode range = filters.addObject().putObject("range").putObject(Fields.DATE_DAYS);
      if (request.from() != null) {
        range.put("gte", request.from().toEpochDay());
      }
      if (request.to() != null) {
        range.put("lte", request.to().toEpochDay());
      }
    }
    return filters;
  }

  private static void anyOf(ArrayNode filters, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode list = filters.addObject().putObject("terms").putArray(field);
      values.forEach(list::add);
    }
  }

  private Map<String, List<SearchResult.FacetValue>> facets(JsonNode aggregations) {
    Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
    for (String facet : FacetCounter.FACETS.keySet()) {
      List<SearchResult.FacetValue> values = new ArrayList<>();
      for (JsonNode bucket : aggregations.path(facet).path("buckets")) {
        String value = bucket.path("key").asText();
        values.add(new SearchResult.FacetValue(value, label(facet, value, true), label(facet, value, false), bucket.path("doc_count").asLong()));
      }
      out.put(facet, values);
    }
    return out;
  }

  private String label(String facet, String value, boolean chinese) {
    if (facet.equals("theme")) {
      return themes.theme(value).map(t -> chinese ? t.zh() : t.en()).orElse(null);
    }
    return null;
  }

  private static Map<String, List<SearchResult.FacetValue>> emptyFacets() {
    Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
    FacetCounter.FACETS.keySet().forEach(name -> out.put(name, List.of()));
    return out;
  }

  private static String docValue(JsonNode hit, String field) {
    JsonNode value = hit.path("fields").path(field).path(0);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sourceOf(JsonNode hit) {
    return JSON.convertValue(hit.path("_source"), Map.class);
  }

  @Override
  public Optional<StoredDocument> document(String id) throws IOException {
    Optional<JsonNode> found = client.sendOrMissing("GET", "/" + alias + "/_doc/" + encode(id), null);
    if (found.isEmpty() || !found.get().path("found").asBoolean(false)) {
      return Optional.empty();
    }
    Map<String, Object> source = sourceOf(found.get());
    return Optional.of(new StoredDocument(OpenSearchSchema.fromSource(source), OpenSearchSchema.themesOf(source)));
  }

  @Override
  public Optional<List<SearchHit>> related(String id, int limit) throws IOException {
    Optional<StoredDocument> stored = document(id);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    PolicyDocument d = stored.get().document();
    String text = RelatedDocuments.likeText(d);
    ObjectNode body = JSON.createObjectNode();
    body.put("size", Math.max(1, Math.min(limit, RelatedDocuments.MAX_RELATED)));
    body.putObject("_source").set("excludes", JSON.valueToTree(List.of()));
    ObjectNode bool = body.putObject("query").putObject("bool");
    ObjectNode mlt = bool.putArray("must").addObject().putObject("more_like_this");
    mlt.putArray("fields").add(d.lang() == Language.ZH ? Fields.BODY_ZH : Fields.BODY_EN);
    mlt.put("like", text);
    mlt.put("min_term_freq", RelatedDocuments.MIN_TERM_FREQ);
    mlt.put("min_doc_freq", RelatedDocuments.MIN_DOC_FREQ);
    mlt.put("max_query_terms", RelatedDocuments.MAX_QUERY_TERMS);
    ArrayNode not = bool.putArray("must_not");
    Set<String> excluded = new HashSet<>();
    excluded.add(d.id());
    if (d.pairId() != null) {
      excluded.add(d.pairId());
    }
    ArrayNode ids = not.addObject().putObject("ids").putArray("values");
    excluded.forEach(ids::add);
    List<SearchHit> out = new ArrayList<>();
    for (JsonNode hit : client.send("POST", "/" + alias + "/_search", body).path("hits").path("hits")) {
      Map<String, Object> source = sourceOf(hit);
      PolicyDocument r = OpenSearchSchema.fromSource(source);
      out.add(RelatedDocuments.hit(r, (float) hit.path("_score").asDouble(0), OpenSearchSchema.themesOf(source)));
    }
    return Optional.of(out);
  }

  @Override
  public List<Suggestion> suggest(String typed, int limit) throws IOException {
    return suggestions.suggest(typed, limit);
  }

  private List<String[]> titlesMatching(String text, int limit) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("size", limit);
    body.putObject("_source").putArray("includes").add(Fields.ID).add(Fields.TITLE_ZH_BIGRAM).add(Fields.TITLE_EN);
    body.set("query", policyQuery(text, true));
    List<String[]> out = new ArrayList<>();
    for (JsonNode hit : client.send("POST", "/" + alias + "/_search", body).path("hits").path("hits")) {
      JsonNode source = hit.path("_source");
      String title = source.hasNonNull(Fields.TITLE_ZH_BIGRAM) ? source.path(Fields.TITLE_ZH_BIGRAM).asText() : source.path(Fields.TITLE_EN).asText(null);
      out.add(new String[] {title, source.path(Fields.ID).asText()});
    }
    return out;
  }

  @Override
  public QueryLog queryLog() {
    return queryLog;
  }

  /** How long what {@link #served()} found is reused: searches name the physical index they read. */
  private static final long SERVED_TTL_NANOS = 1_000_000_000L;

  private volatile Served served;
  private volatile long servedAt;
  private volatile int shards = 1;

  /** The physical index behind the alias, its number of releases and its size on disk (primaries). */
  @Override
  public Served served() throws IOException {
    Served known = served;
    if (known != null && System.nanoTime() - servedAt < SERVED_TTL_NANOS) {
      return known;
    }
    known = fetchServed();
    served = known;
    servedAt = System.nanoTime();
    return known;
  }

  private Served fetchServed() throws IOException {
    JsonNode stats = client.send("GET", "/" + alias + "/_stats/docs,store", null);
    var indices = stats.path("indices").fields();
    String name = indices.hasNext() ? indices.next().getKey() : alias;
    JsonNode primaries = stats.path("_all").path("primaries");
    JsonNode settings = client.send("GET", "/" + alias + "/_settings/index.number_of_shards", null);
    shards = settings.path(name).path("settings").path("index").path("number_of_shards").asInt(1);
    return new Served(name, primaries.path("docs").path("count").asLong(), primaries.path("store").path("size_in_bytes").asLong(-1));
  }

  private static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
