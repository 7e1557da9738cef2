package dev.policysearch.indexer.crawl;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import dev.policysearch.corpus.store.JsonLinesWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A site's releases in the corpus JSON Lines format, {@code STORE/<site>.jsonl}: the hand-off from
 * crawl to index. During a crawl each release is appended and synced as soon as it is extracted;
 * when an id occurs twice the later line wins (as in the indexer). At the end of a run the file is
 * rewritten with one line per release, sorted by id, so the same crawl always leaves the same file.
 */
public final class CrawlStore implements AutoCloseable {

  private final Path file;
  private final Map<String, PolicyDocument> documents = new TreeMap<>();
  private final Map<String, String> idByHash = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private FileOutputStream out;

  private CrawlStore(Path file) {
    this.file = file;
  }

  public static CrawlStore open(Path file) throws IOException {
    CrawlStore store = new CrawlStore(file);
    if (Files.exists(file)) {
      long dropped = StoreFiles.dropPartialLastLine(file);
      if (dropped > 0) {
        store.problems.add(file + ": dropped an incomplete last line (" + dropped + " bytes) left by an interrupted crawl");
      }
      try (JsonLinesReader reader = JsonLinesReader.open(file)) {
        for (CorpusLine line : reader) {
          switch (line) {
            case CorpusLine.Parsed p -> store.remember(p.document());
            case CorpusLine.Rejected r -> store.problems.add(r.location() + ": " + r.reason() + " (skipped)");
          }
        }
      }
    }
    return store;
  }

  /** Problems met while opening: reported by the crawl, never fatal. */
  public List<String> problems() {
    return problems;
  }

  public Path file() {
    return file;
  }

  public Optional<PolicyDocument> get(String id) {
    return Optional.ofNullable(documents.get(id));
  }

  /** The id of a stored release with this content hash, if any. */
  public Optional<String> idWithHash(String hash) {
    return Optional.ofNullable(idByHash.get(hash));
  }

  public Collection<PolicyDocument> documents() {
    return documents.values();
  }

  /** Appends {@code document} and syncs it to disk before returning. */
  public synchronized void put(PolicyDocument document) throws IOException {
    if (out == null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      out = new FileOutputStream(file.toFile(), true);
    }
    out.write((JsonLinesWriter.toJson(document) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    out.getChannel().force(false);
    PolicyDocument previous = documents.get(document.id());
    if (previous != null) {
      idByHash.remove(contentHash(previous), document.id());
    }
    remember(document);
  }

  /** Forgets a release that disappeared from its site; the next compaction drops its line. */
  public synchronized boolean remove(String id) {
    PolicyDocument previous = documents.remove(id);
    if (previous != null) {
      idByHash.remove(contentHash(previous), id);
    }
    return previous != null;
  }

  /** Rewrites the file: one line per release, sorted by id. */
  public synchronized void compact() throws IOException {
    close();
    StoreFiles.replace(file, writer -> {
      for (PolicyDocument document : documents.values()) {
        writer.write(JsonLinesWriter.toJson(document));
        writer.write('\n');
      }
    });
  }

  private void remember(PolicyDocument document) {
    documents.put(document.id(), document);
    idByHash.putIfAbsent(contentHash(document), document.id());
  }

  /** A hash of a release's text with all whitespace removed: the same text under two URLs. */
  public static String contentHash(PolicyDocument document) {
    String text = (document.title() + "\n" + document.body()).replaceAll("\\s+", "");
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
