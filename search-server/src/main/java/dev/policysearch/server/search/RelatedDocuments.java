package dev.policysearch.server.search;

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
      mlt.setMinTermFreq(2);
      mlt.setMinDocFreq(2);
      mlt.setMaxQueryTerms(25);
      boolean zh = d.lang() == Language.ZH;
      String bodyField = zh ? Fields.BODY_ZH : Fields.BODY_EN;
      mlt.setFieldNames(new String[] {bodyField});
      String text = d.title() + "\n" + d.title() + "\n" + d.body();
      if (text.length() > MAX_CHARS) {
        text = text.substring(0, MAX_CHARS);
      }
      Query like = mlt.like(bodyField, new StringReader(text));
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
        PolicyDocument r = DocumentMapper.fromStored(doc);
        out.add(
            new SearchHit(
                r.id(), r.title(), MarkFormatter.escape(r.title()), List.of(MarkFormatter.escape(opening(r.body()))),
                r.lang().code(), r.date() == null ? null : r.date().toString(), r.type(), r.source(), r.issuer(),
                r.docNumber(), r.url(), sd.score, r.pairId(), DocumentMapper.themesOf(doc), null, null));
      }
      return out;
    } finally {
      generations.release(searcher);
    }
  }

  private static String opening(String body) {
    String first = body.lines().findFirst().orElse("");
    return first.length() <= 120 ? first : first.substring(0, 120) + "…";
  }
}
