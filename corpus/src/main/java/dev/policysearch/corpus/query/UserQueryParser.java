package dev.policysearch.corpus.query;

import dev.policysearch.corpus.query.UserQuery.Clause;
import dev.policysearch.corpus.query.UserQuery.Occur;
import dev.policysearch.corpus.query.UserQuery.Scope;
import dev.policysearch.corpus.query.UserQuery.Term;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what a user typed into a {@link UserQuery}. The syntax: words separated by spaces;
 * {@code "a phrase"}; {@code -word} or {@code NOT word} to exclude; {@code +word} to require;
 * {@code a OR b} for alternatives; {@code a AND b} to require both; {@code title:}, {@code
 * issuer:} and {@code doc_number:} to look in one field. Nothing is an error: an unbalanced quote
 * is ignored, a dangling operator is read as a word or dropped, unknown field names stay part of
 * the word.
 */
public final class UserQueryParser {

  /** More clauses than this are dropped: they add cost, not precision. */
  public static final int MAX_CLAUSES = 32;

  /**
   * A term longer than this many characters (a passage pasted in to find where it comes from) is
   * searched in pieces of this length, each a term of its own, so that no phrase grows with the
   * passage: a release with every piece comes first.
   */
  public static final int LONGEST_TERM = 32;

  /** At most this many pieces of one long term are searched: the passage's first 128 characters. */
  public static final int MAX_PIECES = 4;

  private static final Map<String, Scope> SCOPES =
      Map.of(
          "title", Scope.TITLE,
          "issuer", Scope.ISSUER,
          "doc_number", Scope.DOC_NUMBER,
          "docnumber", Scope.DOC_NUMBER,
          "标题", Scope.TITLE,
          "发文机关", Scope.ISSUER,
          "文号", Scope.DOC_NUMBER,
          "发文字号", Scope.DOC_NUMBER);

  private enum Kind {
    WORD,
    AND,
    OR,
    NOT
  }

  private record Token(Kind kind, String text, boolean phrase, char sign, Scope scope) {}

  public UserQuery parse(String input) {
    List<Token> tokens = tokenize(normalize(input));
    List<Clause> clauses = new ArrayList<>();
    boolean negateNext = false;
    boolean orNext = false;
    boolean andNext = false;
    for (Token token : tokens) {
      switch (token.kind()) {
        case NOT -> negateNext = true;
        case OR -> orNext = !clauses.isEmpty();
        case AND -> andNext = !clauses.isEmpty();
        case WORD -> {
          List<String> pieces = pieces(token.text());
          if (pieces.size() > 1 && !orNext) {
            Occur occur = token.sign() == '-' || negateNext ? Occur.MUST_NOT : token.sign() == '+' || andNext ? Occur.MUST : Occur.SHOULD;
            for (String piece : pieces) {
              if (clauses.size() < MAX_CLAUSES) {
                clauses.add(new Clause(List.of(new Term(piece, token.phrase(), token.scope())), occur));
              }
            }
            negateNext = false;
            andNext = false;
            continue;
          }
          Term term = new Term(pieces.get(0), token.phrase(), token.scope());
          Occur occur = token.sign() == '-' || negateNext ? Occur.MUST_NOT : token.sign() == '+' ? Occur.MUST : Occur.SHOULD;
          Clause last = clauses.isEmpty() ? null : clauses.get(clauses.size() - 1);
          if (orNext && last != null && last.occur() != Occur.MUST_NOT && occur != Occur.MUST_NOT) {
            List<Term> alternatives = new ArrayList<>(last.alternatives());
            alternatives.add(term);
            clauses.set(clauses.size() - 1, new Clause(alternatives, last.occur()));
          } else {
            if (andNext && last != null && last.occur() == Occur.SHOULD) {
              clauses.set(clauses.size() - 1, new Clause(last.alternatives(), Occur.MUST));
            }
            if (andNext && occur == Occur.SHOULD) {
              occur = Occur.MUST;
            }
            if (clauses.size() < MAX_CLAUSES) {
              clauses.add(new Clause(List.of(term), occur));
            }
          }
          negateNext = false;
          orNext = false;
          andNext = false;
        }
      }
    }
    return new UserQuery(List.copyOf(clauses));
  }

  /**
   * A Chinese run in pieces of at most {@link #LONGEST_TERM} characters, at most {@link
   * #MAX_PIECES} of them; anything else (English words, a quoted phrase with spaces) as it is.
   */
  static List<String> pieces(String text) {
    if (text.length() <= LONGEST_TERM || text.indexOf(' ') >= 0 || text.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
      return List.of(text);
    }
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < text.length() && pieces.size() < MAX_PIECES) {
      int end = Math.min(text.length(), start + LONGEST_TERM);
      if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
        end--; // not between the two halves of one character
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }

  /**
   * Folds full-width forms (ＡＩ, ：, ＂) to their plain forms, turns typographic quotes into
   * plain ones and control characters into spaces.
   */
  static String normalize(String input) {
    String s = Normalizer.normalize(input, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '“' || c == '”' || c == '「' || c == '」' || c == '『' || c == '』') {
        out.append('"');
      } else if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u3000') {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      if (s.charAt(i) == ' ') {
        i++;
        continue;
      }
      char sign = 0;
      if ((s.charAt(i) == '-' || s.charAt(i) == '+') && i + 1 < n && s.charAt(i + 1) != ' ') {
        sign = s.charAt(i);
        i++;
      }
      Scope scope = Scope.ALL;
      int colon = fieldColon(s, i);
      if (colon > 0) {
        scope = SCOPES.get(s.substring(i, colon).toLowerCase(Locale.ROOT));
        i = colon + 1;
      }
      if (i < n && s.charAt(i) == '"') {
        int close = s.indexOf('"', i + 1);
        if (close > 0) {
          addWord(tokens, s.substring(i + 1, close), true, sign, scope);
          i = close + 1;
          continue;
        }
        i++; // an unbalanced quote is ignored
        continue;
      }
      int end = i;
      while (end < n && s.charAt(end) != ' ' && s.charAt(end) != '"') {
        end++;
      }
      String word = s.substring(i, end);
      i = end;
      if (sign == 0 && scope == Scope.ALL && word.equals("AND")) {
        tokens.add(new Token(Kind.AND, word, false, sign, scope));
      } else if (sign == 0 && scope == Scope.ALL && word.equals("OR")) {
        tokens.add(new Token(Kind.OR, word, false, sign, scope));
      } else if (sign == 0 && scope == Scope.ALL && word.equals("NOT")) {
        tokens.add(new Token(Kind.NOT, word, false, sign, scope));
      } else {
        addWord(tokens, word, false, sign, scope);
      }
    }
    return tokens;
  }

  /** The index of the colon of a known {@code field:} prefix at {@code from}, or -1. */
  private static int fieldColon(String s, int from) {
    int colon = s.indexOf(':', from);
    if (colon <= from) {
      return -1;
    }
    String name = s.substring(from, colon);
    if (name.indexOf(' ') >= 0 || !SCOPES.containsKey(name.toLowerCase(Locale.ROOT))) {
      return -1;
    }
    return colon;
  }

  private static void addWord(List<Token> tokens, String text, boolean phrase, char sign, Scope scope) {
    String trimmed = text.strip();
    if (!trimmed.isEmpty() && hasSearchableChar(trimmed)) {
      tokens.add(new Token(Kind.WORD, trimmed, phrase, sign, scope));
    }
  }

  private static boolean hasSearchableChar(String s) {
    return s.codePoints().anyMatch(Character::isLetterOrDigit);
  }
}
