package dev.policysearch.corpus;

import java.util.Locale;
import java.util.Optional;

/** The language of a release. It decides which analyzed fields a document is indexed into. */
public enum Language {
  ZH("zh"),
  EN("en");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  /** The ISO 639-1 code used in the corpus files, the index and the API. */
  public String code() {
    return code;
  }

  /** The language with this code (case-insensitive), or empty when the code is not one we index. */
  public static Optional<Language> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.trim().toLowerCase(Locale.ROOT);
    for (Language language : values()) {
      if (language.code.equals(wanted)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
