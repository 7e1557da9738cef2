package dev.policysearch.corpus.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a corpus file in the JSON Lines format (one release per line; {@code .gz} files are
 * decompressed on the fly). A line that cannot become a {@link PolicyDocument} is returned as a
 * {@link CorpusLine.Rejected} with the reason, so that one bad line never stops a run.
 */
public final class JsonLinesReader implements Closeable, Iterable<CorpusLine> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;
  private final BufferedReader reader;
  private long lineNumber;

  private JsonLinesReader(Path file, BufferedReader reader) {
    this.file = file;
    this.reader = reader;
  }

  /** Opens {@code file}; {@code bytesRead} hears of every chunk of the (compressed) file read. */
  public static JsonLinesReader open(Path file, LongConsumer bytesRead) throws IOException {
    InputStream raw = new CountingInputStream(Files.newInputStream(file), bytesRead);
    InputStream in = isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
    // Malformed UTF-8 becomes U+FFFD rather than an exception: the line is still worth indexing.
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new JsonLinesReader(file, new BufferedReader(new InputStreamReader(in, decoder), 1 << 16));
  }

  public static JsonLinesReader open(Path file) throws IOException {
    return open(file, n -> {});
  }

  /** Whether a file name looks like a corpus file this reader understands. */
  public static boolean isCorpusFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".ndjson")
        || name.endsWith(".ndjson.gz");
  }

  private static boolean isGzip(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  /** The next non-blank line, or null at the end of the file. */
  public CorpusLine next() throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (!line.isBlank()) {
        return parse(file, lineNumber, line);
      }
    }
    return null;
  }

  @Override
  public Iterator<CorpusLine> iterator() {
    return new Iterator<>() {
      private CorpusLine pending;

      @Override
      public boolean hasNext() {
        if (pending == null) {
          try {
            pending = JsonLinesReader.this.next();
          } catch (IOException e) {
            throw new UncheckedIOException(file + ":" + (lineNumber + 1) + ": " + e.getMessage(), e);
          }
        }
        return pending != null;
      }

      @Override
      public CorpusLine next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CorpusLine line = pending;
        pending = null;
        return line;
      }
    };
  }

  /** Turns one line of text into a document, or into the reason it cannot be one. */
  public static CorpusLine parse(Path file, long lineNumber, String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return new CorpusLine.Rejected(file, lineNumber, "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      return new CorpusLine.Rejected(file, lineNumber, "not a JSON object");
    }
    String id = text(node, "id");
    if (id == null || id.isBlank()) {
      return new CorpusLine.Rejected(file, lineNumber, "no id");
    }
    String langCode = text(node, "lang");
    if (langCode == null) {
      return new CorpusLine.Rejected(file, lineNumber, "id " + id + ": no lang");
    }
    var lang = Language.fromCode(langCode);
    if (lang.isEmpty()) {
      return new CorpusLine.Rejected(
          file, lineNumber, "id " + id + ": unknown lang '" + langCode + "' (expected zh or en)");
    }
    String body = text(node, "body");
    if (body == null || body.isBlank()) {
      return new CorpusLine.Rejected(file, lineNumber, "id " + id + ": body missing");
    }
    LocalDate date = null;
    String dateText = text(node, "date");
    if (dateText != null && !dateText.isBlank()) {
      try {
        date = LocalDate.parse(dateText.trim());
      } catch (DateTimeParseException e) {
        return new CorpusLine.Rejected(
            file, lineNumber, "id " + id + ": date '" + dateText + "' is not YYYY-MM-DD");
      }
    }
    String title = text(node, "title");
    var document =
        new PolicyDocument(
            id.trim(),
            lang.get(),
            title == null ? "" : title.strip(),
            body,
            date,
            blankToNull(text(node, "url")),
            blankToNull(text(node, "source")),
            blankToNull(text(node, "issuer")),
            blankToNull(text(node, "doc_number")),
            blankToNull(text(node, "type")),
            blankToNull(text(node, "pair_id")));
    return new CorpusLine.Parsed(file, lineNumber, document);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
