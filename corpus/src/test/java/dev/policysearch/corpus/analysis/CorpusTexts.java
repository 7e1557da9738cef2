package dev.policysearch.corpus.analysis;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Test helper: releases of the bundled sample and of the shared corpus, for whole-corpus checks. */
final class CorpusTexts {
  private CorpusTexts() {}

  /** What a check does with one release. */
  @FunctionalInterface
  interface Check {
    void release(PolicyDocument document) throws IOException;
  }

  /** The bundled sample corpus. */
  static final Path SAMPLE = Path.of("sample", "policy-releases.jsonl");

  /**
   * The files of the shared corpus ({@code ../shared/corpus} beside the checkout, or where
   * POLICY_SEARCH_SHARED_CORPUS points); the calling test is skipped, saying why, without it.
   */
  static List<Path> sharedFiles() throws IOException {
    Path shared = Path.of("..", "..", "shared", "corpus").toAbsolutePath().normalize();
    String configured = System.getenv("POLICY_SEARCH_SHARED_CORPUS");
    if (configured != null && !configured.isBlank()) {
      shared = Path.of(configured);
    }
    Assumptions.assumeTrue(
        Files.isDirectory(shared), "shared corpus not found at " + shared + " (set POLICY_SEARCH_SHARED_CORPUS to compare on it)");
    try (Stream<Path> listing = Files.list(shared)) {
      return listing.filter(JsonLinesReader::isCorpusFile).sorted().toList();
    }
  }

  /** Runs {@code check} on every {@code every}th release of {@code file}; returns how many. */
  static int eachRelease(Path file, int every, Check check) throws IOException {
    int checked = 0;
    long line = 0;
    try (JsonLinesReader reader = JsonLinesReader.open(file)) {
      for (CorpusLine read : reader) {
        if (line++ % every != 0 || !(read instanceof CorpusLine.Parsed parsed)) {
          continue;
        }
        check.release(parsed.document());
        checked++;
      }
    }
    return checked;
  }
}
