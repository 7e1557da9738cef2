package dev.policysearch.indexer.crawl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a site's crawls have learnt, one entry per URL: validators for conditional requests, the
 * links a list page held (reused when it answers 304), the release id and content hash an article
 * gave, and its link to the other-language version. Kept as JSON lines in
 * {@code STORE/<site>.crawlstate}: appended and flushed as the crawl goes, so a crawl killed midway
 * loses nothing it learnt, and rewritten compactly at the end of a run.
 */
public final class CrawlState implements AutoCloseable {

  /** How a URL ended on its last visit. */
  public enum Status { LIST, STORED, EMPTY, DUPLICATE, OLDER, GONE, FAILED }

  /**
   * One URL's entry.
   *
   * @param url the URL as normalised (on the site's public host)
   * @param id the release stored from it
   * @param hash the content hash of that release's text
   * @param pairUrl the other-language version the page links to
   * @param links the release links of a list page, in page order
   * @param linkDates the dates shown beside them ("" where none)
   * @param pages further list pages a list page announced
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      String url,
      Status status,
      String etag,
      String lastModified,
      String id,
      String hash,
      String pairUrl,
      List<String> links,
      List<String> linkDates,
      List<String> pages) {

    public Fetcher.Validators validators() {
      return new Fetcher.Validators(etag, lastModified);
    }
  }

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path file;
  private final Map<String, Entry> entries = new TreeMap<>();
  private Writer log;

  private CrawlState(Path file) {
    this.file = file;
  }

  /** Reads the state of {@code file} (missing: empty); a line cut short by a crash is dropped. */
  public static CrawlState open(Path file) throws IOException {
    CrawlState state = new CrawlState(file);
    if (Files.exists(file)) {
      StoreFiles.dropPartialLastLine(file);
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          try {
            Entry entry = MAPPER.readValue(line, Entry.class);
            state.entries.put(entry.url(), entry);
          } catch (com.fasterxml.jackson.core.JacksonException e) {
            // A damaged entry only costs an unconditional fetch of its URL.
          }
        }
      }
    }
    return state;
  }

  public Optional<Entry> get(String url) {
    return Optional.ofNullable(entries.get(url));
  }

  public Collection<Entry> entries() {
    return entries.values();
  }

  /** Records {@code entry} (replacing the URL's previous one) and appends it to the log at once. */
  public synchronized void put(Entry entry) throws IOException {
    entries.put(entry.url(), entry);
    if (log == null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
    log.write(MAPPER.writeValueAsString(entry));
    log.write('\n');
    log.flush();
  }

  /** Rewrites the log with one line per URL, atomically. */
  public synchronized void compact() throws IOException {
    closeLog();
    StoreFiles.replace(file, out -> {
      for (Entry entry : entries.values()) {
        out.write(MAPPER.writeValueAsString(entry));
        out.write('\n');
      }
    });
  }

  private void closeLog() throws IOException {
    if (log != null) {
      log.close();
      log = null;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closeLog();
  }
}
