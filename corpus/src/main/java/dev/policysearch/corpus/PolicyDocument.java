package dev.policysearch.corpus;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One release: a speech, conference report, policy document, report or news item, in one language.
 *
 * <p>The fields are those of the corpus JSON Lines format. {@code id}, {@code lang}, {@code title}
 * and {@code body} are always present; the others may be null. {@code pairId} names the release in
 * the other language that this one translates or is translated by.
 */
public record PolicyDocument(
    String id,
    Language lang,
    String title,
    String body,
    LocalDate date,
    String url,
    String source,
    String issuer,
    String docNumber,
    String type,
    String pairId) {

  /** The document types of the corpus format; other values are kept but have no translation. */
  public static final java.util.List<String> TYPES =
      java.util.List.of("speech", "conference", "policy", "report", "news");

  public PolicyDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
  }

  public Optional<LocalDate> optionalDate() {
    return Optional.ofNullable(date);
  }
}
