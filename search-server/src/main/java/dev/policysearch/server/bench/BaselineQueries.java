package dev.policysearch.server.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns a task's text into the baseline's query, the way Lucene's classic query parser would with
 * its default OR: every analysed word a SHOULD clause, a quoted part a phrase, over the title
 * (boosted) and body of both languages. Extra request parameters (filters, sort) are not applied:
 * the baseline has no such fields.
 */
final class BaselineQueries {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  private final QueryBuilder builder;

  BaselineQueries(Analyzer analyzer) {
    this.builder = new QueryBuilder(analyzer);
  }

  Query build(String text) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    int clauses = 0;
    for (String field : BaselineSchema.textFields()) {
      Query query = forField(field, text);
      if (query != null) {
        all.add(BaselineSchema.isTitle(field) ? new BoostQuery(query, BaselineSchema.TITLE_BOOST) : query, BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? new MatchNoDocsQuery("nothing left after analysis") : all.build();
  }

  /** The query over one field, or null when the analyzer leaves nothing (stop words only). */
  private Query forField(String field, String text) {
    List<Query> parts = new ArrayList<>();
    Matcher quoted = QUOTED.matcher(text);
    int loose = 0;
    while (quoted.find()) {
      addIfAny(parts, builder.createBooleanQuery(field, text.substring(loose, quoted.start())));
      addIfAny(parts, builder.createPhraseQuery(field, quoted.group(1)));
      loose = quoted.end();
    }
    addIfAny(parts, builder.createBooleanQuery(field, text.substring(loose)));
    if (parts.size() <= 1) {
      return parts.isEmpty() ? null : parts.get(0);
    }
    BooleanQuery.Builder combined = new BooleanQuery.Builder();
    parts.forEach(p -> combined.add(p, BooleanClause.Occur.SHOULD));
    return combined.build();
  }

  private static void addIfAny(List<Query> parts, Query query) {
    if (query != null) {
      parts.add(query);
    }
  }
}
