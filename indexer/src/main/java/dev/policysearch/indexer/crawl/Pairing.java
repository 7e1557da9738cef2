package dev.policysearch.indexer.crawl;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.analysis.Glossary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Links a Chinese release and its English version across the stores of two sites (a profile and
 * its {@code pair_site}). Rules, strongest first; each only pairs releases still unpaired:
 *
 * <ol>
 *   <li>a link on either page to the other (the page's "English"/"中文" link);
 *   <li>same date and same document number;
 *   <li>same date and titles that agree through the bilingual glossary (at least two of the
 *       Chinese title's glossary terms found in the English title, and half of those it has), the
 *       best-agreeing one when that is a single release;
 *   <li>same date and type when each site has exactly one release of that type that day (a daily
 *       press conference).
 * </ol>
 *
 * {@code pair_id} is then set in both directions; releases that lost their partner get none.
 */
public final class Pairing {

  private final Glossary glossary;

  public Pairing(Glossary glossary) {
    this.glossary = glossary;
  }

  /** One side: a site's releases and the pair links its pages showed (by release id). */
  public record Side(CrawlStore store, Map<String, String> pairUrlById) {}

  /** Pairs {@code zh} with {@code en} and returns the releases whose pair_id changed, already stored. */
  public List<PolicyDocument> pair(Side zh, Side en) throws java.io.IOException {
    Map<String, String> partner = new TreeMap<>();
    List<PolicyDocument> zhDocs = sorted(zh.store());
    List<PolicyDocument> enDocs = sorted(en.store());

    // 1. Links, in either direction.
    Map<String, PolicyDocument> zhByUrl = byUrl(zhDocs);
    Map<String, PolicyDocument> enByUrl = byUrl(enDocs);
    for (PolicyDocument z : zhDocs) {
      linked(zh.pairUrlById().get(z.id()), enByUrl).ifPresent(e -> join(partner, z.id(), e.id()));
    }
    for (PolicyDocument e : enDocs) {
      linked(en.pairUrlById().get(e.id()), zhByUrl).ifPresent(z -> join(partner, z.id(), e.id()));
    }
    // 2. Date and document number.
    matchUnique(zhDocs, enDocs, partner, (z, e) -> z.docNumber() != null && e.docNumber() != null
        && normalizeNumber(z.docNumber()).equals(normalizeNumber(e.docNumber())));
    // 3. Date and glossary-agreeing titles.
    for (PolicyDocument z : zhDocs) {
      if (partner.containsKey(z.id()) || z.date() == null) {
        continue;
      }
      PolicyDocument best = null;
      double bestScore = 0;
      boolean tie = false;
      for (PolicyDocument e : enDocs) {
        if (partner.containsKey(e.id()) || !z.date().equals(e.date())) {
          continue;
        }
        double score = titleAgreement(z.title(), e.title());
        if (score > bestScore) {
          best = e;
          bestScore = score;
          tie = false;
        } else if (score == bestScore && score > 0) {
          tie = true;
        }
      }
      if (best != null && !tie) {
        join(partner, z.id(), best.id());
      }
    }
    // 4. Date and type, one of each that day.
    matchUnique(zhDocs, enDocs, partner, (z, e) -> z.type() != null && z.type().equals(e.type()));

    List<PolicyDocument> changed = new ArrayList<>();
    for (Side side : List.of(zh, en)) {
      for (PolicyDocument d : sorted(side.store())) {
        String wanted = partner.get(d.id());
        if (!Objects.equals(wanted, d.pairId())) {
          PolicyDocument updated = withPair(d, wanted);
          side.store().put(updated);
          changed.add(updated);
        }
      }
    }
    return changed;
  }

  /** Pairs releases of the same date for which {@code same} holds and which are the only such pair that day. */
  private static void matchUnique(
      List<PolicyDocument> zhDocs, List<PolicyDocument> enDocs, Map<String, String> partner, BiPredicate<PolicyDocument, PolicyDocument> same) {
    for (PolicyDocument z : zhDocs) {
      if (partner.containsKey(z.id()) || z.date() == null) {
        continue;
      }
      List<PolicyDocument> candidates =
          enDocs.stream().filter(e -> !partner.containsKey(e.id()) && z.date().equals(e.date()) && same.test(z, e)).toList();
      if (candidates.size() != 1) {
        continue;
      }
      PolicyDocument e = candidates.get(0);
      long rivals = zhDocs.stream().filter(o -> !partner.containsKey(o.id()) && e.date().equals(o.date()) && same.test(o, e)).count();
      if (rivals == 1) {
        join(partner, z.id(), e.id());
      }
    }
  }

  /** The share of the Chinese title's glossary terms found in the English title; 0 below two. */
  double titleAgreement(String zhTitle, String enTitle) {
    String english = " " + Glossary.englishKey(enTitle) + " ";
    int translated = 0;
    int found = 0;
    for (Glossary.Segment segment : glossary.segmentChinese(zhTitle)) {
      if (segment.english().isEmpty()) {
        continue;
      }
      translated++;
      if (segment.english().stream().anyMatch(form -> english.contains(" " + Glossary.englishKey(form) + " "))) {
        found++;
      }
    }
    return found >= 2 && found * 2 >= translated ? (double) found / translated : 0;
  }

  private static String normalizeNumber(String number) {
    return number.replaceAll("[\\s〔〕\\[\\]【】()（）]", "");
  }

  private static void join(Map<String, String> partner, String zhId, String enId) {
    if (!partner.containsKey(zhId) && !partner.containsKey(enId)) {
      partner.put(zhId, enId);
      partner.put(enId, zhId);
    }
  }

  private static Optional<PolicyDocument> linked(String pairUrl, Map<String, PolicyDocument> byUrl) {
    return pairUrl == null ? Optional.empty() : Optional.ofNullable(byUrl.get(pathOf(pairUrl)));
  }

  /**
   * A link is matched by path and query only: a ministry serves its pages under more than one host
   * (fmprc.gov.cn and mfa.gov.cn) and links to whichever it likes.
   */
  private static String pathOf(String url) {
    return UrlNormalizer.withoutScheme(url).replaceFirst("^[^/]*", "");
  }

  private static Map<String, PolicyDocument> byUrl(List<PolicyDocument> docs) {
    Map<String, PolicyDocument> map = new HashMap<>();
    for (PolicyDocument d : docs) {
      if (d.url() != null) {
        map.put(pathOf(d.url()), d);
      }
    }
    return map;
  }

  private static List<PolicyDocument> sorted(CrawlStore store) {
    return new ArrayList<>(store.documents()); // the store keeps them sorted by id
  }

  static PolicyDocument withPair(PolicyDocument d, String pairId) {
    return new PolicyDocument(
        d.id(), d.lang(), d.title(), d.body(), d.date(), d.url(), d.source(), d.issuer(), d.docNumber(), d.type(), pairId);
  }
}
