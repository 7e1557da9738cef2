package dev.policysearch.server.bench;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.store.CorpusLine;
import dev.policysearch.corpus.store.JsonLinesReader;
import dev.policysearch.corpus.store.JsonLinesWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Derives larger corpora from a real one, for the growth curve. A grown corpus of N releases holds
 * the real releases first, then derived ones: release i takes the metadata of real release
 * {@code i mod n} (language, type, source, issuer), a new id, its date moved by up to two years, a
 * title of another release of the same language, and as many paragraphs as its model, each drawn
 * from all paragraphs of that language. Term statistics, lengths and the language mix stay those
 * of real text, while no two releases are copies (a copy would make the index compress unfairly
 * well).
 *
 * <p>Derived releases carry no document number (numbers stay unique) and no pair. One seeded
 * {@link Random} draws everything in a fixed order, so a size is reproducible, and a smaller grown
 * corpus is the beginning of a larger one.
 */
final class CorpusGrower {
  private static final int DOCS_PER_FILE = 100_000;
  private static final int DATE_SHIFT_DAYS = 730;

  /** A real release's metadata (body dropped) and how many paragraphs its body had. */
  private record Model(PolicyDocument document, int paragraphs) {}

  private final List<Path> sources;
  private final long seed;
  private final List<Model> models = new ArrayList<>();
  private final Map<Language, List<String>> paragraphs = new EnumMap<>(Language.class);
  private final Map<Language, List<String>> titles = new EnumMap<>(Language.class);

  private CorpusGrower(List<Path> sources, long seed) {
    this.sources = List.copyOf(sources);
    this.seed = seed;
    for (Language language : Language.values()) {
      paragraphs.put(language, new ArrayList<>());
      titles.put(language, new ArrayList<>());
    }
  }

  /** Reads the real corpus once: models, and the paragraph and title pools per language. */
  static CorpusGrower load(List<Path> sources, long seed) throws IOException {
    CorpusGrower grower = new CorpusGrower(sources, seed);
    for (Path file : sources) {
      try (JsonLinesReader reader = JsonLinesReader.open(file)) {
        for (CorpusLine line : reader) {
          if (line instanceof CorpusLine.Parsed parsed) {
            grower.learn(parsed.document());
          }
        }
      }
    }
    if (grower.models.isEmpty()) {
      throw new IOException("no documents in " + sources + " to grow a corpus from");
    }
    return grower;
  }

  private void learn(PolicyDocument d) {
    String[] parts = d.body().split("\n");
    int kept = 0;
    for (String part : parts) {
      if (!part.isBlank()) {
        paragraphs.get(d.lang()).add(part);
        kept++;
      }
    }
    if (!d.title().isBlank()) {
      titles.get(d.lang()).add(d.title());
    }
    PolicyDocument meta =
        new PolicyDocument(d.id(), d.lang(), "", "", d.date(), d.url(), d.source(), d.issuer(), d.docNumber(), d.type(), d.pairId());
    models.add(new Model(meta, Math.max(1, kept)));
  }

  /** Real releases in the source corpus. */
  int realDocuments() {
    return models.size();
  }

  /** Writes a corpus of {@code size} releases into {@code dir} (emptied first) as .jsonl.gz files. */
  CorpusStats write(long size, Path dir, ProgressLog log) throws IOException {
    IndexingBench.deleteRecursively(dir);
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    Random random = new Random(seed);
    JsonLinesWriter writer = null;
    long written = 0;
    long textBytes = 0;
    try {
      for (Path source : sources) {
        try (JsonLinesReader reader = JsonLinesReader.open(source)) {
          for (CorpusLine line : reader) {
            if (written == size) {
              break;
            }
            if (line instanceof CorpusLine.Parsed parsed) {
              writer = rotate(writer, written, dir, files);
              writer.write(parsed.document());
              textBytes += textBytes(parsed.document());
              written++;
            }
          }
        }
      }
      for (; written < size; written++) {
        writer = rotate(writer, written, dir, files);
        PolicyDocument derived = derive(written, random);
        writer.write(derived);
        textBytes += textBytes(derived);
        if (written % DOCS_PER_FILE == 0) {
          log.say("growing a corpus of %,d: %,d written", size, written);
        }
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    long compressed = 0;
    for (Path file : files) {
      compressed += Files.size(file);
    }
    return new CorpusStats(files.stream().map(Path::toString).toList(), written, compressed, textBytes);
  }

  private static long textBytes(PolicyDocument d) {
    return d.title().getBytes(StandardCharsets.UTF_8).length + d.body().getBytes(StandardCharsets.UTF_8).length;
  }

  private static JsonLinesWriter rotate(JsonLinesWriter writer, long written, Path dir, List<Path> files) throws IOException {
    if (writer != null && written % DOCS_PER_FILE != 0) {
      return writer;
    }
    if (writer != null) {
      writer.close();
    }
    Path file = dir.resolve(String.format("grown-%03d.jsonl.gz", written / DOCS_PER_FILE));
    files.add(file);
    return JsonLinesWriter.open(file);
  }

  /** Release number {@code i} (beyond the real ones) of a grown corpus. */
  private PolicyDocument derive(long i, Random random) {
    Model model = models.get((int) (i % models.size()));
    long copy = i / models.size();
    PolicyDocument m = model.document();
    List<String> pool = paragraphs.get(m.lang());
    StringBuilder body = new StringBuilder();
    for (int p = 0; p < model.paragraphs(); p++) {
      if (p > 0) {
        body.append('\n');
      }
      body.append(pool.get(random.nextInt(pool.size())));
    }
    List<String> titlePool = titles.get(m.lang());
    String title = titlePool.isEmpty() ? "" : titlePool.get(random.nextInt(titlePool.size()));
    int shift = (1 + random.nextInt(DATE_SHIFT_DAYS)) * (random.nextBoolean() ? 1 : -1);
    LocalDate date = m.date() == null ? null : m.date().plusDays(shift);
    String url = m.url() == null ? null : m.url() + "#grown-" + copy;
    return new PolicyDocument(m.id() + "-grown-" + copy, m.lang(), title, body.toString(), date, url, m.source(), m.issuer(), null, m.type(), null);
  }
}
