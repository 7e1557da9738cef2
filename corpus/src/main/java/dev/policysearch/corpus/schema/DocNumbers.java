package dev.policysearch.corpus.schema;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical keys for Chinese document numbers (发文字号), so that the ways people type one number
 * all meet: 国发〔2019〕5号, 国发[2019]5号, 国发【2019】5号, 国发(2019)5号, 国发2019年5号, 国发 2019 5号
 * all become {@code 国发/2019/5}; 国务院令第250号, 国务院令250号 and 中华人民共和国国务院令第250号 become
 * {@code 国务院令/250}.
 */
public final class DocNumbers {
  private DocNumbers() {}

  /** Brackets of every width and shape that enclose the year, and any whitespace. */
  private static final Pattern NOISE = Pattern.compile("[\\s〔〕\\[\\]【】()（）［］〈〉《》<>{}「」]+");

  /** Issuer code, year, optional 年 and 第, number, 号. */
  private static final Pattern WITH_YEAR =
      Pattern.compile("^(\\p{IsHan}[\\p{IsHan}A-Za-z]+?)((?:19|20)\\d{2})年?第?0*(\\d{1,5})号$");

  /** Issuer code, optional 第, number, 号: decrees such as 国务院令第250号. */
  private static final Pattern WITHOUT_YEAR =
      Pattern.compile("^(\\p{IsHan}[\\p{IsHan}A-Za-z]+?)第?0*(\\d{1,5})号$");

  private static final String STATE_PREFIX = "中华人民共和国";

  /** The canonical key of a document number, or empty when the text is not one. */
  public static Optional<String> key(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = NOISE.matcher(s).replaceAll("");
    if (s.startsWith(STATE_PREFIX) && s.length() > STATE_PREFIX.length()) {
      s = s.substring(STATE_PREFIX.length());
    }
    Matcher m = WITH_YEAR.matcher(s);
    if (m.matches()) {
      return Optional.of(m.group(1) + "/" + m.group(2) + "/" + m.group(3));
    }
    m = WITHOUT_YEAR.matcher(s);
    if (m.matches()) {
      return Optional.of(m.group(1) + "/" + m.group(2));
    }
    return Optional.empty();
  }
}
