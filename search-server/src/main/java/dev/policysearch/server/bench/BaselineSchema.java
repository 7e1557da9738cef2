package dev.policysearch.server.bench;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * The baseline's index: what a stock Lucene install with the bundled Chinese analyzer would
 * build, so that our figures have a floor to stand beside. Stock analyzers only (smartcn for
 * Chinese, the English analyzer for English), no lexicon, no bigrams, no metadata fields, no
 * facets.
 *
 * <p>An analyzer is chosen per field, not per document, so each language has its own title and
 * body fields ({@code title_zh}, {@code body_en}, ...), which is how one would lay out a bilingual
 * index with {@link PerFieldAnalyzerWrapper}.
 */
final class BaselineSchema {

  /** The release id, indexed whole so that a re-indexed release replaces the old one. */
  static final String ID = "id";

  /** zh or en, indexed whole. */
  static final String LANG = "lang";

  /** How much more a title match weighs than a body match (the usual title^2 of a stock setup). */
  static final float TITLE_BOOST = 2f;

  private BaselineSchema() {}

  static String title(Language language) {
    return "title_" + language.code();
  }

  static String body(Language language) {
    return "body_" + language.code();
  }

  /** The stored fields a result list loads: the titles. */
  static Set<String> titleFields() {
    return Set.of(title(Language.ZH), title(Language.EN));
  }

  /** Text fields in the order a query visits them. */
  static List<String> textFields() {
    return List.of(title(Language.ZH), body(Language.ZH), title(Language.EN), body(Language.EN));
  }

  static boolean isTitle(String field) {
    return field.startsWith("title_");
  }

  /** Stock smartcn for the Chinese fields, the stock English analyzer for the English ones. */
  static Analyzer analyzer() {
    Analyzer chinese = new SmartChineseAnalyzer();
    Analyzer english = new EnglishAnalyzer();
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(),
        Map.of(
            title(Language.ZH), chinese, body(Language.ZH), chinese,
            title(Language.EN), english, body(Language.EN), english));
  }

  static Document document(PolicyDocument d) {
    Document doc = new Document();
    doc.add(new StringField(ID, d.id(), Field.Store.YES));
    doc.add(new StringField(LANG, d.lang().code(), Field.Store.YES));
    doc.add(new TextField(title(d.lang()), d.title(), Field.Store.YES));
    doc.add(new TextField(body(d.lang()), d.body(), Field.Store.YES));
    return doc;
  }
}
