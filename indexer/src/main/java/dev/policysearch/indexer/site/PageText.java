package dev.policysearch.indexer.site;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Turns part of a page into the corpus's plain text: paragraphs at block elements and
 * {@code <br>}, whitespace (including no-break and ideographic spaces) collapsed to one space,
 * zero-width characters removed, NFC, no empty paragraphs.
 */
public final class PageText {

  private static final Set<String> BLOCKS =
      Set.of(
          "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "tbody",
          "section", "article", "blockquote", "pre", "dd", "dt", "dl", "center", "hr", "header", "footer", "figure",
          "figcaption", "address", "main", "nav", "form");

  private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "iframe", "object", "select", "button");

  private PageText() {}

  /** The paragraphs of {@code root}, in document order. */
  public static List<String> paragraphs(Element root) {
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    root.traverse(
        new NodeVisitor() {
          private int skipping;

          @Override
          public void head(Node node, int depth) {
            if (node instanceof Element e) {
              if (SKIPPED.contains(e.normalName())) {
                skipping++;
              } else if (skipping == 0 && BLOCKS.contains(e.normalName())) {
                flush(current, paragraphs);
              }
            } else if (node instanceof TextNode t && skipping == 0) {
              current.append(t.getWholeText());
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e) {
              if (SKIPPED.contains(e.normalName())) {
                skipping--;
              } else if (skipping == 0 && BLOCKS.contains(e.normalName())) {
                flush(current, paragraphs);
              }
            }
          }
        });
    flush(current, paragraphs);
    return paragraphs;
  }

  private static void flush(StringBuilder current, List<String> paragraphs) {
    String text = clean(current.toString());
    if (!text.isEmpty()) {
      paragraphs.add(text);
    }
    current.setLength(0);
  }

  /** One line of text as the corpus stores it. */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\u2060') {
        continue;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = true;
        continue;
      }
      if (space && out.length() > 0) {
        out.append(' ');
      }
      space = false;
      out.append(c);
    }
    return out.toString();
  }
}
