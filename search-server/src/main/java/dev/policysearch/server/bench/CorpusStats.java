package dev.policysearch.server.bench;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an indexing run is given: files, documents and bytes. Throughput is reported over the
 * uncompressed UTF-8 bytes of title + body, the text that is analysed; the compressed size depends
 * on gzip and says little about the work.
 *
 * @param files the corpus files, in the order the indexer reads them
 * @param documents lines that parse as documents (skipped lines excluded)
 * @param compressedBytes size of the files on disk
 * @param textBytes UTF-8 bytes of every document's title + body
 */
public record CorpusStats(List<String> files, long documents, long compressedBytes, long textBytes) {

  /** The corpus files under {@code dir}, found and ordered the way the indexer finds them. */
  static List<Path> filesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("--corpus " + dir + ": no such folder");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(JsonLinesReader::isCorpusFile).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("--corpus " + dir + ": no *.jsonl or *.jsonl.gz files in it");
    }
    return files;
  }

  /** Reads every file once and counts. */
  static CorpusStats measure(List<Path> files) throws IOException {
    long documents = 0;
    long compressed = 0;
    long text = 0;
    for (Path file : files) {
      compressed += Files.size(file);
      try (JsonLinesReader reader = JsonLinesReader.open(file)) {
        for (CorpusLine line : reader) {
          if (line instanceof CorpusLine.Parsed parsed) {
            PolicyDocument d = parsed.document();
            documents++;
            text += d.title().getBytes(StandardCharsets.UTF_8).length + d.body().getBytes(StandardCharsets.UTF_8).length;
          }
        }
      }
    }
    return new CorpusStats(files.stream().map(Path::toString).toList(), documents, compressed, text);
  }
}
