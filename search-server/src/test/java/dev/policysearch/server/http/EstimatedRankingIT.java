package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.policysearch.server.PolicySearchServer;
import dev.policysearch.server.search.SearchService;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search whose counts are estimated ranks by its terms alone, without the title-overlap bonus
 * (which would leave block-max WAND nothing to skip on a large index); a search counted exactly
 * keeps it. 600 releases with the same body: all match equally, and only one title shares the
 * query's wording without holding a term whole. The other language's best match takes second
 * place whether the search is counted exactly or estimated.
 */
class EstimatedRankingIT {

  @TempDir static Path tmp;
  static Path index;

  static final String QUERY = "大中小学生 参加劳动";

  @BeforeAll
  static void indexReleases() throws Exception {
    Path corpus = tmp.resolve("releases.jsonl");
    ObjectMapper json = new ObjectMapper();
    try (BufferedWriter out = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 600; i++) {
        // "a-…" ids sort before "z-overlap": among equal scores, ties go by id.
        String id = i == 0 ? "z-overlap" : String.format("a-%03d", i);
        String title = i == 0 ? "关于全面加强大中小学劳动教育的意见" : "关于做好暑期工作的通知";
        out.write(json.writeValueAsString(Map.of("id", id, "lang", "zh", "title", title, "body", "各地组织大中小学生参加劳动，开展社会实践。", "type", "policy")));
        out.write('\n');
        if (i % 3 == 0) {
          // For the other language's pick: Chinese releases on the business environment, spread
          // over the index so that the sample finds them, and one English release (below) whose
          // title says it in English.
          out.write(json.writeValueAsString(Map.of("id", String.format("b-%03d", i), "lang", "zh", "title", "关于优化营商环境的通知", "body", "持续优化营商环境，激发市场活力。", "type", "policy")));
          out.write('\n');
        }
      }
      out.write(
          json.writeValueAsString(
              Map.of("id", "en-business", "lang", "en", "title", "Regulations on Optimizing the Business Environment", "body", "The business environment will keep improving.", "type", "policy")));
      out.write('\n');
    }
    index = tmp.resolve("index");
    var result = IndexerProcess.index(120, "--input", corpus.toString(), "--index", index.toString(), "--quiet");
    assertEquals(0, result.exitCode(), result.output());
  }

  private static JsonNode first(PolicySearchServer server) {
    return new ApiClient(server.port()).get("/api/search", "q", QUERY, "size", "1").json();
  }

  @Test
  void anExactlyCountedSearchRanksTheOverlappingTitleFirst() throws Exception {
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(index))) {
      JsonNode answer = first(server);
      assertEquals(false, answer.get("counts_estimated").asBoolean());
      assertEquals("z-overlap", answer.get("hits").get(0).get("id").asText());
    }
  }

  @Test
  void anEstimatedSearchRanksByItsTermsAlone() throws Exception {
    // Exact up to 1 match: an index of 5 or more releases is sampled for a search this broad.
    try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(index).withExactCountLimit(1))) {
      JsonNode answer = first(server);
      assertEquals(true, answer.get("counts_estimated").asBoolean());
      assertEquals("a-001", answer.get("hits").get(0).get("id").asText(), "equal matches, ties by id, no title bonus");
    }
  }

  @Test
  void theOtherLanguagesBestMatchIsPlacedSecondWhetherCountedOrEstimated() throws Exception {
    for (int limit : new int[] {SearchService.DEFAULT_EXACT_COUNT_LIMIT, 1}) {
      try (PolicySearchServer server = PolicySearchServer.start(ServerSettings.defaults(index).withExactCountLimit(limit))) {
        JsonNode answer = new ApiClient(server.port()).get("/api/search", "q", "营商环境", "size", "3").json();
        assertEquals(limit == 1, answer.get("counts_estimated").asBoolean(), answer.toString());
        JsonNode second = answer.get("hits").get(1);
        assertEquals("en-business", second.get("id").asText(), answer.toString());
        assertEquals("other-language", second.get("placement").asText());
      }
    }
  }
}
