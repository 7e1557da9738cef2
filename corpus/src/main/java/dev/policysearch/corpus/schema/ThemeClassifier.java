package dev.policysearch.corpus.schema;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.analysis.TermTrie;
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

  private final Keywords zhKeywords;
  private final Keywords enKeywords;

  private ThemeClassifier(List<Theme> themes) {
    this.themes = List.copyOf(themes);
    this.zhKeywords = new Keywords(this.themes, false);
    this.enKeywords = new Keywords(this.themes, true);
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
    boolean english = d.lang() == dev.policysearch.corpus.Language.EN;
    Keywords keywords = english ? enKeywords : zhKeywords;
    String title = d.title().toLowerCase(Locale.ROOT);
    String body = d.body().toLowerCase(Locale.ROOT);
    boolean[] matched = new boolean[themes.size()];
    keywords.scan(title, english, theme -> matched[theme] = true);
    int[] bodyHits = new int[themes.size()];
    keywords.scan(body, english, theme -> {
      if (++bodyHits[theme] >= BODY_HITS) {
        matched[theme] = true;
      }
    });
    List<String> out = new ArrayList<>();
    for (int i = 0; i < themes.size(); i++) {
      if (matched[i]) {
        out.add(themes.get(i).id());
      }
    }
    return out;
  }

  /**
   * The keywords of every theme in one language, found in one pass over a text: from each
   * character, a walk down a trie of the keywords reports every keyword that starts there. (A
   * text was once searched for each keyword in turn, a few hundred passes over a long body; then
   * each keyword starting with the character was compared in turn.)
   */
  private static final class Keywords {

    private final TermTrie trie;

    /** The keywords (ids) ending at each node of the trie, or null. */
    private final int[][] endingAt;

    /** Per keyword id: its theme and its length. */
    private final int[] keywordTheme;

    private final int[] keywordLength;

    Keywords(List<Theme> themes, boolean english) {
      List<String> texts = new ArrayList<>();
      List<Integer> themeOf = new ArrayList<>();
      for (int t = 0; t < themes.size(); t++) {
        for (String text : english ? themes.get(t).enKeywords() : themes.get(t).zhKeywords()) {
          texts.add(text);
          themeOf.add(t);
        }
      }
      trie = new TermTrie(texts);
      endingAt = new int[trie.nodes()][];
      keywordTheme = new int[texts.size()];
      keywordLength = new int[texts.size()];
      for (int id = 0; id < texts.size(); id++) {
        int node = trie.walk(TermTrie.ROOT, texts.get(id));
        int[] ending = endingAt[node];
        ending = ending == null ? new int[1] : java.util.Arrays.copyOf(ending, ending.length + 1);
        ending[ending.length - 1] = id;
        endingAt[node] = ending;
        keywordTheme[id] = themeOf.get(id);
        keywordLength[id] = texts.get(id).length();
      }
    }

    /**
     * Reports each occurrence of a keyword; occurrences of the same keyword do not overlap. With
     * {@code words}, only where a keyword starts a word (so "ai" is not found in "said", but
     * "tariff" is found in "tariffs").
     */
    void scan(String text, boolean words, java.util.function.IntConsumer theme) {
      if (keywordTheme.length == 0) {
        return;
      }
      int[] nextAllowed = null; // per keyword: where its next occurrence may start
      int length = text.length();
      for (int at = 0; at < length; at++) {
        int node = trie.step(TermTrie.ROOT, text.charAt(at));
        if (node == TermTrie.NONE || (words && at > 0 && Character.isLetterOrDigit(text.charAt(at - 1)))) {
          continue;
        }
        for (int i = at + 1; ; i++) {
          int[] ending = endingAt[node];
          if (ending != null) {
            if (nextAllowed == null) {
              nextAllowed = new int[keywordTheme.length];
            }
            for (int id : ending) {
              if (at >= nextAllowed[id]) {
                nextAllowed[id] = at + keywordLength[id];
                theme.accept(keywordTheme[id]);
              }
            }
          }
          if (i >= length || (node = trie.step(node, text.charAt(i))) == TermTrie.NONE) {
            break;
          }
        }
      }
    }
  }
}
