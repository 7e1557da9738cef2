package dev.policysearch.server.search;

import dev.policysearch.corpus.highlight.MarkFormatter;
import java.util.List;

/**
 * One ranked release. {@code titleHtml} and {@code snippets} are HTML-escaped with the matches in
 * {@code <mark>}; every other field is plain text. {@code pair} is the other-language version when
 * hits are grouped by pair and both versions matched. {@code translationOf} names the release this
 * one translates when it is listed only as the translation of a better match, not as a match of
 * its own (see PairPropagation). {@code placement} is {@code "other-language"} when the hit was moved
 * up to second place as the best match in the other language (see OtherLanguagePick), absent
 * otherwise.
 */
public record SearchHit(
    String id,
    String title,
    String titleHtml,
    List<String> snippets,
    String lang,
    String date,
    String type,
    String source,
    String issuer,
    String docNumber,
    String url,
    float score,
    String pairId,
    List<String> themes,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) SearchHit pair,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String translationOf,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String placement) {

  /** The hit for a release, whichever engine found it. */
  static SearchHit of(
      dev.policysearch.corpus.PolicyDocument d, String titleHtml, List<String> snippets, float score, List<String> themes, SearchHit pair,
      String translationOf) {
    return new SearchHit(
        d.id(),
        d.title(),
        titleHtml != null ? titleHtml : MarkFormatter.escape(d.title()),
        snippets,
        d.lang().code(),
        d.date() == null ? null : d.date().toString(),
        d.type(),
        d.source(),
        d.issuer(),
        d.docNumber(),
        d.url(),
        Float.isNaN(score) ? 0f : score,
        d.pairId(),
        themes,
        pair,
        translationOf,
        null);
  }

  /** This hit, marked as placed out of score order for the reason given. */
  SearchHit placed(String why) {
    return new SearchHit(
        id, title, titleHtml, snippets, lang, date, type, source, issuer, docNumber, url, score, pairId, themes, pair, translationOf, why);
  }
}
