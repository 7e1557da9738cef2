package dev.policysearch.server;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.server.http.Routes;
import dev.policysearch.server.http.ServerSettings;
import dev.policysearch.server.search.IndexGenerations;
import dev.policysearch.server.search.OpenSearchBackend;
import dev.policysearch.server.search.SearchBackend;
import dev.policysearch.server.search.SearchService;
import dev.policysearch.server.admin.ReindexJobs;
import dev.policysearch.server.http.SearchGate;
import dev.policysearch.server.http.ServerMetrics;
import dev.policysearch.server.search.QueryLog;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.UndertowOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running search server: the index generation being served, the HTTP listener, and the watcher
 * that switches to a new generation when the indexer publishes one.
 */
public final class PolicySearchServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicySearchServer.class);

  private final IndexGenerations generations;
  private final SearchBackend backend;
  private final Undertow undertow;
  private final ScheduledExecutorService watcher;
  private final GracefulShutdownHandler graceful;
  private final SearchGate gate;
  private final ReindexJobs jobs;

  private PolicySearchServer(
      IndexGenerations generations, SearchBackend backend, Undertow undertow, ScheduledExecutorService watcher,
      GracefulShutdownHandler graceful, SearchGate gate, ReindexJobs jobs) {
    this.generations = generations;
    this.backend = backend;
    this.undertow = undertow;
    this.watcher = watcher;
    this.graceful = graceful;
    this.gate = gate;
    this.jobs = jobs;
  }

  /** The concurrent-search limiter (tests saturate it on purpose). */
  public SearchGate gate() {
    return gate;
  }

  /**
   * Opens the index (or connects to the OpenSearch cluster) and starts listening; port 0 picks a
   * free port (see {@link #port()}).
   */
  public static PolicySearchServer start(ServerSettings settings) throws IOException {
    ThemeClassifier themes = ThemeClassifier.bundled();
    QueryLog queryLog = new QueryLog(settings.slowQueryMillis());
    IndexGenerations generations = null;
    SearchBackend search;
    if (settings.openSearch() != null) {
      search = OpenSearchBackend.connect(settings.openSearch().url(), settings.openSearch().alias(), themes, settings.searchTimeoutMillis(), queryLog);
    } else {
      generations = IndexGenerations.open(new IndexLayout(settings.index()));
      search = new SearchService(generations, new Analyzers(), themes, settings.searchTimeoutMillis(), queryLog, settings.exactCountLimit(), settings.resultCacheMegabytes());
    }
    ServerMetrics metrics = new ServerMetrics(search);
    SearchGate gate = new SearchGate(settings.maxConcurrentSearches(), metrics);
    // Re-index from the admin API writes index generations: only for the embedded index.
    ReindexJobs jobs = new ReindexJobs(generations == null ? null : settings.indexerJar(), settings.index());
    GracefulShutdownHandler graceful =
        Handlers.gracefulShutdown(Routes.build(new Routes.Parts(search, settings, metrics, gate, jobs)));
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(settings.port(), settings.host())
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
            .setServerOption(UndertowOptions.MAX_PARAMETERS, 200)
            .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
            .setHandler(graceful)
            .build();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      search.close();
      if (generations != null) {
        generations.close();
      }
      throw new IOException(
          "cannot listen on " + settings.host() + ":" + settings.port() + " (" + rootMessage(e) + "); choose another with --port", e);
    }
    ScheduledExecutorService watcher = null;
    if (generations != null) {
      IndexGenerations watched = generations;
      watcher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("index-watcher").unstarted(r));
      watcher.scheduleWithFixedDelay(
          () -> {
            try {
              watched.maybeRefresh();
            } catch (IOException | RuntimeException e) {
              LOG.warn("could not switch to the new index generation, still serving {}: {}", watched.generation(), e.getMessage());
            }
          },
          settings.reloadSeconds(),
          settings.reloadSeconds(),
          TimeUnit.SECONDS);
    }
    return new PolicySearchServer(generations, search, undertow, watcher, graceful, gate, jobs);
  }

  /** Largest request body accepted (the admin re-index request is the only one with a body). */
  public static final long MAX_BODY_BYTES = 64L * 1024;

  /** How long shutdown waits for requests in flight to finish. */
  static final long DRAIN_MILLIS = 10_000;

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** The port actually listened on. */
  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** The embedded index generations; null when searching an OpenSearch cluster. */
  public IndexGenerations generations() {
    return generations;
  }

  /** The engine answering searches. */
  public SearchBackend backend() {
    return backend;
  }

  /** Stops taking requests, lets those in flight finish (up to {@link #DRAIN_MILLIS}), then stops. */
  @Override
  public void close() throws IOException {
    graceful.shutdown();
    try {
      graceful.awaitShutdown(DRAIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (watcher != null) {
      watcher.shutdownNow();
    }
    jobs.stop();
    undertow.stop();
    backend.close();
    if (generations != null) {
      generations.close();
    }
  }
}
