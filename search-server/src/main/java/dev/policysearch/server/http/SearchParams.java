package dev.policysearch.server.http;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.server.search.SearchRequest;
import dev.policysearch.server.search.SearchBackend;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and checks the parameters of {@code /api/search}. Every problem is collected, so one
 * response names every bad parameter.
 */
final class SearchParams {

  static final int MAX_SIZE = 100;

  private final List<ApiError.Detail> problems = new ArrayList<>();
  private final Map<String, Deque<String>> params;
  private final int maxQueryChars;

  private SearchParams(Map<String, Deque<String>> params, int maxQueryChars) {
    this.params = params;
    this.maxQueryChars = maxQueryChars;
  }

  /** The request, or the list of problems (never both). */
  record Outcome(SearchRequest request, List<ApiError.Detail> problems) {}

  static Outcome read(Map<String, Deque<String>> params, int maxQueryChars) {
    return new SearchParams(params, maxQueryChars).read();
  }

  private Outcome read() {
    String q = first("q");
    if (q == null || q.isBlank()) {
      problem("q", "missing_parameter", "q is required: the words to search for");
    } else if (q.length() > maxQueryChars) {
      problem("q", "bad_parameter", "q must be at most " + maxQueryChars + " characters, was " + q.length());
    }
    int page = integer("page", 1, 1, Integer.MAX_VALUE, "page must be a whole number from 1");
    int size = integer("size", 10, 1, MAX_SIZE, "size must be between 1 and " + MAX_SIZE);
    if (page > 0 && size > 0 && (long) page * size > SearchBackend.MAX_DEPTH) {
      problem("page", "bad_parameter", "page x size must be at most " + SearchBackend.MAX_DEPTH + "; narrow the search instead of paging this deep");
    }
    List<String> langs = all("lang");
    for (String lang : langs) {
      if (Language.fromCode(lang).isEmpty()) {
        problem("lang", "bad_parameter", "lang must be zh or en, was '" + lang + "'");
      }
    }
    List<String> types = all("type");
    for (String type : types) {
      if (!PolicyDocument.TYPES.contains(type)) {
        problem("type", "bad_parameter", "type must be one of " + String.join(", ", PolicyDocument.TYPES) + ", was '" + type + "'");
      }
    }
    LocalDate from = date("from");
    LocalDate to = date("to");
    if (from != null && to != null && from.isAfter(to)) {
      problem("from", "bad_parameter", "from (" + from + ") must not be after to (" + to + ")");
    }
    SearchRequest.Sort sort = SearchRequest.Sort.RELEVANCE;
    String sortText = first("sort");
    if (sortText != null && !sortText.isEmpty()) {
      switch (sortText.toLowerCase(Locale.ROOT)) {
        case "relevance" -> sort = SearchRequest.Sort.RELEVANCE;
        case "date" -> sort = SearchRequest.Sort.DATE;
        default -> problem("sort", "bad_parameter", "sort must be relevance or date, was '" + sortText + "'");
      }
    }
    boolean group = false;
    String groupText = first("group");
    if (groupText != null && !groupText.isEmpty()) {
      switch (groupText) {
        case "pairs" -> group = true;
        case "none" -> group = false;
        default -> problem("group", "bad_parameter", "group must be pairs or none, was '" + groupText + "'");
      }
    }
    if (!problems.isEmpty()) {
      return new Outcome(null, List.copyOf(problems));
    }
    List<String> langCodes = langs.stream().map(l -> Language.fromCode(l).orElseThrow().code()).distinct().toList();
    var request =
        new SearchRequest(q.strip(), page, size, langCodes, types, all("theme"), all("year"), all("issuer"), from, to, sort, group);
    return new Outcome(request, List.of());
  }

  private String first(String name) {
    Deque<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** Every non-empty value of a repeatable parameter; commas separate values too. */
  private List<String> all(String name) {
    Deque<String> values = params.get(name);
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private int integer(String name, int fallback, int min, int max, String message) {
    String text = first(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value < min || value > max) {
        problem(name, "bad_parameter", message + ", was " + value);
        return -1;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(name, "bad_parameter", message + ", was '" + abbreviate(text) + "'");
      return -1;
    }
  }

  private LocalDate date(String name) {
    String text = first(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problem(name, "bad_parameter", name + " must be a date as YYYY-MM-DD, was '" + abbreviate(text) + "'");
      return null;
    }
  }

  private void problem(String param, String code, String message) {
    problems.add(new ApiError.Detail(400, code, param, message));
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
