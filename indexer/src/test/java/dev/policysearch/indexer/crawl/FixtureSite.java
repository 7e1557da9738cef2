package dev.policysearch.indexer.crawl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixture web site on 127.0.0.1 (ephemeral port) for crawler tests: serves folders of saved or
 * written pages by URL path, answers conditional requests (ETag, Last-Modified) with 304, and
 * plays the misbehaviours real sites show on chosen paths. It records every request.
 */
final class FixtureSite implements AutoCloseable {

  /** Misbehaviours a path can be given. */
  enum Behaviour { FAIL_ONCE, SLOW, TRICKLE, REDIRECT_LOOP, HUGE, GONE }

  /** A request as the server saw it. */
  record Seen(String path, boolean conditional, int status) {}

  private static final String LAST_MODIFIED = "Mon, 01 Apr 2024 08:00:00 GMT";

  private final HttpServer server;
  private final List<Path> roots = new ArrayList<>();
  private final Map<String, Path> files = new ConcurrentHashMap<>();
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile String gatePath;
  private volatile CountDownLatch gateArrived;
  private volatile CountDownLatch gateRelease;

  private FixtureSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  /** Serves each folder as the site root (earlier folders win). */
  static FixtureSite serving(Path... folders) throws IOException {
    FixtureSite site = new FixtureSite();
    site.roots.addAll(List.of(folders));
    return site;
  }

  /** Serves one more file at {@code path}. */
  FixtureSite withFile(String path, Path file) {
    files.put(path, file);
    return this;
  }

  FixtureSite behave(String path, Behaviour behaviour) {
    behaviours.put(path, behaviour);
    return this;
  }

  /** Holds requests for {@code path}: {@code arrived} counts down, the answer waits for {@code release}. */
  void gate(String path, CountDownLatch arrived, CountDownLatch release) {
    gateArrived = arrived;
    gateRelease = release;
    gatePath = path;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  void clearRequests() {
    seen.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    boolean conditional = exchange.getRequestHeaders().containsKey("If-None-Match") || exchange.getRequestHeaders().containsKey("If-Modified-Since");
    int status;
    try {
      status = answer(exchange, path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
      exchange.sendResponseHeaders(503, -1);
    }
    seen.add(new Seen(path, conditional, status));
    exchange.close();
  }

  private int answer(HttpExchange exchange, String path) throws IOException, InterruptedException {
    if (path.equals(gatePath)) {
      gateArrived.countDown();
      gateRelease.await(60, TimeUnit.SECONDS);
    }
    Behaviour behaviour = behaviours.get(path);
    int hit = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    if (behaviour == Behaviour.FAIL_ONCE && hit == 1) {
      return send(exchange, 500, "text/plain", "temporary failure".getBytes());
    }
    if (behaviour == Behaviour.GONE) {
      return send(exchange, 404, "text/html", "<html><body>removed</body></html>".getBytes());
    }
    if (behaviour == Behaviour.SLOW) {
      Thread.sleep(2_000);
    }
    if (behaviour == Behaviour.REDIRECT_LOOP) {
      String other = path.endsWith("a.htm") ? path.replace("a.htm", "b.htm") : path.replace("b.htm", "a.htm");
      exchange.getResponseHeaders().add("Location", other);
      return send(exchange, 302, "text/plain", new byte[0]);
    }
    if (behaviour == Behaviour.HUGE) {
      byte[] big = ("<html><body><h1 class=\"title\">超大页面</h1><div id=\"content\">" + "<p>填充文字。</p>".repeat(200_000) + "</div></body></html>").getBytes();
      return send(exchange, 200, "text/html", big);
    }
    Path file = resolve(path);
    if (file == null) {
      return send(exchange, 404, "text/html", "<html><body>404 Not Found</body></html>".getBytes());
    }
    byte[] body = Files.readAllBytes(file);
    String etag = "\"" + HexFormat.of().formatHex(sha1(body)) + "\"";
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    exchange.getResponseHeaders().add("ETag", etag);
    exchange.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
    if (etag.equals(ifNoneMatch)) {
      exchange.sendResponseHeaders(304, -1);
      return 304;
    }
    if (behaviour == Behaviour.TRICKLE) {
      // Headers at once, then the first bytes, then nothing for longer than any read timeout.
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body, 0, 100);
        out.flush();
        Thread.sleep(3_000);
        out.write(body, 100, body.length - 100);
      } catch (IOException e) {
        // the crawler gave up, as it should
      }
      return 200;
    }
    String name = file.getFileName().toString();
    String type = name.endsWith(".txt") ? "text/plain" : "text/html"; // no charset: pages must say or be detected
    return send(exchange, 200, type, body);
  }

  private Path resolve(String path) {
    if (files.containsKey(path)) {
      return files.get(path);
    }
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty() || relative.endsWith("/")) {
      relative += "index.html"; // a folder URL, as web servers answer it
    }
    if (relative.contains("..")) {
      return null;
    }
    for (Path root : roots) {
      Path candidate = root.resolve(relative).normalize();
      if (candidate.startsWith(root) && Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static int send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      } catch (IOException e) {
        // the crawler hung up (a page over its size limit): nothing to do
      }
    }
    return status;
  }

  private static byte[] sha1(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
