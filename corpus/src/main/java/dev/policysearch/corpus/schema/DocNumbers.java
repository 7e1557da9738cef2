package dev.policysearch.corpus.schema;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical keys for Chinese document numbers (发文字号), so that the ways people type one number
 * all meet: 国发〔2019〕5号, 国发[2019]5号, 国发【2019】5号, 国发(2019)5号, 国发2019年5号, 国发 2019 5号
 * all become {@code 国发/2019/5}; 国务院令第250号, 国务院令250号 and 中华人民共和国国务院令第250号 become
 * {@code 国务院令/250}. A number in Chinese numerals, as presidential orders are written (主席令第七十三号),
 * meets the same number in digits (主席令第73号).
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

  /** A number in Chinese numerals just before the closing 号. */
  private static final Pattern CHINESE_NUMBER = Pattern.compile("([零〇一二两三四五六七八九十百千]+)号$");

  /** The canonical key of a document number, or empty when the text is not one. */
  public static Optional<String> key(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = NOISE.matcher(s).replaceAll("");
    Matcher chinese = CHINESE_NUMBER.matcher(s);
    if (chinese.find()) {
      int n = chineseNumber(chinese.group(1));
      if (n > 0) {
        s = s.substring(0, chinese.start()) + n + "号";
      }
    }
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

  /**
   * The value of a number in Chinese numerals below ten thousand: with units (七十三, 一百零五, 十二)
   * or digit by digit (一〇五); 0 when it is not one.
   */
  static int chineseNumber(String text) {
    boolean units = text.chars().anyMatch(c -> c == '十' || c == '百' || c == '千');
    int total = 0;
    int digit = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int value = "零一二三四五六七八九".indexOf(c);
      if (c == '〇') {
        value = 0;
      } else if (c == '两') {
        value = 2;
      }
      if (value >= 0) {
        if (units) {
          digit = value;
        } else {
          total = total * 10 + value;
        }
        continue;
      }
      int unit = c == '十' ? 10 : c == '百' ? 100 : 1000;
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    }
    if (units && digit > 0) {
      total += digit;
    }
    return total < 10_000 ? total : 0;
  }
}
