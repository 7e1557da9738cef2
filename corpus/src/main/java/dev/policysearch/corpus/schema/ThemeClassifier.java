package dev.policysearch.corpus.schema;

import dev.policysearch.corpus.PolicyDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Assigns key-task themes to a release at index time from the editable rules file {@code
 * themes.tsv}: a release has a theme when its title names one of the theme's keywords, or its body
 * mentions them at least {@link #BODY_HITS} times in all.
 */
public final class ThemeClassifier {

  /** Body mentions needed when the title names none of a theme's keywords. */
  public static final int BODY_HITS = 3;

  public static final String RESOURCE = "/dev/policysearch/corpus/lexicon/themes.tsv";

  private final List<Theme> themes;

  /** One theme: its id (used in the index and the API), names, and keywords in both languages. */
  public record Theme(String id, String zh, String en, List<String> zhKeywords, List<String> enKeywords) {}

  private ThemeClassifier(List<Theme> themes) {
    this.themes = List.copyOf(themes);
  }

  /** The rules shipped with the project. */
  public static ThemeClassifier bundled() {
    try (InputStream in = ThemeClassifier.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return new ThemeClassifier(List.of());
      }
      return parse(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Rules from a file of the same format (for editing without a rebuild). */
  public static ThemeClassifier fromFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    }
  }

  public static ThemeClassifier none() {
    return new ThemeClassifier(List.of());
  }

  static ThemeClassifier parse(InputStream in, String name) throws IOException {
    List<Theme> themes = new ArrayList<>();
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    boolean header = true;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (header) {
        header = false;
        if (cols[0].equals("id")) {
          continue;
        }
      }
      if (cols.length != 5) {
        throw new IOException(name + ":" + number + ": expected 5 tab-separated columns, found " + cols.length);
      }
      themes.add(
          new Theme(cols[0].strip(), cols[1].strip(), cols[2].strip(), alternatives(cols[3]), alternatives(cols[4])));
    }
    return new ThemeClassifier(themes);
  }

  private static List<String> alternatives(String column) {
    List<String> out = new ArrayList<>();
    for (String part : column.split("\\|")) {
      String value = part.strip().toLowerCase(Locale.ROOT);
      if (!value.isEmpty()) {
        out.add(value);
      }
    }
    return out;
  }

  public List<Theme> themes() {
    return themes;
  }

  public Optional<Theme> theme(String id) {
    return themes.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The ids of the themes this release belongs to, in rule order. */
  public List<String> themesOf(PolicyDocument d) {
    if (themes.isEmpty()) {
      return List.of();
    }
    String title = d.title().toLowerCase(Locale.ROOT);
    String body = d.body().toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (Theme theme : themes) {
      List<String> keywords = d.lang() == dev.policysearch.corpus.Language.ZH ? theme.zhKeywords() : theme.enKeywords();
      if (matches(keywords, title, body, d.lang() == dev.policysearch.corpus.Language.EN)) {
        out.add(theme.id());
      }
    }
    return out;
  }

  private static boolean matches(List<String> keywords, String title, String body, boolean words) {
    int hits = 0;
    for (String keyword : keywords) {
      if (indexOf(title, keyword, 0, words) >= 0) {
        return true;
      }
      int from = 0;
      while (hits < BODY_HITS && (from = indexOf(body, keyword, from, words)) >= 0) {
        hits++;
        from += keyword.length();
      }
      if (hits >= BODY_HITS) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where {@code keyword} next occurs in {@code text} from {@code from}; with {@code words}, only
   * where it starts a word (so "ai" is not found in "said", but "tariff" is found in "tariffs").
   */
  private static int indexOf(String text, String keyword, int from, boolean words) {
    int at = text.indexOf(keyword, from);
    while (words && at > 0 && Character.isLetterOrDigit(text.charAt(at - 1))) {
      at = text.indexOf(keyword, at + 1);
    }
    return at;
  }
}
