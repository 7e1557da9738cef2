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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy lexicon: terms smartcn does not know (names, organs, slogans) that should be single
 * searchable units, and groups of equivalent forms (工信部 = 工业和信息化部; 十八大 = 党的第十八次全国代表大会).
 * Both files are plain text (docs/LEXICON.md). The bundled files are read from the classpath; a
 * folder named by the environment variable {@code POLICY_SEARCH_LEXICON_DIR} replaces them, so
 * the lexicon can be edited without a rebuild (documents need a re-index, never a re-crawl).
 */
public final class PolicyLexicon {

  public static final String RESOURCE_DIR = "/dev/policysearch/corpus/lexicon/";
  public static final String TERMS_FILE = "policy-lexicon.txt";
  public static final String SYNONYMS_FILE = "synonyms.txt";
  public static final String PARAPHRASES_FILE = "paraphrases.txt";

  private static volatile PolicyLexicon bundled;

  private final Set<String> terms;
  private final PrefixList byPrefix;
  private final int longestTerm;
  private final Map<String, List<String>> equivalents;

  /**
   * Other wordings of the same thing (卖地 for 土地出让, in plain words): used for queries only, never
   * joined into units in documents, so changing them needs no re-index.
   */
  private final Map<String, List<String>> paraphrases;

  private final int longestParaphrase;

  /** The terms as a trie: joins of tokens are looked up a character at a time. */
  private final TermTrie trie;

  private PolicyLexicon(Set<String> terms, Map<String, List<String>> equivalents, Map<String, List<String>> paraphrases) {
    this.terms = Set.copyOf(terms);
    this.trie = new TermTrie(this.terms);
    this.byPrefix = new PrefixList(this.terms);
    this.longestTerm = terms.stream().mapToInt(String::length).max().orElse(0);
    this.equivalents = Map.copyOf(equivalents);
    this.paraphrases = Map.copyOf(paraphrases);
    this.longestParaphrase = paraphrases.keySet().stream().mapToInt(String::length).max().orElse(0);
  }

  /** The lexicon in use: the override folder when configured, else the bundled files. */
  public static PolicyLexicon bundled() {
    PolicyLexicon lexicon = bundled;
    if (lexicon == null) {
      synchronized (PolicyLexicon.class) {
        if (bundled == null) {
          bundled = load();
        }
        lexicon = bundled;
      }
    }
    return lexicon;
  }

