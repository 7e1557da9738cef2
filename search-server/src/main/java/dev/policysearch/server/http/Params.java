package dev.policysearch.server.http;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;

/** Small parameter readers shared by the handlers that take one or two numbers. */
final class Params {
  private Params() {}

  /**
   * The integer parameter {@code name} within [min, max], {@code fallback} when absent; when it
   * is not such a number, answers 400 naming the parameter and returns -1.
   */
  static int integer(HttpServerExchange exchange, String name, int fallback, int min, int max) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
      return fallback;
    }
    String text = values.getFirst().strip();
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    Json.error(
        exchange,
        ApiError.of(400, "bad_parameter", name, name + " must be a whole number between " + min + " and " + max + ", was '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'"));
    return -1;
  }
}
