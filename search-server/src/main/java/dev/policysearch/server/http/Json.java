package dev.policysearch.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.policysearch.server.search.SearchHit;
import dev.policysearch.server.search.SearchResult;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes JSON responses. Field names are snake_case, as in the corpus format. */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER = mapper();

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    return mapper;
  }

  /**
   * Escapes {@code < > & '} as {@code \u003c} and so on: a response that echoes what a user typed
   * then never holds markup, even when a browser is tricked into reading it as HTML.
   */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] escapes;

    HtmlSafeEscapes() {
      escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      for (char c : new char[] {'<', '>', '&', '\''}) {
        escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  /**
   * Writes one search answer's shape (a response with a hit, its pair and facet counts) and
   * throws it away: Jackson's first answer builds its serializers and loads some hundreds of
   * classes, about a tenth of a second of a new server's first search when left to it. Returns
   * what it wrote (tests).
   */
  static byte[] prepare() {
    SearchHit pair =
        new SearchHit("en-1", "Title", "<mark>Title</mark>", List.of("snippet"), "en", "2026-01-01", "speech", "source",
            "issuer", null, "https://example.org/en", 1f, "p", List.of("theme"), null, "zh-1", null);
    SearchHit hit =
        new SearchHit("zh-1", "标题", "<mark>标题</mark>", List.of("片段"), "zh", "2026-01-01", "speech", "source", "issuer",
            "国发〔2026〕1号", "https://example.org/zh", 1f, "p", List.of("theme"), pair, null, "why");
    Map<String, List<SearchResult.FacetValue>> facets = Map.of("type", List.of(new SearchResult.FacetValue("speech", "讲话", "Speech", 1)));
    string(List.of(hit));
    try {
      return MAPPER.writeValueAsBytes(
          new SearchHandler.SearchResponse("标题", 1, 1, 10, 1, List.of(hit), facets, "gen", false, false, false, List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void send(HttpServerExchange exchange, int status, Object body) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise response", e);
    }
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
    sendOnIoThread(exchange, ByteBuffer.wrap(bytes));
  }

  /**
   * Sends a whole response body. From a worker thread of a non-blocking exchange, the write and
   * the end of the exchange are handed to the connection's IO thread: an exchange that ends on a
   * worker thread leaves a short window in which the IO thread, reading the client's next request
   * on the same connection, spins until the worker has finished (with 2 cores, a spinning IO
   * thread takes the CPU the worker needs to finish; docs/BENCHMARKS.md, twelfth session).
   */
  static void sendOnIoThread(HttpServerExchange exchange, ByteBuffer body) {
    if (exchange.isInIoThread() || exchange.isBlocking()) {
      exchange.getResponseSender().send(body);
    } else {
      exchange.dispatch(exchange.getIoThread(), () -> exchange.getResponseSender().send(body));
    }
  }

  static void error(HttpServerExchange exchange, ApiError error) {
    send(exchange, error.error().status(), error);
  }

  static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
