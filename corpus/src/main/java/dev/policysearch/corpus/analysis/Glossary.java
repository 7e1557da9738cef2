package dev.policysearch.corpus.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bilingual glossary ({@link #FILES}: policy terms, place names, news vocabulary; docs/GLOSSARY.md): what a
 * Chinese term is called in English and the other way round, for expanding a query into the
 * other language. Lookups are longest-match: in Chinese over characters, in English over whole
 * words.
 */
public final class Glossary {

  public static final String FILE = "glossary-zh-en.tsv";

  /**
   * Every glossary file, read in this order and merged: policy terms, then place names, then
   * general news vocabulary. Each can be replaced from {@code POLICY_SEARCH_LEXICON_DIR}.
   */
  public static final List<String> FILES = List.of(FILE, "glossary-places-zh-en.tsv", "glossary-news-zh-en.tsv");

  private static volatile Glossary bundled;

  /** Chinese form -> English forms (lower case). */
  private final Map<String, List<String>> toEnglish;
  /** English form (lower case, single spaces) -> Chinese forms. */
  private final Map<String, List<String>> toChinese;
  private final int longestChinese;
  private final int longestEnglishWords;
  private final PrefixList englishByPrefix;

  private Glossary(Map<String, List<String>> toEnglish, Map<String, List<String>> toChinese) {
    this.toEnglish = Collections.unmodifiableMap(toEnglish);
    this.toChinese = Collections.unmodifiableMap(toChinese);
    this.longestChinese = toEnglish.keySet().stream().mapToInt(String::length).max().orElse(0);
    this.longestEnglishWords = toChinese.keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(0);
    this.englishByPrefix = new PrefixList(this.toChinese.keySet());
  }

  /** Up to {@code limit} English entries that start with {@code prefix}, shortest first (for suggestions). */
  public List<String> englishStartingWith(String prefix, int limit) {
    String p = englishKey(prefix);
    if (p.length() < 2) {
      return List.of();
    }
    return englishByPrefix.startingWith(p, limit);
  }

  /** The glossary in use: each of {@link #FILES} from {@code POLICY_SEARCH_LEXICON_DIR} when there, else the bundled one. */
  public static Glossary bundled() {
    Glossary glossary = bundled;
    if (glossary == null) {
      synchronized (Glossary.class) {
        if (bundled == null) {
          bundled = load();
        }
        glossary = bundled;
      }
    }
    return glossary;
  }

  private static Glossary load() {
    String dir = System.getenv("POLICY_SEARCH_LEXICON_DIR");
    Map<String, Set<String>> toEnglish = new HashMap<>();
    Map<String, Set<String>> toChinese = new HashMap<>();
    for (String file : FILES) {
      try {
        if (dir != null && !dir.isBlank() && Files.isRegularFile(Path.of(dir, file))) {
          try (InputStream in = Files.newInputStream(Path.of(dir, file))) {
            read(in, toEnglish, toChinese);
          }
        } else {
          try (InputStream in = Glossary.class.getResourceAsStream(PolicyLexicon.RESOURCE_DIR + file)) {
            read(in, toEnglish, toChinese);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the glossary file " + file + ": " + e.getMessage(), e);
      }
    }
    return of(toEnglish, toChinese);
  }

  /** One glossary file (tests, tools). */
  public static Glossary parse(InputStream in) throws IOException {
    Map<String, Set<String>> toEnglish = new HashMap<>();
    Map<String, Set<String>> toChinese = new HashMap<>();
    read(in, toEnglish, toChinese);
    return of(toEnglish, toChinese);
  }

  /** Adds the entries of one file (a missing one, {@code in == null}, adds nothing). */
  private static void read(InputStream in, Map<String, Set<String>> toEnglish, Map<String, Set<String>> toChinese) throws IOException {
    if (in == null) {
      return;
    }
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] sides = line.split("\t");
      if (sides.length != 2) {
        continue;
      }
      List<String> zh = forms(sides[0], false);
      List<String> en = forms(sides[1], true);
      for (String z : zh) {
        toEnglish.computeIfAbsent(z, k -> new LinkedHashSet<>()).addAll(en);
      }
      for (String e : en) {
        toChinese.computeIfAbsent(e, k -> new LinkedHashSet<>()).addAll(zh);
      }
    }
  }

  private static Glossary of(Map<String, Set<String>> toEnglish, Map<String, Set<String>> toChinese) {
    Map<String, List<String>> en = new HashMap<>();
    toEnglish.forEach((k, v) -> en.put(k, List.copyOf(v)));
    Map<String, List<String>> zh = new HashMap<>();
    toChinese.forEach((k, v) -> zh.put(k, List.copyOf(v)));
    return new Glossary(en, zh);
  }

  private static List<String> forms(String side, boolean english) {
    List<String> out = new ArrayList<>();
    for (String form : side.split("\\|")) {
      String f = english ? englishKey(form) : PolicyLexicon.normalize(form);
      if (!f.isEmpty()) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * English as looked up: lower case, everything but letters, numbers and '-' a word break,
   * single spaces between words. (A loop rather than two regular expressions: the glossary's
   * reading calls this for every English form, and compiling the expressions each time was a
   * sixth of a server's reading of it.)
   */
  public static String englishKey(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder key = new StringBuilder(lower.length());
    boolean space = false;
    for (int i = 0; i < lower.length(); ) {
      int c = lower.codePointAt(i);
      i += Character.charCount(c);
      if (c == '-' || Character.isLetter(c) || isNumber(c)) {
        if (space && !key.isEmpty()) {
          key.append(' ');
        }
        space = false;
        key.appendCodePoint(c);
      } else {
        space = true;
      }
    }
    return key.toString();
  }

  /** A number of any kind: digits, letter numbers (Ⅻ), other numbers (½, ①). */
  private static boolean isNumber(int c) {
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  public int size() {
    return toEnglish.size();
  }

  /** Every English form (tests). */
  Set<String> englishForms() {
    return toChinese.keySet();
  }

  /** A piece of a Chinese term and its English forms (empty when the glossary has none). */
  public record Segment(String chinese, List<String> english) {}

  /**
   * Splits a Chinese term into glossary entries, longest first from the left; characters no entry
   * starts with are kept together as untranslated segments.
   */
  public List<Segment> segmentChinese(String term) {
    String text = PolicyLexicon.normalize(term);
    List<Segment> out = new ArrayList<>();
    StringBuilder untranslated = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int matched = 0;
      for (int len = Math.min(longestChinese, text.length() - i); len >= 2; len--) {
        if (toEnglish.containsKey(text.substring(i, i + len))) {
          matched = len;
          break;
        }
      }
      if (matched == 0) {
        untranslated.append(text.charAt(i));
        i++;
        continue;
      }
      if (!untranslated.isEmpty()) {
        out.add(new Segment(untranslated.toString(), List.of()));
        untranslated.setLength(0);
      }
      String chinese = text.substring(i, i + matched);
      out.add(new Segment(chinese, toEnglish.get(chinese)));
      i += matched;
    }
    if (!untranslated.isEmpty()) {
      out.add(new Segment(untranslated.toString(), List.of()));
    }
    return out;
  }

  /** A run of query words {@code [from, to)} that is a glossary entry, and its Chinese forms. */
  public record Span(int from, int to, List<String> chinese) {}

  /** The glossary entries among a sequence of English words, longest first from the left. */
  public List<Span> findEnglish(List<String> words) {
    List<String> keys = words.stream().map(Glossary::englishKey).toList();
    List<Span> out = new ArrayList<>();
    int i = 0;
    while (i < keys.size()) {
      int matched = 0;
      for (int len = Math.min(longestEnglishWords, keys.size() - i); len >= 1; len--) {
        String phrase = String.join(" ", keys.subList(i, i + len));
        if (toChinese.containsKey(phrase)) {
          matched = len;
          out.add(new Span(i, i + len, toChinese.get(phrase)));
          break;
        }
      }
      i += Math.max(1, matched);
    }
    return out;
  }
}
