package dev.policysearch.indexer.site;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a date inside page text ("发布时间：2024-01-05 10:30", "on May 9, 2019") using
 * {@link DateTimeFormatter} patterns. Each pattern is turned into a regular expression that
 * locates a candidate in the text, which the formatter then parses, so a date is recognised
 * wherever it sits among other words.
 */
public final class DateFormats {

  /** Formats used when a profile lists none: those of Chinese and English government pages. */
  public static final List<String> DEFAULTS =
      List.of("yyyy-MM-dd", "yyyy年M月d日", "yyyy/M/d", "yyyy.M.d", "MMMM d, yyyy", "d MMMM yyyy", "MMM d, yyyy");

  private record Format(Pattern locator, DateTimeFormatter parser) {}

  private final List<Format> formats = new ArrayList<>();

  public DateFormats(List<String> patterns) {
    for (String pattern : patterns) {
      DateTimeFormatter parser =
          new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern.replace("yyyy", "uuuu")).toFormatter(Locale.ENGLISH);
      formats.add(new Format(Pattern.compile(locator(pattern)), parser));
    }
  }

  /** The first date in {@code text} that one of the formats reads, trying formats in order. */
  public Optional<LocalDate> find(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    for (Format format : formats) {
      Matcher m = format.locator().matcher(text);
      while (m.find()) {
        try {
          return Optional.of(LocalDate.parse(m.group(), format.parser()));
        } catch (DateTimeParseException e) {
          // e.g. 2019-13-45 or a month name that is not one: look further along
        }
      }
    }
    return Optional.empty();
  }

  /** A regular expression matching what {@code pattern} prints, digits loosely (1 or 2 wide). */
  static String locator(String pattern) {
    StringBuilder regex = new StringBuilder("(?<![0-9])");
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int run = 1;
      while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
        run++;
      }
      if (c == 'y' || c == 'u') {
        regex.append(run == 2 ? "\\d{2}" : "\\d{4}");
      } else if (c == 'M' || c == 'L') {
        regex.append(run >= 4 ? "[A-Za-z]{3,9}" : run == 3 ? "[A-Za-z]{3}" : "\\d{1,2}");
      } else if (c == 'd') {
        regex.append("\\d{1,2}");
      } else if (c == '\'') {
        int end = pattern.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed quote in date format " + pattern);
        }
        regex.append(Pattern.quote(pattern.substring(i + 1, end)));
        i = end + 1;
        continue;
      } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        throw new IllegalArgumentException("date format " + pattern + ": only y, M, d and literals are supported, not " + c);
      } else {
        regex.append(Pattern.quote(String.valueOf(c).repeat(run)));
      }
      i += run;
    }
    return regex.append("(?![0-9])").toString();
  }
}
