import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;

/**
 * Times one analysis stage over the titles and bodies of corpus files, in memory, on one thread,
 * for comparing two builds or two stages (docs/BENCHMARKS.md, tenth session). Each round runs the
 * stage over every text once and prints the tokens and seconds; the first rounds are the JIT's.
 *
 * <pre>
 * java -Xmx2g -cp indexer/target/policy-search-indexer.jar docs/tools/AnalysisProbe.java \
 *     STAGE ROUNDS FILE...
 * </pre>
 *
 * Stages: {@code smartcn} (smartcn's own HMMChineseTokenizer), {@code segmenter} (ours,
 * dev.policysearch.corpus.analysis.ChineseWordTokenizer, from the tenth session on), {@code words}
 * (the whole Chinese word chain the index uses), {@code bigrams} (the bigram chain).
 */
public class AnalysisProbe {

  public static void main(String[] args) throws Exception {
    String stage = args[0];
    int rounds = Integer.parseInt(args[1]);
    List<String> texts = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      try (JsonLinesReader reader = JsonLinesReader.open(Path.of(args[i]))) {
        for (CorpusLine line : reader) {
          if (line instanceof CorpusLine.Parsed parsed) {
            texts.add(parsed.document().title());
            texts.add(parsed.document().body());
          }
        }
      }
    }
    Tokenizer tokenizer = null;
    Analyzer analyzer = null;
    switch (stage) {
      case "smartcn" -> tokenizer = new HMMChineseTokenizer();
      case "segmenter" ->
          tokenizer = (Tokenizer) Class.forName("dev.policysearch.corpus.analysis.ChineseWordTokenizer").getConstructor().newInstance();
      case "words" -> analyzer = new Analyzers().chineseWords();
      case "bigrams" -> analyzer = new Analyzers().chineseBigrams();
      default -> throw new IllegalArgumentException("stage: smartcn, segmenter, words or bigrams, not " + stage);
    }
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      long tokens = tokenizer != null ? tokenize(tokenizer, texts) : analyze(analyzer, texts);
      System.out.printf("%s round %d: %,d tokens in %.2f s%n", stage, round, tokens, (System.nanoTime() - start) / 1e9);
    }
  }

  private static long tokenize(Tokenizer tokenizer, List<String> texts) throws IOException {
    long tokens = 0;
    for (String text : texts) {
      tokenizer.setReader(new StringReader(text == null ? "" : text));
      tokenizer.reset();
      while (tokenizer.incrementToken()) {
        tokens++;
      }
      tokenizer.end();
      tokenizer.close();
    }
    return tokens;
  }

  private static long analyze(Analyzer analyzer, List<String> texts) throws IOException {
    long tokens = 0;
    for (String text : texts) {
      try (TokenStream stream = analyzer.tokenStream("f", text == null ? "" : text)) {
        stream.reset();
        while (stream.incrementToken()) {
          tokens++;
        }
        stream.end();
      }
    }
    return tokens;
  }
}
