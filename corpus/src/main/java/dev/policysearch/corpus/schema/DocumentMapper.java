package dev.policysearch.corpus.schema;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import java.time.LocalDate;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/** Turns a {@link PolicyDocument} into index fields and stored fields back into the document. */
public final class DocumentMapper {

  /**
   * Text that is shown and highlighted: stored, with offsets in the postings so the highlighter
   * finds match positions without re-analysing the text (a law can run to 100,000 characters).
   */
  private static final FieldType SHOWN_TEXT = new FieldType(TextField.TYPE_STORED);

  static {
    SHOWN_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    SHOWN_TEXT.freeze();
  }

  private final ThemeClassifier themes;

  public DocumentMapper(ThemeClassifier themes) {
    this.themes = themes;
  }

  public Document toDocument(PolicyDocument d) {
    Document doc = new Document();
    doc.add(new StringField(Fields.ID, d.id(), Field.Store.YES));
    // Doc values of id and pair_id let a search group a release with its translation without
    // loading stored fields.
    doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(d.id())));
    keyword(doc, Fields.LANG, d.lang().code());
    if (d.lang() == Language.ZH) {
      doc.add(new Field(Fields.TITLE_ZH_BIGRAM, d.title(), SHOWN_TEXT));
      doc.add(new Field(Fields.BODY_ZH_BIGRAM, d.body(), SHOWN_TEXT));
      doc.add(new TextField(Fields.TITLE_ZH, d.title(), Field.Store.NO));
      doc.add(new TextField(Fields.BODY_ZH, d.body(), Field.Store.NO));
    } else {
      doc.add(new Field(Fields.TITLE_EN, d.title(), SHOWN_TEXT));
      doc.add(new Field(Fields.BODY_EN, d.body(), SHOWN_TEXT));
    }
    if (d.date() != null) {
      doc.add(new StoredField(Fields.DATE, d.date().toString()));
      int days = (int) d.date().toEpochDay();
      doc.add(new IntPoint(Fields.DATE_DAYS, days));
      doc.add(new NumericDocValuesField(Fields.DATE_DAYS, days));
      keyword(doc, Fields.YEAR, Integer.toString(d.date().getYear()));
    }
    if (d.docNumber() != null) {
      doc.add(new StoredField(Fields.DOC_NUMBER, d.docNumber()));
      doc.add(new TextField(Fields.DOC_NUMBER_TEXT, d.docNumber(), Field.Store.NO));
      DocNumbers.key(d.docNumber())
          .ifPresent(key -> doc.add(new StringField(Fields.DOC_NUMBER_KEY, key, Field.Store.NO)));
    }
    if (d.issuer() != null) {
      keyword(doc, Fields.ISSUER, d.issuer());
      doc.add(new TextField(Fields.ISSUER_TEXT, d.issuer(), Field.Store.NO));
    }
    if (d.type() != null) {
      keyword(doc, Fields.TYPE, d.type());
    }
    if (d.source() != null) {
      keyword(doc, Fields.SOURCE, d.source());
    }
    if (d.url() != null) {
      doc.add(new StoredField(Fields.URL, d.url()));
    }
    if (d.pairId() != null) {
      doc.add(new StringField(Fields.PAIR_ID, d.pairId(), Field.Store.YES));
      doc.add(new SortedDocValuesField(Fields.PAIR_ID, new BytesRef(d.pairId())));
    }
    for (String theme : themes.themesOf(d)) {
      keyword(doc, Fields.THEME, theme);
    }
    doc.add(new TextField(Fields.META_TEXT, metaText(d), Field.Store.NO));
    return doc;
  }

  /** Words for the type of a release, in both languages, as users name it in queries. */
  private static final java.util.Map<String, String> TYPE_WORDS =
      java.util.Map.of(
          "speech", "讲话 speech",
          "conference", "会议 conference",
          "policy", "政策 文件 policy",
          "report", "报告 report",
          "news", "新闻 news");

  static String metaText(PolicyDocument d) {
    StringBuilder sb = new StringBuilder();
    for (String part : new String[] {d.issuer(), d.source(), d.type() == null ? null : TYPE_WORDS.getOrDefault(d.type(), d.type())}) {
      if (part != null) {
        sb.append(part).append(" \n ");
      }
    }
    if (d.date() != null) {
      sb.append(d.date().getYear()).append("年");
    }
    return sb.toString();
  }

  /** An exact-match field that is also stored and counted in facets. */
  private static void keyword(Document doc, String field, String value) {
    doc.add(new StringField(field, value, Field.Store.YES));
    doc.add(new SortedSetDocValuesField(field, new BytesRef(value)));
  }

  /** The release as it was indexed, read back from the stored fields. */
  public static PolicyDocument fromStored(Document stored) {
    Language lang = Language.fromCode(stored.get(Fields.LANG)).orElse(Language.ZH);
    String date = stored.get(Fields.DATE);
    return new PolicyDocument(
        stored.get(Fields.ID),
        lang,
        nullToEmpty(stored.get(Fields.storedTitle(lang))),
        nullToEmpty(stored.get(Fields.storedBody(lang))),
        date == null ? null : LocalDate.parse(date),
        stored.get(Fields.URL),
        stored.get(Fields.SOURCE),
        stored.get(Fields.ISSUER),
        stored.get(Fields.DOC_NUMBER),
        stored.get(Fields.TYPE),
        stored.get(Fields.PAIR_ID));
  }

  /** The themes stored with a release. */
  public static List<String> themesOf(Document stored) {
    return List.of(stored.getValues(Fields.THEME));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
