package dev.policysearch.indexer.crawl;

import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.indexer.crawl.CrawlCounters.Outcome;
import dev.policysearch.indexer.site.ListExtractor;
import dev.policysearch.indexer.site.PageExtractor;
import dev.policysearch.indexer.site.SiteProfile;
import dev.policysearch.indexer.site.UrlMapping;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Crawls one site: its release lists page by page (newest first), each release page found on them,
 * then the releases it stored before that no list showed this time (to notice changes and
 * removals). Every page outcome is counted; every problem is reported once.
 */
public final class SiteCrawler {

  /** Limits of one run: releases older than {@code since} are skipped; at most {@code maxPages} fetches. */
  public record Limits(LocalDate since, long maxPages) {}

  /** Receives one line per problem (URL, status, reason) and progress ticks. */
  public interface Listener {
    void problem(String site, String url, String reason);

    void page(String site, String url, Outcome outcome);
  }

  /** Outcomes of a page that was read, so asking "changed since?" is enough next time. */
  private static final Set<CrawlState.Status> REVALIDATED =
      java.util.EnumSet.of(CrawlState.Status.DUPLICATE, CrawlState.Status.EMPTY, CrawlState.Status.OLDER);

  private final SiteProfile profile;
  private final UrlMapping mapping;
  private final Fetcher fetcher;
  private final CrawlStore store;
  private final CrawlState state;
  private final CrawlCounters counters;
  private final Limits limits;
  private final Listener listener;
  private final PageExtractor extractor;
  private final Set<String> visited = new HashSet<>();
  private final Set<String> changed = new LinkedHashSet<>();
  private final Set<String> removed = new LinkedHashSet<>();
  private long fetches;

  public SiteCrawler(
      SiteProfile profile, UrlMapping mapping, Fetcher fetcher, CrawlStore store, CrawlState state, CrawlCounters counters, Limits limits, Listener listener) {
    this.profile = profile;
    this.mapping = mapping;
    this.fetcher = fetcher;
    this.store = store;
    this.state = state;
    this.counters = counters;
    this.limits = limits;
    this.listener = listener;
    this.extractor = new PageExtractor(profile);
  }

  /** Ids stored new or changed by this run. */
  public Set<String> changed() {
    return changed;
  }

  /** Ids whose pages are gone (404/410) and were removed from the store. */
  public Set<String> removed() {
    return removed;
  }

  public void crawl() throws IOException, InterruptedException {
    for (SiteProfile.ListSource source : profile.lists()) {
      crawlList(source);
    }
    // Releases stored earlier that no list showed this time: check they are still there.
    for (CrawlState.Entry entry : List.copyOf(state.entries())) {
      if (budgetLeft() && entry.status() == CrawlState.Status.STORED && !visited.contains(entry.url())) {
        Optional<PolicyDocument> stored = entry.id() == null ? Optional.empty() : store.get(entry.id());
        boolean old = limits.since() != null && stored.flatMap(PolicyDocument::optionalDate).map(d -> d.isBefore(limits.since())).orElse(false);
        if (!old) {
          article(entry.url());
        }
      }
    }
  }

  private void crawlList(SiteProfile.ListSource source) throws IOException, InterruptedException {
    ListExtractor lists = new ListExtractor(profile, source);
    Deque<String> queue = new ArrayDeque<>();
    Set<String> queued = new HashSet<>();
    String start = normalize(source.url());
    queue.add(start);
    queued.add(start);
    boolean first = true;
    while (!queue.isEmpty() && budgetLeft()) {
      String url = queue.poll();
      Optional<ListExtractor.ListPage> page = list(lists, url, first);
      first = false;
      if (page.isEmpty()) {
        if (lists.openEnded()) {
          return; // the page after the last one
        }
        continue;
      }
      for (String next : page.get().pages()) {
        if (queued.add(next)) {
          queue.add(next);
        }
      }
      boolean older = false;
      for (ListExtractor.Item item : page.get().items()) {
        if (limits.since() != null && item.date().isPresent() && item.date().get().isBefore(limits.since())) {
          older = true;
          continue;
        }
        if (!budgetLeft()) {
          return;
        }
        article(item.url());
      }
      if (older || (page.get().items().isEmpty() && lists.openEnded())) {
        return; // lists run newest first: the rest is older still
      }
    }
  }

