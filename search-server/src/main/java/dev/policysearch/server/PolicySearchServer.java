package dev.policysearch.server;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.server.http.Routes;
import dev.policysearch.server.http.ServerSettings;
import dev.policysearch.server.search.IndexGenerations;
import dev.policysearch.server.search.SearchService;
import io.undertow.Undertow;
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
  private final Undertow undertow;
  private final ScheduledExecutorService watcher;

  private PolicySearchServer(IndexGenerations generations, Undertow undertow, ScheduledExecutorService watcher) {
    this.generations = generations;
    this.undertow = undertow;
    this.watcher = watcher;
  }

  /** Opens the index and starts listening; port 0 picks a free port (see {@link #port()}). */
  public static PolicySearchServer start(ServerSettings settings) throws IOException {
    IndexGenerations generations = IndexGenerations.open(new IndexLayout(settings.index()));
    ThemeClassifier themes = ThemeClassifier.bundled();
    SearchService search = new SearchService(generations, new Analyzers(), themes);
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(settings.port(), settings.host())
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
            .setServerOption(UndertowOptions.MAX_PARAMETERS, 200)
            .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
            .setHandler(Routes.build(search, settings))
            .build();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      generations.close();
      throw new IOException(
          "cannot listen on " + settings.host() + ":" + settings.port() + " (" + rootMessage(e) + "); choose another with --port", e);
    }
    ScheduledExecutorService watcher =
        Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("index-watcher").unstarted(r));
    watcher.scheduleWithFixedDelay(
        () -> {
          try {
            generations.maybeRefresh();
          } catch (IOException | RuntimeException e) {
            LOG.warn("could not switch to the new index generation, still serving {}: {}", generations.generation(), e.getMessage());
          }
        },
        settings.reloadSeconds(),
        settings.reloadSeconds(),
        TimeUnit.SECONDS);
    return new PolicySearchServer(generations, undertow, watcher);
  }

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

  public IndexGenerations generations() {
    return generations;
  }

  @Override
  public void close() throws IOException {
    watcher.shutdownNow();
    undertow.stop();
    generations.close();
  }
}
