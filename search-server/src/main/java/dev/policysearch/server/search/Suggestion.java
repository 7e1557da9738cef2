package dev.policysearch.server.search;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the search box's drop-down: a lexicon term to search for, or a title to open. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suggestion(String text, String kind, String id) {

  static Suggestion term(String text) {
    return new Suggestion(text, "term", null);
  }

  static Suggestion title(String text, String id) {
    return new Suggestion(text, "title", id);
  }
}
