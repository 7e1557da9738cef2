package dev.policysearch.corpus.highlight;

import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
   * Match offsets from one {@link Weight} per field for all the hits highlighted together. The
   * stock strategy rewrites the query and builds a weight for every hit, so each hit looks up
   * every term of the query again; a shared weight looks each term up once per segment. The
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

  private final class SharedWeightOffsets extends FieldOffsetStrategy {
    private final FieldOffsetStrategy standard;
    private Weight weight;

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
      Matches matches = weight().matches(leaf, docId);
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

    private Weight weight() throws IOException {
      if (weight == null) {
        // Without the query cache, as the stock strategy: matches are asked for a few hits only.
        IndexSearcher plain = new IndexSearcher(searcher.getIndexReader());
        plain.setQueryCache(null);
        weight = plain.createWeight(plain.rewrite(components.query()), ScoreMode.COMPLETE_NO_SCORES, 1f);
      }
      return weight;
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
