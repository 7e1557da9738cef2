package dev.policysearch.indexer.crawl;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how to decode a fetched page, in this order: a byte-order mark; the charset of the HTTP
 * Content-Type header; a {@code <meta charset>} or {@code <meta http-equiv=Content-Type>} within
 * the first 4 KB; detection (bytes that are valid UTF-8 are UTF-8, otherwise ICU's detector);
 * UTF-8. GB2312 and GBK labels decode as GB18030, their superset: pages labelled GB2312 routinely
 * use GBK characters.
 */
public final class CharsetRule {

  /** The charset chosen and which step chose it (check-profile prints it). */
  public record Decision(Charset charset, String because) {}

  private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET =
      Pattern.compile("<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);
  private static final int META_WINDOW = 4096;

  private CharsetRule() {}

  public static Decision decide(byte[] body, String contentType) {
    if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
      return new Decision(StandardCharsets.UTF_8, "byte-order mark");
    }
    if (startsWith(body, 0xFE, 0xFF)) {
      return new Decision(StandardCharsets.UTF_16BE, "byte-order mark");
    }
    if (startsWith(body, 0xFF, 0xFE)) {
      return new Decision(StandardCharsets.UTF_16LE, "byte-order mark");
    }
    if (contentType != null) {
      Matcher m = HEADER_CHARSET.matcher(contentType);
      if (m.find()) {
        Optional<Charset> charset = named(m.group(1));
        if (charset.isPresent()) {
          return new Decision(charset.get(), "HTTP header");
        }
      }
    }
    String head = new String(body, 0, Math.min(body.length, META_WINDOW), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    while (m.find()) {
      Optional<Charset> charset = named(m.group(1));
      if (charset.isPresent()) {
        return new Decision(charset.get(), "meta tag");
      }
    }
    if (validUtf8(body)) {
      return new Decision(StandardCharsets.UTF_8, "detected (valid UTF-8)");
    }
    CharsetDetector detector = new CharsetDetector();
    detector.setText(body);
    for (CharsetMatch match : detector.detectAll()) {
      Optional<Charset> charset = named(match.getName());
      if (charset.isPresent()) {
        return new Decision(charset.get(), "detected (" + match.getName() + ", confidence " + match.getConfidence() + ")");
      }
    }
    return new Decision(StandardCharsets.UTF_8, "default");
  }

  /** Decodes {@code body} by {@link #decide}; undecodable bytes become U+FFFD. */
  public static String decode(byte[] body, String contentType) {
    Decision decision = decide(body, contentType);
    int skip = 0;
    if (decision.because().equals("byte-order mark")) {
      skip = decision.charset().equals(StandardCharsets.UTF_8) ? 3 : 2;
    }
    return new String(body, skip, body.length - skip, decision.charset());
  }

  /** A Java charset for a label pages use, GB labels widened to GB18030. */
  static Optional<Charset> named(String label) {
    String name = label.strip().toLowerCase(Locale.ROOT);
    if (name.equals("gb2312") || name.equals("gbk") || name.equals("x-gbk") || name.equals("gb_2312-80") || name.equals("cp936")) {
      return Optional.of(Charset.forName("GB18030"));
    }
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean validUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] body, int... prefix) {
    if (body.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((body[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
