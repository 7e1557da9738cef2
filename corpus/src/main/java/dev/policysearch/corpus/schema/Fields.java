package dev.policysearch.corpus.schema;

import dev.policysearch.corpus.Language;

/**
 * Every field name of the index, declared once. The indexer writes these fields and the server
 * queries them; no other code holds a field-name literal.
 *
 * <p>Text is indexed twice for Chinese: once as smartcn words (precise, scores well on whole
 * words) and once as overlapping character bigrams (never misses a contiguous string, whatever
 * the segmenter made of it). English text is indexed once, stemmed.
 */
public final class Fields {
  private Fields() {}

  /** The release id: exact-match key for updates, deletes and {@code /api/documents/{id}}. */
  public static final String ID = "id";

  /** {@code zh} or {@code en}: filter and facet. */
  public static final String LANG = "lang";

  /**
   * Chinese title and body as smartcn words (plus policy-lexicon units). Not stored: their text is
   * stored once, in the bigram fields below. Positions are kept for phrase matching.
   */
  public static final String TITLE_ZH = "title_zh";

  public static final String BODY_ZH = "body_zh";

  /**
   * Chinese title and body as character bigrams. These hold the stored text of a Chinese release
   * and its offsets in the postings, so highlighting reads offsets instead of re-analysing long
   * laws, and a phrase of bigrams matches exactly the contiguous string a user typed.
   */
  public static final String TITLE_ZH_BIGRAM = "title_zh_bigram";

  public static final String BODY_ZH_BIGRAM = "body_zh_bigram";

  /** English title and body, stemmed, stored, offsets in the postings for highlighting. */
  public static final String TITLE_EN = "title_en";

  public static final String BODY_EN = "body_en";

  /** The document number as written (stored) and as bigram text (searchable, boosted). */
  public static final String DOC_NUMBER = "doc_number";

  public static final String DOC_NUMBER_TEXT = "doc_number_text";

  /**
   * The document number reduced to a canonical key (issuer code, year, number), so that every way
   * of typing it (〔〕, [], 【】, (), with or without 年 or 第) finds the same release.
   */
  public static final String DOC_NUMBER_KEY = "doc_number_key";

  /**
   * The metadata as searchable text (bigrams): issuer, source, the type in both languages and the
   * year. Users mix such words into queries ("国务院 2019 通知", "政府工作报告 2019"); matching them
   * here lets those words count without requiring them in the body.
   */
  public static final String META_TEXT = "meta_text";

  /** Publication date as YYYY-MM-DD (stored) and as days since 1970 (range filter and sort). */
  public static final String DATE = "date";

  public static final String DATE_DAYS = "date_days";

  /** Year of the date, as text: filter and facet. */
  public static final String YEAR = "year";

  /** Stored only: shown in hits, not searched. */
  public static final String URL = "url";

  public static final String PAIR_ID = "pair_id";

  /** Where the release was published; stored, filter and facet. */
  public static final String SOURCE = "source";

  /** The issuing organ; exact filter and facet, and searchable through {@code issuer:}. */
  public static final String ISSUER = "issuer";

  public static final String ISSUER_TEXT = "issuer_text";

  /** speech, conference, policy, report or news: filter and facet. */
  public static final String TYPE = "type";

  /** Key-task themes assigned at index time (multi-valued): filter and facet. */
  public static final String THEME = "theme";

  /**
   * Whether a release in {@code lang} can hold terms of {@code field}: every field but the other
   * language's title and body fields (a Chinese release has no {@code title_en}, an English one
   * no {@code body_zh} or {@code body_zh_bigram}).
   */
  public static boolean heldBy(String field, Language lang) {
    boolean chineseText = field.equals(TITLE_ZH) || field.equals(BODY_ZH) || field.equals(TITLE_ZH_BIGRAM) || field.equals(BODY_ZH_BIGRAM);
    boolean englishText = field.equals(TITLE_EN) || field.equals(BODY_EN);
    return lang == Language.ZH ? !englishText : !chineseText;
  }

  /** The title field holding the stored text of a release in this language. */
  public static String storedTitle(Language lang) {
    return lang == Language.ZH ? TITLE_ZH_BIGRAM : TITLE_EN;
  }

  /** The body field holding the stored text of a release in this language. */
  public static String storedBody(Language lang) {
    return lang == Language.ZH ? BODY_ZH_BIGRAM : BODY_EN;
  }
}
