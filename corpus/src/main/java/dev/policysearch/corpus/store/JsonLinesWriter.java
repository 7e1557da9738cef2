package dev.policysearch.corpus.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policysearch.corpus.PolicyDocument;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes releases in the corpus JSON Lines format, keys in the documented order. A {@code .gz} file
 * is compressed. Opening appends to an existing file, so a store only ever grows.
 */
public final class JsonLinesWriter implements Closeable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final BufferedWriter writer;

  private JsonLinesWriter(BufferedWriter writer) {
    this.writer = writer;
  }

  public static JsonLinesWriter open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (file.getFileName().toString().endsWith(".gz")) {
      out = new GZIPOutputStream(out, 1 << 16);
    }
    return new JsonLinesWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
  }

  public void write(PolicyDocument document) throws IOException {
    writer.write(toJson(document));
    writer.write('\n');
  }

  public void flush() throws IOException {
    writer.flush();
  }

  /** The document as one line of JSON, keys in the corpus order, absent values as null. */
  public static String toJson(PolicyDocument d) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", d.id());
    node.put("lang", d.lang().code());
    node.put("title", d.title());
    node.put("body", d.body());
    node.put("date", d.date() == null ? null : d.date().toString());
    node.put("url", d.url());
    node.put("source", d.source());
    node.put("issuer", d.issuer());
    node.put("doc_number", d.docNumber());
    node.put("type", d.type());
    node.put("pair_id", d.pairId());
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise document " + d.id(), e);
    }
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
