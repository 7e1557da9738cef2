package dev.policysearch.indexer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policysearch.corpus.schema.Fields;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.PolicyCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code index} command as an admin runs it: exit code, tally, and the index it leaves. */
class IndexCommandTest {

  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {}

  private static Run index(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = IndexerMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Path fixture() throws URISyntaxException {
    return Path.of(IndexCommandTest.class.getResource("/fixtures/mixed.jsonl").toURI());
  }

  @Test
  void indexesGoodLinesAndReportsEachBadOneWithFileLineAndReason() throws Exception {
    Path indexDir = tmp.resolve("index");
    Run run = index("index", "--input", fixture().toString(), "--index", indexDir.toString(), "--quiet");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Indexed 3 documents from 1 file"), run.out());
    assertTrue(run.out().contains("Skipped 4 lines:"), run.out());
    String file = fixture().toString();
    assertTrue(run.out().contains(file + ":3: not JSON"), run.out());
    assertTrue(run.out().contains(file + ":4: no id"), run.out());
    assertTrue(run.out().contains(file + ":5: id fx-fr: unknown lang 'fr'"), run.out());
    assertTrue(run.out().contains(file + ":6: id fx-nobody: body missing"), run.out());
    assertEquals(3, documentsIn(indexDir));
  }

  @Test
  void reindexingPublishesANewGenerationAndKeepsThePreviousOne() throws Exception {
    Path indexDir = tmp.resolve("index");
    assertEquals(0, index("index", "--input", fixture().toString(), "--index", indexDir.toString(), "--quiet").exitCode());
    IndexLayout layout = new IndexLayout(indexDir);
    Path first = layout.current().orElseThrow();
    assertEquals(0, index("index", "--input", fixture().getParent().toString(), "--index", indexDir.toString(), "--quiet").exitCode());
    Path second = layout.current().orElseThrow();
    assertTrue(!first.equals(second), "a re-index writes a new generation");
    assertTrue(Files.isDirectory(first), "the previous generation stays for a server still reading it");
    assertEquals(3, documentsIn(indexDir));
  }

  @Test
  void aRunThatIndexesNothingLeavesTheCurrentIndexAlone() throws Exception {
    Path indexDir = tmp.resolve("index");
    assertEquals(0, index("index", "--input", fixture().toString(), "--index", indexDir.toString(), "--quiet").exitCode());
    Optional<Path> before = new IndexLayout(indexDir).current();
    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, "garbage\n{\"id\":\"x\"}\n");
    Run run = index("index", "--input", bad.toString(), "--index", indexDir.toString(), "--quiet");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("no document could be indexed"), run.err());
    assertEquals(before, new IndexLayout(indexDir).current());
    assertEquals(1, new IndexLayout(indexDir).generations().size(), "the empty generation was removed");
    assertEquals(3, documentsIn(indexDir));
  }

  @Test
  void aLaterLineWithTheSameIdReplacesTheEarlierOne() throws Exception {
    Path store = tmp.resolve("store.jsonl");
    Files.writeString(
        store,
        "{\"id\":\"a\",\"lang\":\"en\",\"title\":\"old\",\"body\":\"old text\"}\n"
            + "{\"id\":\"a\",\"lang\":\"en\",\"title\":\"new\",\"body\":\"new text\"}\n");
    Run run = index("index", "--input", store.toString(), "--index", tmp.resolve("i").toString(), "--quiet");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Indexed 1 documents"), run.out());
    assertTrue(run.out().contains("Replaced 1"), run.out());
    assertEquals(1, documentsIn(tmp.resolve("i")));
  }

  @Test
  void theLastOfManyLinesWithOneIdWinsWhateverTheWorkers() throws Exception {
    // Workers share one queue; a repeated id must still land in the order of the lines.
    StringBuilder lines = new StringBuilder();
    for (int version = 0; version < 100; version++) {
      lines.append("{\"id\":\"a\",\"lang\":\"en\",\"title\":\"version ").append(version).append("\",\"body\":\"text\"}\n");
      for (int other = 0; other < 3; other++) {
        lines.append("{\"id\":\"b").append(version * 3 + other).append("\",\"lang\":\"zh\",\"title\":\"其他\",\"body\":\"")
            .append("正文".repeat(other * 200 + 1)).append("\"}\n");
      }
    }
    Path store = tmp.resolve("versions.jsonl");
    Files.writeString(store, lines);
    Path indexDir = tmp.resolve("i");
    Run run = index("index", "--input", store.toString(), "--index", indexDir.toString(), "--threads", "4", "--quiet");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(301, documentsIn(indexDir));
    Path generation = new IndexLayout(indexDir).current().orElseThrow();
    try (var dir = FSDirectory.open(generation);
        var reader = DirectoryReader.open(dir)) {
      var hits = new IndexSearcher(reader).search(new TermQuery(new Term(Fields.ID, "a")), 10);
      assertEquals(1, hits.totalHits.value());
      assertEquals("version 99", reader.storedFields().document(hits.scoreDocs[0].doc).get(Fields.TITLE_EN));
    }
  }

  @Test
  void aCorpusThatFitsTheBufferBecomesOneSegmentPerWorkerAtMost() throws Exception {
    // Every search pays for every segment. Workers that finish early must not write their
    // segments while others still index, or those start new, small ones.
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 4000; i++) {
      lines.append("{\"id\":\"d").append(i).append("\",\"lang\":\"zh\",\"title\":\"标题").append(i).append("\",\"body\":\"")
          .append("正文内容".repeat(1 + i % 7)).append("\"}\n");
    }
    Path store = tmp.resolve("many.jsonl");
    Files.writeString(store, lines);
    for (int round = 0; round < 3; round++) {
      Path indexDir = tmp.resolve("i" + round);
      Run run = index("index", "--input", store.toString(), "--index", indexDir.toString(), "--threads", "4", "--quiet");
      assertEquals(0, run.exitCode(), run.err());
      try (var dir = FSDirectory.open(new IndexLayout(indexDir).current().orElseThrow());
          var reader = DirectoryReader.open(dir)) {
        assertEquals(4000, reader.numDocs());
        assertTrue(reader.leaves().size() <= 4, reader.leaves().size() + " segments from 4 workers");
      }
    }
  }

  @Test
  void theIndexIsWrittenWithTheProjectsCodecAndItsTextsReadBack() throws Exception {
    Path indexDir = tmp.resolve("index");
    Run run = index("index", "--input", fixture().toString(), "--index", indexDir.toString(), "--quiet");
    assertEquals(0, run.exitCode(), run.err());
    try (var dir = FSDirectory.open(new IndexLayout(indexDir).current().orElseThrow());
        var reader = DirectoryReader.open(dir)) {
      for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(dir)) {
        assertEquals(PolicyCodec.NAME, segment.info.getCodec().getName(), "stored fields kept as they are");
      }
      TopDocs hits = new IndexSearcher(reader).search(new TermQuery(new Term(Fields.ID, "fx-en-1")), 1);
      assertEquals(1, hits.scoreDocs.length);
      assertTrue(reader.storedFields().document(hits.scoreDocs[0].doc).get(Fields.BODY_EN).length() > 10);
    }
  }

  @Test
  void badRamBufferIsAUsageErrorAndTheHelpSaysTheDefault() throws Exception {
    Run run = index("index", "--input", fixture().toString(), "--index", tmp.resolve("i").toString(), "--ram-buffer-mb", "0");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--ram-buffer-mb must be between 1 and 16384 (MB), was 0"), run.err());
    Run help = index("index", "--help");
    assertTrue(help.out().contains("40% of the"), help.out());
    assertTrue(!help.out().contains("WARN") && !help.err().contains("WARN"), help.err());
  }

  @Test
  void missingInputIsAUsageErrorNamingTheFlag() {
    Run run = index("index", "--input", tmp.resolve("nope.jsonl").toString(), "--index", tmp.resolve("i").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--input " + tmp.resolve("nope.jsonl") + ": no such file or folder"), run.err());
  }

  @Test
  void badThreadCountIsAUsageError() throws Exception {
    Run run = index("index", "--input", fixture().toString(), "--index", tmp.resolve("i").toString(), "--threads", "0");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--threads must be between 1 and 256, was 0"), run.err());
  }

  private static int documentsIn(Path indexDir) throws IOException {
    Path generation = new IndexLayout(indexDir).current().orElseThrow();
    try (var dir = FSDirectory.open(generation);
        var reader = DirectoryReader.open(dir)) {
      return reader.numDocs();
    }
  }

  @Test
  void updateAddsReplacesAndDeletesInANewGenerationLeavingTheOldOneIntact() throws Exception {
    Path indexDir = tmp.resolve("index");
    assertEquals(0, index("index", "--input", fixture().toString(), "--index", indexDir.toString(), "--quiet").exitCode());
    Path before = new IndexLayout(indexDir).current().orElseThrow();
    Path changes = tmp.resolve("changes.jsonl");
    Files.writeString(
        changes,
        "{\"id\":\"fx-new\",\"lang\":\"en\",\"title\":\"New\",\"body\":\"A new release\"}\n"
            + "{\"id\":\"fx-zh-2\",\"lang\":\"zh\",\"title\":\"改\",\"body\":\"修改后的正文\"}\n");
    Run run =
        index("index", "--update", "--input", changes.toString(), "--delete", "fx-en-1", "--index", indexDir.toString(), "--quiet");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Deleted 1 id."), run.out());
    assertEquals(3, documentsIn(indexDir), "3 - 1 deleted + 1 new (the other replaced)");
    try (var dir = FSDirectory.open(before);
        var reader = DirectoryReader.open(dir)) {
      assertEquals(3, reader.numDocs(), "the previous generation is unchanged");
    }
  }

  @Test
  void updateWithoutAnIndexSaysToBuildOneFirst() throws Exception {
    Run run = index("index", "--update", "--input", fixture().toString(), "--index", tmp.resolve("none").toString(), "--quiet");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("run a full index first"), run.err());
  }

  @Test
  void deleteWithoutUpdateIsAUsageError() throws Exception {
    Run run = index("index", "--input", fixture().toString(), "--delete", "x", "--index", tmp.resolve("i").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--delete and --delete-file need --update"), run.err());
  }
}
