package dev.policysearch.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts and times every request, and writes one access-log line for it when it completes. */
final class Instrumented implements HttpHandler {
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.policysearch.access");

  private final HttpHandler next;
  private final ServerMetrics metrics;

  Instrumented(HttpHandler next, ServerMetrics metrics) {
    this.next = next;
    this.metrics = metrics;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long started = System.nanoTime();
    String endpoint = ServerMetrics.endpoint(exchange);
    exchange.addExchangeCompleteListener(
        (ex, nextListener) -> {
          long nanos = System.nanoTime() - started;
          metrics.record(endpoint, ex.getStatusCode(), nanos);
          if (ACCESS.isInfoEnabled()) {
            String query = ex.getQueryString();
            ACCESS.info(
                "{} {} {}{} {} {}B {}ms",
                ex.getSourceAddress() == null ? "-" : ex.getSourceAddress().getAddress().getHostAddress(),
                ex.getRequestMethod(),
                ex.getRequestPath(),
                query == null || query.isEmpty() ? "" : "?" + (query.length() > 300 ? query.substring(0, 300) + "..." : query),
                ex.getStatusCode(),
                ex.getResponseBytesSent(),
                nanos / 1_000_000);
          }
          nextListener.proceed();
        });
    next.handleRequest(exchange);
  }
}
