package dev.policysearch.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.opensearch.testing.OpenSearchNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hc.core5.http.HttpHost;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.indices.analyze.AnalyzeToken;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Our plugin in a real OpenSearch node: an index whose fields use the three analyzers tokenizes
 * every text exactly as our in-process {@link Analyzers} do (term, position and offsets of every
 * token), and a match query on a Chinese word field finds the right document.
 */
class PluginAnalysisIT {

  private static final String INDEX = "policies";
  private static final String WORDS_FIELD = "title_zh";
  private static final String BIGRAMS_FIELD = "title_zh_bigram";
  private static final String ENGLISH_FIELD = "title_en";

  private static final Analyzers IN_PROCESS = new Analyzers();

  private static OpenSearchNode node;
  private static OpenSearchTransport transport;
  private static OpenSearchClient client;

  @BeforeAll
  static void startNodeAndCreateIndex() throws IOException, InterruptedException, URISyntaxException {
    node = OpenSearchNode.startWithOurPlugin();
    System.out.printf("OpenSearch node ready at %s after %d ms%n", node.httpUrl(), node.startupTime().toMillis());
    transport =
        ApacheHttpClient5TransportBuilder.builder(HttpHost.create(node.httpUrl()))
            .setMapper(new JacksonJsonpMapper())
            .build();
    client = new OpenSearchClient(transport);
    client
        .indices()
        .create(
            index ->
                index
                    .index(INDEX)
                    .settings(settings -> settings.numberOfShards(1).numberOfReplicas(0))
                    .mappings(
                        mapping ->
                            mapping
                                .properties(WORDS_FIELD, text(PolicySearchPlugin.CHINESE_WORDS))
                                .properties(BIGRAMS_FIELD, text(PolicySearchPlugin.CHINESE_BIGRAMS))
                                .properties(ENGLISH_FIELD, text(PolicySearchPlugin.ENGLISH))));
  }

  private static Property text(String analyzer) {
    return Property.of(
        property -> property.text(text -> text.analyzer(analyzer)));
  }

  @AfterAll
  static void stopNode() throws IOException {
    if (transport != null) {
      transport.close();
    }
    if (node != null) {
      node.close();
    }
  }

  static Stream<Arguments> texts() {
    List<String> texts =
        List.of(
            "国务院关于推动光伏产业高质量发展的意见",
            "習近平在十八大上的講話",
            "国发〔2024〕7号",
            "工信部印发《关于加快推进新型工业化的指导意见》，推动５Ｇ网络建设",
            "Green and low-carbon development of industries",
            "The State Council's opinions on industrialization (2025)");
    return Stream.of(WORDS_FIELD, BIGRAMS_FIELD, ENGLISH_FIELD)
        .flatMap(field -> texts.stream().map(text -> Arguments.of(field, text)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("texts")
  void openSearchTokenizesAsOurAnalyzers(String field, String text) throws IOException {
    List<Token> inProcess = tokens(analyzerOf(field), field, text);
    List<Token> fromNode =
        client.indices().analyze(request -> request.index(INDEX).field(field).text(text)).tokens().stream()
            .map(PluginAnalysisIT::token)
            .toList();

    assertFalse(inProcess.isEmpty(), "the in-process analyzer produced no tokens for " + text);
    assertEquals(inProcess, fromNode, field + " tokens of " + text);
  }

  @Test
  void matchQueryOnChineseWordsFindsTheRightDocument() throws IOException {
    index("solar", "国务院关于推动光伏产业高质量发展的意见");
    index("water", "关于加强农村饮水安全工作的通知");

    assertEquals(List.of("solar"), search("光伏产业"));
    assertEquals(List.of("water"), search("饮水安全"));
    // Traditional characters fold to simplified on both sides.
    assertEquals(List.of("solar"), search("光伏產業"));
  }

  private static void index(String id, String title) throws IOException {
    client.index(request -> request.index(INDEX).id(id).document(Map.of(WORDS_FIELD, title)).refresh(Refresh.True));
  }

  private static List<String> search(String words) throws IOException {
    return client
        .search(
            request ->
                request
                    .index(INDEX)
                    .query(query -> query.match(match -> match.field(WORDS_FIELD).query(FieldValue.of(words)))),
            Map.class)
        .hits()
        .hits()
        .stream()
        .map(Hit::id)
        .toList();
  }

  private static Analyzer analyzerOf(String field) {
    return switch (field) {
      case WORDS_FIELD -> IN_PROCESS.chineseWords();
      case BIGRAMS_FIELD -> IN_PROCESS.chineseBigrams();
      case ENGLISH_FIELD -> IN_PROCESS.english();
      default -> throw new IllegalArgumentException("no analyzer for field " + field);
    };
  }

  /** A token as the _analyze API reports it: positions count from 0 by position increments. */
  private record Token(String term, int position, int startOffset, int endOffset) {}

  private static Token token(AnalyzeToken token) {
    return new Token(token.token(), token.position(), token.startOffset(), token.endOffset());
  }

  private static List<Token> tokens(Analyzer analyzer, String field, String text) throws IOException {
    List<Token> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        tokens.add(new Token(term.toString(), position, offset.startOffset(), offset.endOffset()));
      }
      stream.end();
    }
    return tokens;
  }
}
