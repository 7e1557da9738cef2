package dev.policysearch.server.http;

import dev.policysearch.corpus.opensearch.ClusterClient;
import dev.policysearch.server.admin.ReindexJobs;
import dev.policysearch.server.search.SearchBackend;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP route of the server, and the one handler chain they run in: security headers, then
 * (off the IO thread) error handling, then the route.
 *
 * <pre>
 * GET /api/search           ranked, highlighted hits and facet counts
 * GET /api/documents/{id}   one whole release
 * GET /api/documents/{id}/related   releases like it
 * GET /api/suggest          lexicon terms and titles for what was typed
 * GET /api/admin/status    index generation, size, re-index progress (bearer token)
 * GET /api/admin/stats     top, zero-hit and slow queries (bearer token)
 * POST /api/admin/reindex  full or incremental re-index in the background (bearer token)
 * GET /healthz              200 once an index is open
 * GET /metrics              Prometheus metrics
 * GET /                     the search page (static files from the classpath folder web/)
 * </pre>
 */
public final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private Routes() {}

  /** The parts the routes need, built once by the server. */
  public record Parts(SearchBackend search, ServerSettings settings, ServerMetrics metrics, SearchGate gate, ReindexJobs jobs) {}

  /**
   * Work every new server does before its first answer and that needs nothing of its settings:
   * run on a background thread from the server's start ({@code ServerCli}).
   */
  public static void prepare() {
    Json.prepare();
  }

  public static HttpHandler build(Parts parts) {
    SearchBackend search = parts.search();
    ServerSettings settings = parts.settings();
    SearchGate gate = parts.gate();
    AdminHandlers admin = new AdminHandlers(search, parts.jobs(), settings.adminToken(), settings.index());
    RoutingHandler routes =
        Handlers.routing()
            .get("/api/search", gate.guard(new SearchHandler(search, settings.maxQueryChars())))
            .get("/api/documents/{id}", new DocumentHandler(search))
            .get("/api/documents/{id}/related", gate.guard(new RelatedHandler(search)))
            .get("/api/suggest", gate.guard(new SuggestHandler(search)))
            .get("/api/admin/status", admin.guarded(admin::status))
            .get("/api/admin/stats", admin.guarded(admin::stats))
            .post("/api/admin/reindex", admin.guarded(admin::reindex))
            .get("/healthz", new HealthHandler(search))
            .get("/metrics", parts.metrics().handler())
            .setFallbackHandler(staticFiles())
            .setInvalidMethodHandler(Routes::methodNotAllowed);
    HttpHandler chain = new OffIoThread(new ErrorBoundary(routes));
    chain = new Cors(settings.corsOrigins(), chain);
    chain = new Instrumented(chain, parts.metrics());
    return new SecurityHeaders(chain);
  }

  private static HttpHandler staticFiles() {
    ResourceHandler files =
        new ResourceHandler(new ClassPathResourceManager(Routes.class.getClassLoader(), "web"))
            .setWelcomeFiles("index.html")
            .setDirectoryListingEnabled(false);
    return exchange -> {
      String path = exchange.getRelativePath();
      if (path.startsWith("/api/") || path.equals("/api")) {
        notFound(exchange);
        return;
      }
      if (!exchange.getRequestMethod().equalToString("GET") && !exchange.getRequestMethod().equalToString("HEAD")) {
        methodNotAllowed(exchange);
        return;
      }
      files.handleRequest(exchange);
      if (!exchange.isResponseStarted() && exchange.getStatusCode() == 404) {
        notFound(exchange);
      }
    };
  }

  static void notFound(HttpServerExchange exchange) {
    Json.error(exchange, ApiError.of(404, "not_found", null, "no such page or endpoint: " + abbreviate(exchange.getRequestPath())));
  }

  static void methodNotAllowed(HttpServerExchange exchange) {
    String allowed = exchange.getRequestPath().equals("/api/admin/reindex") ? "POST" : "GET, HEAD";
    exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
    Json.error(
        exchange,
        ApiError.of(405, "method_not_allowed", null, exchange.getRequestMethod() + " is not allowed here; use " + allowed));
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  /**
   * Runs the route on a worker thread, as the IO threads must never wait for a search. Only a
   * request with a body (the admin re-index) is put in blocking mode to read it; every other
   * answer is sent by {@link Json#send}, which hands the write back to the connection's IO thread.
   */
  private record OffIoThread(HttpHandler next) implements HttpHandler {
    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
      if (exchange.isInIoThread()) {
        exchange.dispatch(this);
        return;
      }
      if (exchange.getRequestMethod().equalToString("POST") || exchange.getRequestMethod().equalToString("PUT")) {
        exchange.startBlocking();
      }
      next.handleRequest(exchange);
    }
  }

  /**
   * Turns any unexpected failure into a 500 with a request id (the stack trace goes to the log),
   * and an OpenSearch cluster that does not answer into a 503 with Retry-After.
   */
  private record ErrorBoundary(HttpHandler next) implements HttpHandler {
    @Override
    public void handleRequest(HttpServerExchange exchange) {
      try {
        next.handleRequest(exchange);
      } catch (ClusterClient.UnreachableException | ClusterClient.ClusterException e) {
        if (e instanceof ClusterClient.ClusterException answered && answered.status() < 500) {
          fail(exchange, e);
          return;
        }
        // The OpenSearch cluster is down or failing: not this request's fault, and worth a retry.
        LOG.warn("request {} {}: the search cluster did not answer: {}", exchange.getRequestMethod(), exchange.getRequestPath(), e.getMessage());
        if (!exchange.isResponseStarted()) {
          exchange.getResponseHeaders().clear();
          exchange.getResponseHeaders().put(new HttpString("Retry-After"), "5");
          Json.error(exchange, ApiError.of(503, "search_unavailable", null, "the search cluster is not answering; try again shortly"));
        }
      } catch (Throwable t) {
        fail(exchange, t);
      }
    }

    private static void fail(HttpServerExchange exchange, Throwable t) {
      String requestId = UUID.randomUUID().toString().substring(0, 8);
      LOG.error("request {} {} failed (request id {})", exchange.getRequestMethod(), exchange.getRequestPath(), requestId, t);
      if (!exchange.isResponseStarted()) {
        exchange.getResponseHeaders().clear();
        Json.error(exchange, ApiError.of(500, "internal_error", null, "the server failed to answer; request id " + requestId));
      }
    }
  }

  /** Headers that keep the page and the API from being framed, sniffed or used to load other origins. */
  private record SecurityHeaders(HttpHandler next) implements HttpHandler {
    private static final HttpString CSP = new HttpString("Content-Security-Policy");
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString FRAME = new HttpString("X-Frame-Options");
    private static final HttpString REFERRER = new HttpString("Referrer-Policy");

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
      var headers = exchange.getResponseHeaders();
      headers.put(
          CSP,
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
              + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
      headers.put(NOSNIFF, "nosniff");
      headers.put(FRAME, "DENY");
      headers.put(REFERRER, "no-referrer");
      next.handleRequest(exchange);
    }
  }
}
