import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.server.search.IndexGenerations;
import dev.policysearch.server.search.QueryLog;
import dev.policysearch.server.search.SearchRequest;
import dev.policysearch.server.search.SearchResult;
import dev.policysearch.server.search.SearchService;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes, for every query of a file, the total and the first two pages of hits (ids, scores,
 * titles, highlighted titles and snippets) as one build of the server answers them, so that two
 * builds can be compared with {@code cmp} (docs/BENCHMARKS.md, sixth session).
 *
 * <pre>
 * java -cp search-server/target/policy-search-server.jar docs/tools/SearchDump.java INDEX_ROOT QUERIES OUT
 * </pre>
 *
 * QUERIES: lines of a bench task file (kind, query, ...) or of ../shared/eval/queries.tsv (id,
 * lang, kind, query); lines starting with # are skipped.
 */
public class SearchDump {

  public static void main(String[] args) throws Exception {
    IndexGenerations generations = IndexGenerations.open(new IndexLayout(Path.of(args[0])));
    SearchService service =
        new SearchService(generations, new Analyzers(), ThemeClassifier.bundled(), 5000, new QueryLog(500), SearchService.DEFAULT_EXACT_COUNT_LIMIT, 0);
    try (PrintStream out = new PrintStream(new FileOutputStream(args[2]), true, StandardCharsets.UTF_8)) {
      for (String line : Files.readAllLines(Path.of(args[1]))) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        String q = fields.length >= 4 ? fields[3] : fields[1];
        SearchResult first = service.search(SearchRequest.of(q));
        out.println("Q " + q + " total=" + first.total());
        first.hits().forEach(hit -> out.println("  " + hit));
        service.search(SearchRequest.of(q).withPage(2, 10)).hits().forEach(hit -> out.println("  p2 " + hit));
      }
    }
    System.exit(0);
  }
}
