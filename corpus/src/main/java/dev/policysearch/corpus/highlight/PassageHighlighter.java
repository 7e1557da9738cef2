package dev.policysearch.corpus.highlight;

import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Highlights what a hit shows, the same wherever the index lives (in-process, or a shard of an
 * OpenSearch index through our plugin): the whole title, and up to {@link #SNIPPETS}
 * sentence-sized passages of the body, best first, matches in {@code <mark>} ({@link
 * MarkFormatter}). Match offsets come from the postings (indexed with offsets), so a
 * 100,000-character law costs what its matches cost, not what its length costs.
 */
public final class PassageHighlighter extends UnifiedHighlighter {

  public static final int SNIPPETS = 3;
  public static final int SNIPPET_CHARS = 120;

  /** The text of a document's fields (null for a field it lacks): from stored fields, or a source. */
  @FunctionalInterface
  public interface Texts {
    CharSequence[] of(int docId, String[] fields) throws IOException;
  }

  private final Texts texts;

  public PassageHighlighter(IndexSearcher searcher, Analyzer analyzer, Texts texts) {
    super(
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new MarkFormatter())
            .withHighlightPhrasesStrictly(true)
            .withMaxLength(Integer.MAX_VALUE - 1));
    this.texts = texts;
    this.fieldInfos = fieldInfosOf(searcher.getIndexReader());
  }

  /**
   * The merged field infos of each open reader: the stock highlighter merges those of every
   * segment once per highlighter, and a highlighter is made for every search.
   */
  private static final Map<IndexReader.CacheKey, FieldInfos> FIELD_INFOS = Collections.synchronizedMap(new WeakHashMap<>());

  private static FieldInfos fieldInfosOf(IndexReader reader) {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    if (helper == null) {
      return null; // the stock highlighter merges them itself
    }
    return FIELD_INFOS.computeIfAbsent(helper.getKey(), key -> FieldInfos.getMergedFieldInfos(reader));
  }

  /** A title field: highlighted whole, in one piece. */
  public static boolean isTitle(String field) {
    return field.equals(Fields.TITLE_ZH_BIGRAM) || field.equals(Fields.TITLE_EN);
  }

  /**
   * Per field, per document (in the order of {@code docIds}): the list of highlighted passages
   * (one for a title), or null when the document lacks the field.
   */
  public Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds) throws IOException {
    int[] maxPassages = new int[fields.length];
    for (int f = 0; f < fields.length; f++) {
      maxPassages[f] = isTitle(fields[f]) ? 1 : SNIPPETS;
    }
    return highlightFieldsAsObjects(fields, query, docIds, maxPassages);
  }

  @Override
  protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold)
      throws IOException {
    List<CharSequence[]> values = new ArrayList<>();
    long chars = 0;
    for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
      CharSequence[] text = texts.of(doc, fields);
      for (CharSequence t : text) {
        chars += t == null ? 0 : t.length();
      }
      values.add(text);
      if (chars > cacheCharsThreshold) {
        break;
      }
    }
    return values;
  }

  /**
   * Match offsets from one {@link Weight} for all the fields and hits highlighted together, and
   * one evaluation of the query's matches per hit for all its fields. The stock strategy rewrites
   * the query and builds a weight for every hit and field, so each looks up every term of the
   * query again; a shared weight looks each term up once per segment. The
   * matches are the same: the stock strategy also asks the whole query where it matches the hit
   * (other fields included) and keeps only the highlighted field's matches. (It also lets terms
   * of other fields count in the highlighted one when a field matcher says so; this highlighter
   * keeps the default, each field's own terms only, so there is nothing to map.)
   */
  @Override
  protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
    FieldOffsetStrategy standard = super.getOffsetStrategy(source, components);
    if (source != OffsetSource.POSTINGS || !components.highlightFlags().contains(HighlightFlag.WEIGHT_MATCHES)) {
      return standard;
    }
    return new SharedWeightOffsets(components, standard);
  }

  /**
   * The query whose matches are being highlighted, its weight and the matches of each hit (by
   * doc id in the top-level reader) found so far: one hit's title and body are highlighted one
   * after the other, and the matches of the whole query found for the title also hold the body's,
   * not yet read. Cleared when another query comes.
   */
  private Query matchedQuery;

  private Weight matchedWeight;
  private final Map<Integer, Matches> matchesByDoc = new HashMap<>();

  /** The matches of {@code query} in a hit, or null when it has none. */
  private Matches matches(Query query, LeafReaderContext leaf, int docId) throws IOException {
    if (matchedWeight == null || !query.equals(matchedQuery)) {
      // Without the query cache, as the stock strategy: matches are asked for a few hits only.
      IndexSearcher plain = new IndexSearcher(searcher.getIndexReader());
      plain.setQueryCache(null);
      matchedWeight = plain.createWeight(plain.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
      matchedQuery = query;
      matchesByDoc.clear();
    }
    int key = leaf.docBase + docId;
    if (matchesByDoc.containsKey(key)) {
      // A field's first iterator is the one found with the matches; asked again, Lucene makes
      // a new one, so every field reads its matches whole whichever field came first.
      return matchesByDoc.get(key);
    }
    Matches matches = matchedWeight.matches(leaf, docId);
    matchesByDoc.put(key, matches);
    return matches;
  }

  private final class SharedWeightOffsets extends FieldOffsetStrategy {
    private final FieldOffsetStrategy standard;

    SharedWeightOffsets(UHComponents components, FieldOffsetStrategy standard) {
      super(components);
      this.standard = standard;
    }

    @Override
    public OffsetSource getOffsetSource() {
      return OffsetSource.POSTINGS;
    }

    @Override
    public OffsetsEnum getOffsetsEnum(LeafReader reader, int docId, String content) throws IOException {
      LeafReaderContext leaf = leafOf(reader);
      if (leaf == null) {
        return standard.getOffsetsEnum(reader, docId, content); // not a segment of our searcher
      }
      if (reader.terms(getField()) == null) {
        return OffsetsEnum.EMPTY;
      }
      Matches matches = matches(components.query(), leaf, docId);
      if (matches == null) {
        return OffsetsEnum.EMPTY;
      }
      List<OffsetsEnum> found = new ArrayList<>();
      for (String field : matches) {
        MatchesIterator iterator = components.fieldMatcher().test(field) ? matches.getMatches(field) : null;
        if (iterator != null) {
          found.add(new OffsetsEnum.OfMatchesIteratorWithSubs(iterator));
        }
      }
      return switch (found.size()) {
        case 0 -> OffsetsEnum.EMPTY;
        case 1 -> found.get(0);
        default -> new OffsetsEnum.MultiOffsetsEnum(found);
      };
    }

    private LeafReaderContext leafOf(LeafReader reader) {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        if (leaf.reader() == reader) {
          return leaf;
        }
      }
      return null;
    }
  }

  private static final PassageRanker RANKER = new PassageRanker();

  @Override
  protected org.apache.lucene.search.uhighlight.PassageScorer getScorer(String field) {
    return RANKER;
  }

  @Override
  protected BreakIterator getBreakIterator(String field) {
    return isTitle(field)
        ? new WholeBreakIterator()
        : LengthGoalBreakIterator.createClosestToLength(new SentenceBreakIterator(), SNIPPET_CHARS, 0.3f);
  }

  @Override
  protected Comparator<Passage> getPassageSortComparator(String field) {
    return isTitle(field) ? Comparator.comparingInt(Passage::getStartOffset) : BEST_FIRST;
  }

  private static final Comparator<Passage> BEST_FIRST =
      Comparator.comparingDouble(Passage::getScore).reversed().thenComparingInt(Passage::getStartOffset);
}