  private static PolicyLexicon load() {
    String dir = System.getenv("POLICY_SEARCH_LEXICON_DIR");
    try {
      if (dir != null && !dir.isBlank()) {
        return fromFolder(Path.of(dir));
      }
      try (InputStream terms = resource(TERMS_FILE);
          InputStream synonyms = resource(SYNONYMS_FILE);
          InputStream paraphrases = resource(PARAPHRASES_FILE)) {
        return parse(terms, synonyms, paraphrases);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the policy lexicon: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) {
    return PolicyLexicon.class.getResourceAsStream(RESOURCE_DIR + name);
  }

  /** No terms and no equivalents: stock smartcn behaviour (for comparisons and tests). */
  public static PolicyLexicon empty() {
    return new PolicyLexicon(Set.of(), Map.of(), Map.of());
  }

  public static PolicyLexicon fromFolder(Path dir) throws IOException {
    Path terms = dir.resolve(TERMS_FILE);
    Path synonyms = dir.resolve(SYNONYMS_FILE);
    Path paraphrases = dir.resolve(PARAPHRASES_FILE);
    try (InputStream t = Files.isRegularFile(terms) ? Files.newInputStream(terms) : null;
        InputStream s = Files.isRegularFile(synonyms) ? Files.newInputStream(synonyms) : null;
        InputStream p = Files.isRegularFile(paraphrases) ? Files.newInputStream(paraphrases) : null) {
      return parse(t, s, p);
    }
  }

  /** Parses the terms and synonyms files, without paraphrases; either may be null (absent). */
  public static PolicyLexicon parse(InputStream termsIn, InputStream synonymsIn) throws IOException {
    return parse(termsIn, synonymsIn, null);
  }

  /** Parses the three files; any may be null (absent). */
  public static PolicyLexicon parse(InputStream termsIn, InputStream synonymsIn, InputStream paraphrasesIn) throws IOException {
    Set<String> terms = new HashSet<>();
    for (String line : lines(termsIn)) {
      String term = normalize(line);
      if (term.length() >= 2) {
        terms.add(term);
      }
    }
    Map<String, List<String>> equivalents = groups(lines(synonymsIn));
    for (String form : equivalents.keySet()) {
      if (form.length() >= 2) {
        terms.add(form);
      }
    }
    return new PolicyLexicon(terms, equivalents, groups(lines(paraphrasesIn)));
  }

  /**
   * Lines of {@code form = form | form} as a map from each form to the others of its group (a
   * form in two groups gets the others of both).
   */
  private static Map<String, List<String>> groups(List<String> lines) {
    Map<String, Set<String>> groups = new HashMap<>();
    for (String line : lines) {
      String[] sides = line.split("=", 2);
      List<String> forms = new ArrayList<>();
      for (String side : sides) {
        for (String form : side.split("\\|")) {
          String f = normalize(form);
          if (!f.isEmpty()) {
            forms.add(f);
          }
        }
      }
      if (forms.size() < 2) {
        continue;
      }
      Set<String> group = new LinkedHashSet<>(forms);
      for (String form : forms) {
        groups.computeIfAbsent(form, k -> new LinkedHashSet<>()).addAll(group);
      }
    }
    Map<String, List<String>> others = HashMap.newHashMap(groups.size());
    for (Map.Entry<String, Set<String>> entry : groups.entrySet()) {
      Set<String> group = entry.getValue();
      group.remove(entry.getKey());
      others.put(entry.getKey(), List.copyOf(group));
    }
    return others;
  }

  private static List<String> lines(InputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    if (in == null) {
      return out;
    }
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        out.add(stripped);
      }
    }
    return out;
  }

  /** Entries are compared as the analyzers see text: simplified, full-width folded. */
  static String normalize(String s) {
    return ChineseFolding.fold(java.text.Normalizer.normalize(s.strip(), java.text.Normalizer.Form.NFKC));
  }

  public boolean contains(String term) {
    return terms.contains(term);
  }

  /** Whether {@code text} is a term, looked up without copying it (a token being analysed). */
  public boolean containsChars(CharSequence text) {
    return trie.isTerm(trie.walk(TermTrie.ROOT, text));
  }

  /** Whether some term is longer than {@code text} and starts with it. */
  public boolean startsLongerTerm(CharSequence text) {
    return trie.goesOn(trie.walk(TermTrie.ROOT, text));
  }

  /** Every term (tests). */
  Set<String> terms() {
    return terms;
  }

  /** The lexicon's trie, for the analysis chain's lexicon filter. */
  TermTrie trie() {
    return trie;
  }

  public int size() {
    return terms.size();
  }

  /** Up to {@code limit} terms that start with {@code prefix}, shortest first (for suggestions). */
  public List<String> termsStartingWith(String prefix, int limit) {
    String p = normalize(prefix);
    if (p.isEmpty()) {
      return List.of();
    }
    return byPrefix.startingWith(p, limit);
  }

  public int longestTerm() {
    return longestTerm;
  }

  /** The other forms equivalent to {@code form} (empty when it has none). */
  public List<String> equivalents(String form) {
    return equivalents.getOrDefault(form, List.of());
  }

  /** Other wordings of {@code form} from the paraphrases file (empty when it has none). */
  public List<String> paraphrases(String form) {
    return paraphrases.getOrDefault(form, List.of());
  }

  /** The length of the longest form with paraphrases (0 when there are none). */
  public int longestParaphrase() {
    return longestParaphrase;
  }

  /** Every form that has equivalents, for scanning a query for them. */
  public Set<String> formsWithEquivalents() {
    return equivalents.keySet();
  }
}
