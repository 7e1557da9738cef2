package dev.policysearch.indexer.crawl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostGateTest {

  @Test
  void requestStartsToOneHostKeepTheirDistance() throws Exception {
    HostGate gate = new HostGate(1, 100);
    gate.atLeast(150); // a robots.txt Crawl-delay above the configured delay wins
    gate.atLeast(50); // ... and a smaller one never lowers it
    long started = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      gate.enter();
      gate.leave();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis >= 300, "three starts 150 ms apart took " + millis + " ms");
  }

  @Test
  void atMostTheCapIsInFlight() throws Exception {
    HostGate gate = new HostGate(1, 0);
    gate.enter();
    Thread second = Thread.ofPlatform().start(() -> {
      try {
        gate.enter();
        gate.leave();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    second.join(200);
    assertTrue(second.isAlive(), "the second request waits while the first is in flight");
    gate.leave();
    second.join(5_000);
    assertTrue(!second.isAlive(), "and goes once it is done");
  }
}
