package dev.policysearch.corpus.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the lexicon, synonyms, paraphrases and glossary files line by line against the rules of
 * docs/LEXICON.md and docs/GLOSSARY.md. The loaders skip a line they cannot use without a word;
 * this says which lines those are, and which lines break a rule search relies on, so that an
 * edited file can be checked before a server or an indexer reads it.
 */
public final class LexiconCheck {

  /** One line that breaks a rule: the file, its 1-based line number, what is wrong. */
  public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** What was read: how many entries each file holds, and the problems found. */
  public record Report(Map<String, Integer> entries, List<Problem> problems) {}

  /** Where the files come from: a folder (each file there, or bundled when absent) or the bundled ones. */
  private final Path dir;

  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Integer> entries = new java.util.LinkedHashMap<>();

  private LexiconCheck(Path dir) {
    this.dir = dir;
  }

  /**
   * Checks the files search would read with {@code POLICY_SEARCH_LEXICON_DIR} set to {@code dir}
   * (null: the bundled files). A file missing from the folder is checked as bundled for the
   * glossary (which falls back to it) and counts as empty for the lexicon, synonyms and
   * paraphrases (which do not).
   */
  public static Report check(Path dir) throws IOException {
    LexiconCheck check = new LexiconCheck(dir);
    Set<String> terms = check.terms();
    Set<String> synonymForms = check.groups(PolicyLexicon.SYNONYMS_FILE, false, terms, Set.of());
    check.groups(PolicyLexicon.PARAPHRASES_FILE, true, terms, synonymForms);
    check.glossary();
    return new Report(java.util.Collections.unmodifiableMap(check.entries), List.copyOf(check.problems));
  }

  private List<String> lines(String file, boolean bundledWhenMissing) throws IOException {
    InputStream in;
    if (dir != null && Files.isRegularFile(dir.resolve(file))) {
      in = Files.newInputStream(dir.resolve(file));
    } else if (dir == null || bundledWhenMissing) {
      in = LexiconCheck.class.getResourceAsStream(PolicyLexicon.RESOURCE_DIR + file);
    } else {
      in = null;
    }
    if (in == null) {
      return List.of();
    }
    try (in) {
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n", -1));
    }
  }

  /** A line that holds an entry (not blank, not a comment) and its 1-based number. */
  private record Entry(int number, String text) {}

  private List<Entry> entries(String file, boolean bundledWhenMissing) throws IOException {
    List<Entry> out = new ArrayList<>();
    List<String> lines = lines(file, bundledWhenMissing);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        out.add(new Entry(i + 1, line));
      }
    }
    return out;
  }

  private void problem(String file, int line, String message) {
    problems.add(new Problem(file, line, message));
  }

  private Set<String> terms() throws IOException {
    String file = PolicyLexicon.TERMS_FILE;
    Map<String, Integer> seen = new HashMap<>();
    for (Entry entry : entries(file, false)) {
      int n = entry.number();
      String line = entry.text();
      String term = PolicyLexicon.normalize(line);
      if (term.codePoints().anyMatch(Character::isWhitespace)) {
        problem(file, n, "'" + line.strip() + "' has a space or a tab inside: one term per line");
      } else if (term.length() < 2) {
        problem(file, n, "'" + line.strip() + "' is shorter than two characters: ignored");
      } else if (term.codePoints().anyMatch(LexiconCheck::isPunctuation)) {
        problem(file, n, "'" + line.strip() + "' has punctuation: smartcn cuts a term there, so it can never be joined");
      } else {
        Integer before = seen.putIfAbsent(term, n);
        if (before != null) {
          problem(file, n, "'" + term + "' is already on line " + before);
        }
      }
    }
    entries.put(file, seen.size());
    return seen.keySet();
  }

  /**
   * A file of {@code form = form | form} groups; the forms it uses. Paraphrases must be Chinese
   * characters only, 2 to 12 of them, and not synonyms; synonym forms must be lexicon terms.
   */
  private Set<String> groups(String file, boolean paraphrases, Set<String> terms, Set<String> synonymForms) throws IOException {
    Map<String, Integer> groupOf = new HashMap<>();
    int groups = 0;
    for (Entry entry : entries(file, false)) {
      int n = entry.number();
      String line = entry.text();
      String[] sides = line.split("=", -1);
      if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
        problem(file, n, "expected 'form = form | form ...', found '" + line.strip() + "'");
        continue;
      }
      int problemsBefore = problems.size();
      Set<String> forms = new LinkedHashSet<>();
      List<String> written = new ArrayList<>();
      written.add(sides[0]);
      written.addAll(List.of(sides[1].split("\\|", -1)));
      for (String raw : written) {
        String form = PolicyLexicon.normalize(raw);
        if (form.isEmpty()) {
          problem(file, n, "an empty form (two bars in a row, or a bar at the end)");
        } else if (paraphrases && !form.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
          problem(file, n, "'" + raw.strip() + "' has something besides Chinese characters");
        } else if (paraphrases && (form.length() < 2 || form.length() > 12)) {
          problem(file, n, "'" + form + "' is " + form.length() + " characters long; a paraphrase has 2 to 12");
        } else if (paraphrases && !form.equals(raw.strip())) {
          problem(file, n, "'" + raw.strip() + "' is folded to '" + form + "' before search: write that");
        } else if (paraphrases && synonymForms.contains(form)) {
          problem(file, n, "'" + form + "' is in " + PolicyLexicon.SYNONYMS_FILE + " already: exact equivalents belong there only");
        } else if (!paraphrases && !terms.contains(form)) {
          problem(file, n, "'" + form + "' is not in " + PolicyLexicon.TERMS_FILE + ": add it there so documents keep it whole");
          forms.add(form);
        } else {
          forms.add(form);
        }
      }
      for (String form : forms) {
        Integer before = groupOf.putIfAbsent(form, n);
        if (before != null && before != n) {
          problem(file, n, "'" + form + "' is also in the group on line " + before + ": put equivalent forms on one line");
        }
      }
      if (forms.size() < 2 && problems.size() == problemsBefore) {
        problem(file, n, "a group needs two different forms");
      }
      groups++;
    }
    entries.put(file, groups);
    return groupOf.keySet();
  }

  private void glossary() throws IOException {
    Map<String, String> chineseAt = new HashMap<>();
    for (String file : Glossary.FILES) {
      int count = 0;
      for (Entry entry : entries(file, true)) {
        int n = entry.number();
        String[] fields = entry.text().split("\t", -1);
        if (fields.length != 2) {
          problem(file, n, "expected 'chinese<TAB>english', found " + (fields.length - 1) + " tabs: ignored");
          continue;
        }
        for (int side = 0; side < 2; side++) {
          for (String form : fields[side].split("\\|", -1)) {
            String alternative = form.strip();
            if (alternative.isEmpty()) {
              problem(file, n, "an empty alternative on the " + (side == 0 ? "Chinese" : "English") + " side");
            } else if (side == 0) {
              String where = chineseAt.putIfAbsent(alternative, file + ":" + n);
              if (where != null) {
                problem(file, n, "'" + alternative + "' is already on " + where + ": a Chinese form belongs on one line");
              }
            }
          }
        }
        count++;
      }
      entries.put(file, count);
    }
  }

  private static boolean isPunctuation(int c) {
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }
}
