package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

/** Test helper: the bundled sample corpus indexed through the command line into {@code dir}. */
final class SampleIndex {
  private SampleIndex() {}

  static Path build(Path dir) throws Exception {
    var result = IndexerProcess.index(120, "--input", IndexerProcess.sampleCorpus().toString(), "--index", dir.toString(), "--quiet");
    assertEquals(0, result.exitCode(), result.output());
    return dir;
  }
}
