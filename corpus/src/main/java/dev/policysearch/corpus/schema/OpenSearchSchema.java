package dev.policysearch.corpus.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of {@link DocumentMapper} as an OpenSearch index: the same field names, analyzers
 * (from our analysis plugin), index options and similarity, so that the query our plugin builds
 * scores a release on a cluster as it does in the embedded index.
 *
 * <p>A release is sent as a source holding each text once: the shown text goes to the bigram (zh)
 * or English field, and {@code copy_to} in the mapping feeds the word, document-number and issuer
 * search fields from it. Fields the embedded index derives (date in days, year, document-number
 * key, metadata text, themes) are computed here, by the same code.
 */
public final class OpenSearchSchema {
  private OpenSearchSchema() {}

  private static final String RESOURCE = "opensearch-index.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body of a create-index request: settings (analysis, similarity, shards) and mappings. */
  public static ObjectNode indexDefinition(int shards, int replicas) {
    try (InputStream in = OpenSearchSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenSearch index definition " + RESOURCE + " is missing from the corpus jar");
      }
      ObjectNode definition = (ObjectNode) JSON.readTree(in);
      ObjectNode index = (ObjectNode) definition.path("settings").path("index");
      index.put("number_of_shards", shards);
      index.put("number_of_replicas", replicas);
      return definition;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The source document for a release and the themes assigned to it. */
  public static Map<String, Object> source(PolicyDocument d, List<String> themes) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(Fields.ID, d.id());
    s.put(Fields.LANG, d.lang().code());
    s.put(Fields.storedTitle(d.lang()), d.title());
    s.put(Fields.storedBody(d.lang()), d.body());
    if (d.date() != null) {
      s.put(Fields.DATE, d.date().toString());
      s.put(Fields.DATE_DAYS, (int) d.date().toEpochDay());
      s.put(Fields.YEAR, Integer.toString(d.date().getYear()));
    }
    if (d.docNumber() != null) {
      s.put(Fields.DOC_NUMBER, d.docNumber());
      DocNumbers.key(d.docNumber()).ifPresent(key -> s.put(Fields.DOC_NUMBER_KEY, key));
    }
    putIfPresent(s, Fields.ISSUER, d.issuer());
    putIfPresent(s, Fields.TYPE, d.type());
    putIfPresent(s, Fields.SOURCE, d.source());
    putIfPresent(s, Fields.URL, d.url());
    putIfPresent(s, Fields.PAIR_ID, d.pairId());
    if (!themes.isEmpty()) {
      s.put(Fields.THEME, List.copyOf(themes));
    }
    s.put(Fields.META_TEXT, DocumentMapper.metaText(d));
    return s;
  }

  /** The release a source document holds. */
  public static PolicyDocument fromSource(Map<String, ?> s) {
    Language lang = Language.fromCode(text(s, Fields.LANG)).orElse(Language.ZH);
    String date = text(s, Fields.DATE);
    return new PolicyDocument(
        text(s, Fields.ID),
        lang,
        nullToEmpty(text(s, Fields.storedTitle(lang))),
        nullToEmpty(text(s, Fields.storedBody(lang))),
        date == null ? null : LocalDate.parse(date),
        text(s, Fields.URL),
        text(s, Fields.SOURCE),
        text(s, Fields.ISSUER),
        text(s, Fields.DOC_NUMBER),
        text(s, Fields.TYPE),
        text(s, Fields.PAIR_ID));
  }

  /** The themes of a source document. */
  public static List<String> themesOf(Map<String, ?> s) {
    Object value = s.get(Fields.THEME);
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v)));
    } else if (value != null) {
      out.add(value.toString());
    }
    return out;
  }

  private static void putIfPresent(Map<String, Object> s, String field, String value) {
    if (value != null) {
      s.put(field, value);
    }
  }

  private static String text(Map<String, ?> s, String field) {
    Object value = s.get(field);
    return value == null ? null : value.toString();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
