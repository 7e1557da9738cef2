package dev.policysearch.server.http;

import dev.policysearch.server.search.SearchBackend;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The server's Prometheus metrics and the {@code GET /metrics} handler that exposes them. */
public final class ServerMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  final Counter requests;
  final Histogram latency;
  final Gauge searchesInFlight;
  final Counter rejected;

  public ServerMetrics(SearchBackend backend) {
    requests =
        Counter.builder()
            .name("policy_search_http_requests_total")
            .help("HTTP requests answered, by endpoint and status")
            .labelNames("endpoint", "status")
            .register(registry);
    latency =
        Histogram.builder()
            .name("policy_search_http_request_duration_seconds")
            .help("Time to answer an HTTP request, by endpoint and status")
            .labelNames("endpoint", "status")
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    searchesInFlight =
        Gauge.builder().name("policy_search_searches_in_flight").help("Searches running now").register(registry);
    rejected =
        Counter.builder()
            .name("policy_search_searches_rejected_total")
            .help("Searches refused with 503 because the concurrent-search limit was reached")
            .register(registry);
    GaugeWithCallback.builder()
        .name("policy_search_index_generation")
        .help("Number of the index generation being served")
        .callback(
            cb -> {
              try {
                cb.call(generationNumber(backend.served().name()));
              } catch (IOException | RuntimeException e) {
                // no value this scrape
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("policy_search_index_documents")
        .help("Documents in the index generation being served")
        .callback(
            cb -> {
              try {
                cb.call(backend.served().documents());
              } catch (IOException | RuntimeException e) {
                // no value this scrape
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("policy_search_index_size_bytes")
        .help("Size on disk of the index generation being served")
        .callback(
            cb -> {
              try {
                long size = backend.served().sizeBytes();
                if (size >= 0) {
                  cb.call(size);
                }
              } catch (IOException | RuntimeException e) {
                // no value this scrape
              }
            })
        .register(registry);
    if (backend.resultCache().isPresent()) {
      CounterWithCallback.builder()
          .name("policy_search_result_cache_hits_total")
          .help("Searches answered from the result cache")
          .callback(cb -> backend.resultCache().ifPresent(c -> cb.call(c.hits())))
          .register(registry);
      CounterWithCallback.builder()
          .name("policy_search_result_cache_misses_total")
          .help("Searches not in the result cache, searched in the index")
          .callback(cb -> backend.resultCache().ifPresent(c -> cb.call(c.misses())))
          .register(registry);
      GaugeWithCallback.builder()
          .name("policy_search_result_cache_entries")
          .help("Answers held in the result cache")
          .callback(cb -> backend.resultCache().ifPresent(c -> cb.call(c.entries())))
          .register(registry);
      GaugeWithCallback.builder()
          .name("policy_search_result_cache_bytes")
          .help("Estimated memory held by the result cache's answers")
          .callback(cb -> backend.resultCache().ifPresent(c -> cb.call(c.estimatedBytes())))
          .register(registry);
    }
    registerJvmMetrics(registry);
  }

  /**
   * The JVM's own metrics (memory, GC, threads, classes, compilation, buffer pools, process), as
   * the metrics library's standard set, less native-memory tracking: that set's probe for it
   * starts the JVM's whole management server (about 0.1-0.3 s of every start, measured with a
   * profiler), and reports nothing unless the JVM runs with -XX:NativeMemoryTracking.
   */
  private static void registerJvmMetrics(PrometheusRegistry registry) {
    JvmThreadsMetrics.builder().register(registry);
    JvmBufferPoolMetrics.builder().register(registry);
    JvmClassLoadingMetrics.builder().register(registry);
    JvmCompilationMetrics.builder().register(registry);
    JvmGarbageCollectorMetrics.builder().register(registry);
    JvmMemoryPoolAllocationMetrics.builder().register(registry);
    JvmMemoryMetrics.builder().register(registry);
    JvmRuntimeInfoMetric.builder().register(registry);
    ProcessMetrics.builder().register(registry);
  }

  /** The number at the end of a generation folder or physical index name (gen-000003, policy-000003). */
  static double generationNumber(String name) {
    try {
      return Long.parseLong(name.substring(name.indexOf('-') + 1));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  void record(String endpoint, int status, long nanos) {
    String code = Integer.toString(status);
    requests.labelValues(endpoint, code).inc();
    latency.labelValues(endpoint, code).observe(nanos / 1e9);
  }

  /** {@code GET /metrics}: every metric in the Prometheus text format. */
  HttpHandler handler() {
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    return exchange -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
      writer.write(out, registry.scrape());
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PrometheusTextFormatWriter.CONTENT_TYPE);
      Json.sendOnIoThread(exchange, ByteBuffer.wrap(out.toByteArray()));
    };
  }

  /** The endpoint label of a request: its route, never its raw path (bounded cardinality). */
  static String endpoint(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    if (path.equals("/api/search")) {
      return "search";
    } else if (path.equals("/api/suggest")) {
      return "suggest";
    } else if (path.startsWith("/api/documents/") && path.endsWith("/related")) {
      return "related";
    } else if (path.startsWith("/api/documents/")) {
      return "document";
    } else if (path.startsWith("/api/admin/")) {
      return "admin";
    } else if (path.equals("/healthz")) {
      return "health";
    } else if (path.equals("/metrics")) {
      return "metrics";
    } else if (path.startsWith("/api")) {
      return "api-other";
    }
    return "page";
  }
}
