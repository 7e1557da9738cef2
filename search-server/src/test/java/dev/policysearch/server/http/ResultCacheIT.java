package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policysearch.server.PolicySearchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache through the HTTP API: a repeated search is answered from it with the same
 * hits, counts and facets; any other parameter is another search; a new index generation is
 * never answered from the old one's cache; {@code --result-cache-mb 0} turns it off.
 */
class ResultCacheIT {

  @TempDir static Path tmp;
  static Path index;

  @BeforeAll
  static void indexSample() throws Exception {
    index = SampleIndex.build(tmp.resolve("index"));
  }

  @Test
  void aRepeatedSearchIsAnsweredFromTheCacheWithTheSameAnswer() throws Exception {
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(index))) {
      ApiClient api = new ApiClient(server.port());
      JsonNode first = api.get("/api/search", "q", "新型工业化", "size", "3").json();
      JsonNode again = api.get("/api/search", "q", "新型工业化", "size", "3").json();
      assertFalse(first.get("cached").asBoolean(), first.toString());
      assertTrue(again.get("cached").asBoolean(), again.toString());
      assertTrue(first.get("total").asLong() > 0);
      // A third time, the hits and facets are the UTF-8 bytes kept from the second.
      JsonNode third = api.get("/api/search", "q", "新型工业化", "size", "3").json();
      for (String key : List.of("total", "hits", "facets", "generation", "counts_estimated", "timed_out")) {
        assertEquals(first.get(key), again.get(key), key);
        assertEquals(first.get(key), third.get(key), key);
      }

      // Another page, size, filter or sort is another search.
      assertFalse(api.get("/api/search", "q", "新型工业化", "size", "3", "page", "2").json().get("cached").asBoolean());
      assertFalse(api.get("/api/search", "q", "新型工业化", "size", "3", "lang", "zh").json().get("cached").asBoolean());
      assertFalse(api.get("/api/search", "q", "新型工业化", "size", "3", "sort", "date").json().get("cached").asBoolean());

      String metrics = api.get("/metrics").body();
      assertTrue(metrics.contains("policy_search_result_cache_hits_total 2.0"), metrics);
      assertTrue(metrics.contains("policy_search_result_cache_misses_total 4.0"), metrics);
      assertTrue(metrics.contains("policy_search_result_cache_entries 4.0"), metrics);
    }
  }

  @Test
  void aNewGenerationIsSearchedAgain() throws Exception {
    Path own = SampleIndex.build(tmp.resolve("own-index"));
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(own).withReloadSeconds(1))) {
      ApiClient api = new ApiClient(server.port());
      String word = "缓存测试专用词";
      JsonNode before = api.get("/api/search", "q", word).json();
      assertEquals(0, before.get("total").asLong());
      assertTrue(api.get("/api/search", "q", word).json().get("cached").asBoolean());

      Path extra = tmp.resolve("extra.jsonl");
      Files.writeString(
          extra,
          "{\"id\": \"cache-test-1\", \"lang\": \"zh\", \"title\": \"关于" + word + "的通知\", \"body\": \"本通知说明"
              + word + "的用法。\", \"date\": \"2024-05-01\", \"type\": \"policy\"}\n");
      var result = IndexerProcess.index(120, "--input", IndexerProcess.sampleCorpus().toString(), extra.toString(), "--index", own.toString(), "--quiet");
      assertEquals(0, result.exitCode(), result.output());
      String generation = before.get("generation").asText();
      JsonNode after = before;
      for (int i = 0; i < 100 && after.get("generation").asText().equals(generation); i++) {
        Thread.sleep(100);
        after = api.get("/api/search", "q", word).json();
      }
      assertNotEquals(generation, after.get("generation").asText(), "the server switched generations");
      assertFalse(after.get("cached").asBoolean(), after.toString());
      assertEquals(1, after.get("total").asLong(), after.toString());
      assertEquals("cache-test-1", after.get("hits").get(0).get("id").asText());
    }
  }

  @Test
  void zeroMegabytesTurnsTheCacheOff() throws Exception {
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(index).withResultCacheMegabytes(0))) {
      ApiClient api = new ApiClient(server.port());
      api.get("/api/search", "q", "新型工业化");
      assertFalse(api.get("/api/search", "q", "新型工业化").json().get("cached").asBoolean());
      assertFalse(api.get("/metrics").body().contains("policy_search_result_cache_hits_total"));
    }
  }
}
