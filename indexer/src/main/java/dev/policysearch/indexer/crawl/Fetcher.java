package dev.policysearch.indexer.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches pages politely: robots.txt obeyed (Disallow and Crawl-delay), a least delay and a cap on
 * requests in flight per host, retries with backoff on 429, 5xx and timeouts, redirects followed
 * by hand (counted, loops detected, each hop checked against robots.txt), a page size limit and
 * conditional requests (ETag, Last-Modified). Uses the JDK's HTTP client.
 */
public final class Fetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);

  /** Validators from an earlier fetch, sent to get a 304 when nothing changed. */
  public record Validators(String etag, String lastModified) {}

  /** What became of a fetch. */
  public sealed interface Outcome {
    String url();

    /** In words, for logs and check-profile. */
    String describe();

    /** A page: {@code url} is where it was finally read from, after redirects. */
    record Page(String url, byte[] body, String contentType, Validators validators) implements Outcome {
      public String describe() {
        return "fetched " + body.length + " bytes";
      }
    }

    record NotModified(String url) implements Outcome {
      public String describe() {
        return "not modified";
      }
    }

    record RobotsDenied(String url) implements Outcome {
      public String describe() {
        return "robots.txt forbids it";
      }
    }

    /** An HTTP status other than 2xx/304, after any retries. */
    record HttpError(String url, int status) implements Outcome {
      public String describe() {
        return "HTTP " + status;
      }
    }

    /** No answer usable: timeout, too large, redirect loop, network failure. */
    record Failed(String url, String reason) implements Outcome {
      public String describe() {
        return reason;
      }
    }
  }

  /** Cuts off bodies that take too long (one daemon thread for every fetcher). */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("fetch-deadlines").unstarted(r));

  private final FetchSettings settings;
  private final HttpClient client;
  private final Map<String, HostGate> hosts = new ConcurrentHashMap<>();
  private final Map<String, BaseRobotRules> robots = new ConcurrentHashMap<>();

  public Fetcher(FetchSettings settings) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout())
            .build();
  }

  /**
   * Fetches {@code url}; {@code validators} (may be null) make it conditional. {@code toFetch} maps
   * a redirect target to where it is really fetched (a mirror).
   */
  public Outcome fetch(String url, Validators validators, UnaryOperator<String> toFetch) throws InterruptedException {
    Set<String> chain = new LinkedHashSet<>();
    String current = url;
    for (int hop = 0; ; hop++) {
      if (!chain.add(current)) {
        return new Outcome.Failed(url, "redirect loop: " + String.join(" -> ", chain) + " -> " + current);
      }
      if (hop > settings.maxRedirects()) {
        return new Outcome.Failed(url, "more than " + settings.maxRedirects() + " redirects");
      }
      URI uri;
      try {
        uri = URI.create(current);
      } catch (IllegalArgumentException e) {
        return new Outcome.Failed(url, "not a valid URL: " + current);
      }
      if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().matches("https?")) {
        return new Outcome.Failed(url, "not an http(s) URL: " + current);
      }
      if (settings.obeyRobots() && !robotsFor(uri).isAllowed(current)) {
        return new Outcome.RobotsDenied(current);
      }
      Outcome outcome = fetchWithRetries(uri, hop == 0 ? validators : null);
      if (outcome instanceof Redirect redirect) {
        current = toFetch.apply(uri.resolve(redirect.location().strip().replace(" ", "%20")).toString());
        continue;
      }
      return outcome;
    }
  }

  /** A redirect, followed by {@link #fetch}; never returned to callers. */
  private record Redirect(String url, String location) implements Outcome {
    public String describe() {
      return "redirect to " + location;
    }
  }

  private Outcome fetchWithRetries(URI uri, Validators validators) throws InterruptedException {
    Duration wait = settings.backoff();
    for (int attempt = 0; ; attempt++) {
      Attempt result = once(uri, validators);
      boolean last = attempt >= settings.retries();
      if (!result.retryable() || last) {
        if (result.retryable()) {
          LOG.debug("{}: giving up after {} attempts: {}", uri, attempt + 1, result.outcome().describe());
        }
        return result.outcome();
      }
      Duration pause = wait;
      if (result.retryAfter().isPresent() && result.retryAfter().get().compareTo(wait) > 0) {
        pause = result.retryAfter().get();
      }
      LOG.debug("{}: {} (attempt {}), retrying in {} ms", uri, result.outcome().describe(), attempt + 1, pause.toMillis());
      Thread.sleep(Math.min(pause.toMillis(), 60_000));
      wait = wait.multipliedBy(2);
    }
  }

  private record Attempt(Outcome outcome, boolean retryable, Optional<Duration> retryAfter) {
    static Attempt done(Outcome outcome) {
      return new Attempt(outcome, false, Optional.empty());
    }
  }

  private Attempt once(URI uri, Validators validators) throws InterruptedException {
    String url = uri.toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.readTimeout())
            .header("User-Agent", settings.userAgent())
            .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
            .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");
    if (validators != null) {
      if (validators.etag() != null) {
        request.header("If-None-Match", validators.etag());
      }
      if (validators.lastModified() != null) {
        request.header("If-Modified-Since", validators.lastModified());
      }
    }
    HostGate gate = gate(uri);
    gate.enter();
    try {
      HttpResponse<InputStream> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      try (InputStream body = response.body()) {
        if (status == 304) {
          return Attempt.done(new Outcome.NotModified(url));
        }
        if (status >= 300 && status < 400 && status != 304) {
          Optional<String> location = response.headers().firstValue("Location");
          if (location.isEmpty()) {
            return Attempt.done(new Outcome.HttpError(url, status));
          }
          return Attempt.done(new Redirect(url, location.get()));
        }
        if (status == 429 || status >= 500) {
          return new Attempt(new Outcome.HttpError(url, status), true, retryAfter(response));
        }
        if (status < 200 || status >= 300) {
          return Attempt.done(new Outcome.HttpError(url, status));
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > settings.maxPageBytes()) {
          return Attempt.done(new Outcome.Failed(url, "page of " + declared + " bytes is over the limit of " + settings.maxPageBytes()));
        }
        byte[] bytes;
        // The request timeout covers the wait for the headers only; a body that trickles is cut
        // off by closing its stream when the same time has passed again.
        var late = new java.util.concurrent.atomic.AtomicBoolean();
        var cutOff =
            DEADLINES.schedule(
                () -> {
                  late.set(true); // before closing: the reader may fail as soon as the stream closes
                  closeQuietly(body);
                },
                settings.readTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
          bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxPageBytes() + 1));
        } catch (IOException e) {
          if (late.get()) {
            return new Attempt(new Outcome.Failed(url, "page not received within " + settings.readTimeout().toMillis() + " ms"), true, Optional.empty());
          }
          throw e;
        } finally {
          cutOff.cancel(false);
        }
        if (bytes.length > settings.maxPageBytes()) {
          return Attempt.done(new Outcome.Failed(url, "page is over the limit of " + settings.maxPageBytes() + " bytes"));
        }
        var headers = response.headers();
        Validators seen = new Validators(headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null));
        return Attempt.done(new Outcome.Page(url, bytes, headers.firstValue("Content-Type").orElse(null), seen));
      }
    } catch (HttpTimeoutException e) {
      return new Attempt(new Outcome.Failed(url, "no response within " + settings.readTimeout().toMillis() + " ms"), true, Optional.empty());
    } catch (ConnectException e) {
      return new Attempt(new Outcome.Failed(url, "cannot connect: " + message(e)), true, Optional.empty());
    } catch (IOException e) {
      return new Attempt(new Outcome.Failed(url, "network error: " + message(e)), true, Optional.empty());
    } finally {
      gate.leave();
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))));
      } catch (NumberFormatException e) {
        return Optional.empty(); // an HTTP date: keep our own backoff
      }
    });
  }

  /** The robots rules of a host, fetched once per crawl; a missing robots.txt allows everything. */
  BaseRobotRules robotsFor(URI uri) throws InterruptedException {
    String origin = uri.getScheme() + "://" + uri.getRawAuthority();
    BaseRobotRules rules = robots.get(origin);
    if (rules != null) {
      return rules;
    }
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    parser.setMaxCrawlDelay(settings.maxCrawlDelay().toMillis());
    String robotsUrl = origin + "/robots.txt";
    Attempt attempt = once(URI.create(robotsUrl), null);
    if (attempt.outcome() instanceof Outcome.Page page) {
      rules = parser.parseContent(robotsUrl, page.body(), page.contentType() == null ? "text/plain" : page.contentType(), List.of(FetchSettings.ROBOT_NAME));
    } else if (attempt.outcome() instanceof Outcome.HttpError error) {
      rules = parser.failedFetch(error.status());
    } else {
      // Redirected, unreachable or too large: read as "no robots.txt", as most crawlers do.
      rules = parser.failedFetch(404);
    }
    if (rules.getCrawlDelay() != BaseRobotRules.UNSET_CRAWL_DELAY && rules.getCrawlDelay() > 0) {
      // The parser already read a delay over maxCrawlDelay as "do not crawl".
      gate(uri).atLeast(rules.getCrawlDelay());
      LOG.info("{} asks for a crawl delay of {} ms", robotsUrl, rules.getCrawlDelay());
    }
    robots.put(origin, rules);
    return rules;
  }

  private HostGate gate(URI uri) {
    return hosts.computeIfAbsent(uri.getRawAuthority().toLowerCase(java.util.Locale.ROOT), h -> new HostGate(settings.perHostConcurrency(), settings.delay().toMillis()));
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing to abort: nothing more to do
    }
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    client.close();
  }
}
