package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An answer computed on a worker thread ends its exchange on the connection's IO thread: ended on
 * the worker, it would leave the IO thread spinning while it waits for the worker to finish.
 */
class JsonSendTest {

  /** The start's warm-up writes a whole answer: a hit with its pair, facets, snake_case names. */
  @Test
  void theStartsWarmUpWritesAWholeSearchAnswer() {
    String json = new String(Json.prepare(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(json.contains("\"hits\":[{\"id\":\"zh-1\""), json);
    assertTrue(json.contains("\"translation_of\":\"zh-1\""), json);
    assertTrue(json.contains("\"facets\":{\"type\":[{\"value\":\"speech\""), json);
    assertTrue(json.contains("\\u003Cmark\\u003E") && !json.contains("<mark>"), json);
  }

  @Test
  void answerFromAWorkerEndsOnTheIoThread() throws Exception {
    BlockingQueue<String> handledOn = new ArrayBlockingQueue<>(8);
    BlockingQueue<String> endedOn = new ArrayBlockingQueue<>(8);
    HttpHandler handler =
        exchange -> {
          if (exchange.isInIoThread()) {
            exchange.dispatch(exchange.getDispatchExecutor(), () -> {
              handledOn.add(Thread.currentThread().getName());
              exchange.addExchangeCompleteListener((ex, next) -> {
                endedOn.add(Thread.currentThread().getName());
                next.proceed();
              });
              Json.send(exchange, 200, Map.of("answer", "答复"));
            });
          }
        };
    Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
    server.start();
    try {
      int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
      HttpClient client = HttpClient.newHttpClient();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response =
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("{\"answer\":\"答复\"}", response.body());
        String worker = handledOn.poll(5, TimeUnit.SECONDS);
        String ended = endedOn.poll(5, TimeUnit.SECONDS);
        assertTrue(worker != null && !worker.contains("I/O"), "handled on a worker thread, not " + worker);
        assertTrue(ended != null && ended.contains("I/O"), "ended on an IO thread, not " + ended);
      }
    } finally {
      server.stop();
    }
  }
}
