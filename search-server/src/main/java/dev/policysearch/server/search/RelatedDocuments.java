package dev.policysearch.server.search;

import dev.policysearch.corpus.highlight.MarkFormatter;
import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.schema.DocumentMapper;
import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Releases like a given one: its most distinctive words (TF-IDF over the word fields of its
 * language) as a query, the release itself and its translation left out.
 */
public final class RelatedDocuments {

  public static final int MAX_RELATED = 20;

  /** Only the opening of very long texts is read: it names what the text is about. */
  private static final int MAX_CHARS = 20_000;

  /** A word must occur this often in the release, and in this many releases, to describe it. */
  static final int MIN_TERM_FREQ = 2;

  static final int MIN_DOC_FREQ = 2;

  /** The most words a related-releases query holds. */
  static final int MAX_QUERY_TERMS = 25;

  private final IndexGenerations generations;
  private final Analyzer analyzer;

  RelatedDocuments(IndexGenerations generations, Analyzer analyzer) {
    this.generations = generations;
    this.analyzer = analyzer;
  }

  /** Related releases, best first; empty when the id is unknown (callers check that first). */
  public List<SearchHit> related(PolicyDocument d, int limit) throws IOException {
    IndexSearcher searcher = generations.acquire();
    try {
      MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
      mlt.setAnalyzer(analyzer);
      mlt.setMinTermFreq(MIN_TERM_FREQ);
      mlt.setMinDocFreq(MIN_DOC_FREQ);
      mlt.setMaxQueryTerms(MAX_QUERY_TERMS);
      boolean zh = d.lang() == Language.ZH;
      String bodyField = zh ? Fields.BODY_ZH : Fields.BODY_EN;
      mlt.setFieldNames(new String[] {bodyField});
      Query like = mlt.like(bodyField, new StringReader(likeText(d)));
      BooleanQuery.Builder query =
          new BooleanQuery.Builder()
              .add(like, BooleanClause.Occur.MUST)
              .add(new TermQuery(new Term(Fields.ID, d.id())), BooleanClause.Occur.MUST_NOT);
      if (d.pairId() != null) {
        query.add(new TermQuery(new Term(Fields.ID, d.pairId())), BooleanClause.Occur.MUST_NOT);
      }
      TopDocs top = searcher.search(query.build(), Math.max(1, Math.min(limit, MAX_RELATED)));
      var stored = searcher.storedFields();
      List<SearchHit> out = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        var doc = stored.document(sd.doc);
        out.add(hit(DocumentMapper.fromStored(doc), sd.score, DocumentMapper.themesOf(doc)));
      }
      return out;
    } finally {
      generations.release(searcher);
    }
  }

  /** The text a related release should resemble: the title (twice, it names the subject) and the opening. */
  static String likeText(PolicyDocument d) {
    String text = d.title() + "\n" + d.title() + "\n" + d.body();
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
  }

  /** A related release as a hit: its title and the opening of its body, nothing marked. */
  static SearchHit hit(PolicyDocument r, float score, List<String> themes) {
    return SearchHit.of(r, null, List.of(MarkFormatter.escape(opening(r.body()))), score, themes, null, null);
  }

  private static String opening(String body) {
    String first = body.lines().findFirst().orElse("");
    return first.length() <= 120 ? first : first.substring(0, 120) + "…";
  }
}
