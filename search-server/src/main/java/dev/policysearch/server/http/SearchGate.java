package dev.policysearch.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.util.HttpString;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps the searches running at once. A request that finds every slot taken waits briefly; if
 * none frees up it gets 503 with Retry-After, so an overload sheds requests instead of queueing
 * them until everything times out.
 */
public final class SearchGate {

  static final long WAIT_MILLIS = 100;
  static final String RETRY_AFTER_SECONDS = "1";

  private final Semaphore slots;
  private final ServerMetrics metrics;

  public SearchGate(int maxConcurrent, ServerMetrics metrics) {
    this.slots = new Semaphore(maxConcurrent, true);
    this.metrics = metrics;
  }

  /** The slots themselves (tests hold them to saturate the server deterministically). */
  public Semaphore slots() {
    return slots;
  }

  HttpHandler guard(HttpHandler next) {
    return exchange -> {
      if (!slots.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        metrics.rejected.inc();
        exchange.getResponseHeaders().put(new HttpString("Retry-After"), RETRY_AFTER_SECONDS);
        Json.error(exchange, ApiError.of(503, "overloaded", null, "too many searches at once; retry in " + RETRY_AFTER_SECONDS + " s"));
        return;
      }
      metrics.searchesInFlight.inc();
      try {
        next.handleRequest(exchange);
      } finally {
        metrics.searchesInFlight.dec();
        slots.release();
      }
    };
  }
}