  /** Reads a list page (or, when it is unchanged, what it held last time); URLs come back public. */
  private Optional<ListExtractor.ListPage> list(ListExtractor lists, String url, boolean first) throws IOException, InterruptedException {
    Optional<CrawlState.Entry> known = state.get(url).filter(e -> e.status() == CrawlState.Status.LIST && e.links() != null);
    fetches++;
    Fetcher.Outcome outcome = fetcher.fetch(mapping.toFetch(url), known.map(CrawlState.Entry::validators).orElse(null), mapping::toFetch);
    switch (outcome) {
      case Fetcher.Outcome.NotModified n when known.isEmpty() -> {
        // 304 to a request that asked nothing: a broken server; there is nothing to reuse.
        count(url, Outcome.HTTP_ERRORS);
        listener.problem(profile.name(), url, "HTTP 304 to an unconditional request");
        return Optional.empty();
      }
      case Fetcher.Outcome.NotModified n -> {
        count(url, Outcome.NOT_MODIFIED);
        CrawlState.Entry entry = known.get();
        List<ListExtractor.Item> items = new ArrayList<>();
        for (int i = 0; i < entry.links().size(); i++) {
          String date = entry.linkDates() == null || i >= entry.linkDates().size() ? "" : entry.linkDates().get(i);
          items.add(new ListExtractor.Item(entry.links().get(i), date.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(date))));
        }
        return Optional.of(new ListExtractor.ListPage(items, entry.pages() == null ? List.of() : entry.pages()));
      }
      case Fetcher.Outcome.Page p -> {
        count(url, Outcome.FETCHED);
        ListExtractor.ListPage raw;
        try {
          raw = lists.read(CharsetRule.decode(p.body(), p.contentType()), p.url(), first);
        } catch (RuntimeException e) {
          listener.problem(profile.name(), url, "could not read the list page: " + e);
          return Optional.empty();
        }
        List<ListExtractor.Item> items = new ArrayList<>();
        for (ListExtractor.Item item : raw.items()) {
          String link = normalize(mapping.toPublic(item.url()));
          if (link != null && mapping.onSite(link)) {
            items.add(new ListExtractor.Item(link, item.date()));
          }
        }
        List<String> pages = raw.pages().stream().map(u -> normalize(mapping.toPublic(u))).filter(u -> u != null).toList();
        state.put(new CrawlState.Entry(
            url, CrawlState.Status.LIST, p.validators().etag(), p.validators().lastModified(), null, null, null,
            items.stream().map(ListExtractor.Item::url).toList(),
            items.stream().map(i -> i.date().map(LocalDate::toString).orElse("")).toList(),
            pages));
        return Optional.of(new ListExtractor.ListPage(items, pages));
      }
      default -> {
        problem(url, outcome);
        return Optional.empty();
      }
    }
  }

  private void article(String url) throws IOException, InterruptedException {
    if (url == null || !visited.add(url) || !budgetLeft()) {
      return;
    }
    Optional<CrawlState.Entry> known = state.get(url);
    Optional<String> storedId = known.map(CrawlState.Entry::id).filter(id -> store.get(id).isPresent());
    Fetcher.Validators validators =
        known.filter(e -> e.status() == CrawlState.Status.STORED ? storedId.isPresent() : REVALIDATED.contains(e.status()))
            .map(CrawlState.Entry::validators)
            .orElse(null);
    fetches++;
    Fetcher.Outcome outcome = fetcher.fetch(mapping.toFetch(url), validators, mapping::toFetch);
    switch (outcome) {
      case Fetcher.Outcome.NotModified n -> count(url, Outcome.NOT_MODIFIED);
      case Fetcher.Outcome.Page p -> {
        count(url, Outcome.FETCHED);
        String finalUrl = Optional.ofNullable(normalize(mapping.toPublic(p.url()))).orElse(url);
        visited.add(finalUrl);
        PageExtractor.Extraction extraction;
        try {
          extraction = extractor.extract(Jsoup.parse(CharsetRule.decode(p.body(), p.contentType()), p.url()), finalUrl);
        } catch (RuntimeException e) {
          // A page no rule foresaw (pathological markup): count it, report it, go on.
          counters.add(Outcome.FAILED);
          listener.problem(profile.name(), url, "could not read the page: " + e);
          return;
        }
        stored(url, p, extraction);
      }
      case Fetcher.Outcome.HttpError e when (e.status() == 404 || e.status() == 410) && storedId.isPresent() -> {
        store.remove(storedId.get());
        removed.add(storedId.get());
        changed.remove(storedId.get());
        counters.add(Outcome.REMOVED);
        listener.page(profile.name(), url, Outcome.REMOVED);
        state.put(new CrawlState.Entry(url, CrawlState.Status.GONE, null, null, storedId.get(), null, null, null, null, null));
      }
      default -> problem(url, outcome);
    }
  }

  private void stored(String url, Fetcher.Outcome.Page page, PageExtractor.Extraction extraction) throws IOException {
    Fetcher.Validators v = page.validators();
    if (extraction.document().isEmpty()) {
      count(url, Outcome.EMPTY);
      listener.problem(profile.name(), url, "empty: " + String.join("; ", extraction.problems()) + " (try: check-profile " + profile.name() + " --url " + url + ")");
      state.put(new CrawlState.Entry(url, CrawlState.Status.EMPTY, v.etag(), v.lastModified(), null, null, null, null, null, null));
      return;
    }
    PolicyDocument document = extraction.document().get();
    String pairUrl = extraction.pairUrl().map(this::normalize).orElse(null);
    if (limits.since() != null && document.date() != null && document.date().isBefore(limits.since())) {
      count(url, Outcome.OLDER);
      state.put(new CrawlState.Entry(url, CrawlState.Status.OLDER, v.etag(), v.lastModified(), document.id(), null, null, null, null, null));
      return;
    }
    String hash = CrawlStore.contentHash(document);
    Optional<PolicyDocument> existing = store.get(document.id());
    CrawlState.Status status = CrawlState.Status.STORED;
    Optional<PolicyDocument> sameText = store.idWithHash(hash).flatMap(store::get);
    if (existing.isPresent() && Pairing.withPair(existing.get(), null).equals(document)) {
      count(url, Outcome.UNCHANGED);
    } else if (sameText.isPresent() && !java.util.Objects.equals(sameText.get().url(), document.url())) {
      // The same text under another URL (a second address of the page, or a copy): keep the first.
      count(url, Outcome.DUPLICATES);
      status = CrawlState.Status.DUPLICATE;
      listener.problem(profile.name(), url, "duplicate: same text as " + store.idWithHash(hash).get() + ", not stored again");
    } else {
      store.put(Pairing.withPair(document, existing.map(PolicyDocument::pairId).orElse(null)));
      changed.add(document.id());
      count(url, Outcome.STORED);
    }
    state.put(new CrawlState.Entry(url, status, v.etag(), v.lastModified(), document.id(), hash, pairUrl, null, null, null));
  }

  private void problem(String url, Fetcher.Outcome outcome) {
    Outcome counted = switch (outcome) {
      case Fetcher.Outcome.RobotsDenied r -> Outcome.ROBOTS_SKIPPED;
      case Fetcher.Outcome.HttpError e -> Outcome.HTTP_ERRORS;
      default -> Outcome.FAILED;
    };
    count(url, counted);
    listener.problem(profile.name(), url, outcome.describe());
  }

  private void count(String url, Outcome outcome) {
    counters.add(outcome);
    listener.page(profile.name(), url, outcome);
  }

  private boolean budgetLeft() {
    return fetches < limits.maxPages();
  }

  private String normalize(String url) {
    return UrlNormalizer.normalize(url).orElse(null);
  }
}
