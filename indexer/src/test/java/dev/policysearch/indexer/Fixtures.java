package dev.policysearch.indexer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where the crawler's fixtures are: our fixture sites, and the saved real pages of ../shared. */
public final class Fixtures {

  private Fixtures() {}

  /** {@code src/test/resources/fixture-sites}: one folder per site profile. */
  public static Path sites() {
    return Path.of("src", "test", "resources", "fixture-sites").toAbsolutePath();
  }

  /** The test-only profile folder of the robustness fixtures. */
  public static Path edgeCaseProfiles() {
    return sites().resolve("edge-cases").resolve("profile");
  }

  /** The shared corpus ({@code ../shared/corpus} beside the checkout, or POLICY_SEARCH_SHARED_CORPUS). */
  public static Path sharedCorpus() {
    String configured = System.getenv("POLICY_SEARCH_SHARED_CORPUS");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of("..", "..", "shared", "corpus").toAbsolutePath().normalize();
  }

  /** The saved real pages and their URLs, from {@code html/MANIFEST.tsv}: file name -> URL. */
  public static Map<String, String> sharedPages() throws IOException {
    Map<String, String> pages = new LinkedHashMap<>();
    Path manifest = sharedCorpus().resolve("html").resolve("MANIFEST.tsv");
    List<String> lines = Files.readAllLines(manifest);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t");
      if (cells.length >= 3) {
        pages.put(cells[0], cells[1]);
      }
    }
    return pages;
  }

  public static boolean hasSharedPages() {
    return Files.isRegularFile(sharedCorpus().resolve("html").resolve("MANIFEST.tsv"));
  }

  /** The URL path of a saved page, where a fixture site serves it. */
  public static String pathOf(String url) {
    return java.net.URI.create(url).getRawPath();
  }
}
