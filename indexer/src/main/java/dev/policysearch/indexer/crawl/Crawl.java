package dev.policysearch.indexer.crawl;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.indexer.site.SiteProfile;
import dev.policysearch.indexer.site.SiteProfiles;
import dev.policysearch.indexer.site.UrlMapping;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One crawl run over several sites into a store folder: the sites are crawled side by side (hosts
 * shared between them are still visited politely, one gate per host), then zh/en releases are
 * paired, then each touched store and state file is rewritten compactly.
 */
public final class Crawl {

  /** The store folder's lock: two crawls writing one store would interleave their lines. */
  static final String LOCK_FILE = ".crawl.lock";

  /**
   * What the run changed.
   *
   * @param changed releases stored new or changed (including pair_id updates), latest version
   * @param removed ids of releases whose pages are gone
   * @param storeFiles the store's files of the sites touched
   */
  public record Result(CrawlCounters counters, List<PolicyDocument> changed, Set<String> removed, List<Path> storeFiles) {}

  private final SiteProfiles profiles;
  private final Path storeDir;
  private final FetchSettings settings;
  private final SiteCrawler.Limits limits;
  private final SiteCrawler.Listener listener;

  public Crawl(SiteProfiles profiles, Path storeDir, FetchSettings settings, SiteCrawler.Limits limits, SiteCrawler.Listener listener) {
    this.profiles = profiles;
    this.storeDir = storeDir;
    this.settings = settings;
    this.limits = limits;
    this.listener = listener;
  }

  public static Path storeFile(Path storeDir, String site) {
    return storeDir.resolve(site + ".jsonl");
  }

  public static Path stateFile(Path storeDir, String site) {
    return storeDir.resolve(site + ".crawlstate");
  }

  /** Crawls {@code sites}, each fetched through its mapping (direct or a mirror). */
  public Result run(Map<SiteProfile, UrlMapping> sites) throws IOException, InterruptedException {
    Files.createDirectories(storeDir);
    try (FileChannel lockChannel = FileChannel.open(storeDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock()) {
      if (lock == null) {
        throw new IOException("another crawl is writing to " + storeDir + "; wait for it to finish");
      }
      return runLocked(sites);
    }
  }

  private Result runLocked(Map<SiteProfile, UrlMapping> sites) throws IOException, InterruptedException {
    CrawlCounters counters = new CrawlCounters();
    Map<String, CrawlStore> stores = new TreeMap<>();
    Map<String, CrawlState> states = new TreeMap<>();
    Map<String, SiteCrawler> crawlers = new LinkedHashMap<>();
    try (Fetcher fetcher = new Fetcher(settings)) {
      for (var site : sites.entrySet()) {
        String name = site.getKey().name();
        CrawlStore store = CrawlStore.open(storeFile(storeDir, name));
        store.problems().forEach(p -> listener.problem(name, store.file().toString(), p));
        stores.put(name, store);
        states.put(name, CrawlState.open(stateFile(storeDir, name)));
        crawlers.put(name, new SiteCrawler(site.getKey(), site.getValue(), fetcher, store, states.get(name), counters, limits, listener));
      }
      crawlAll(crawlers);
    }
    List<PolicyDocument> changed = new ArrayList<>();
    Set<String> changedIds = new LinkedHashSet<>();
    Set<String> removed = new LinkedHashSet<>();
    crawlers.values().forEach(c -> {
      changedIds.addAll(c.changed());
      removed.addAll(c.removed());
    });
    for (PolicyDocument paired : pairAll(sites.keySet(), stores, states)) {
      changedIds.add(paired.id());
      counters.add(CrawlCounters.Outcome.PAIRED);
    }
    List<Path> files = new ArrayList<>();
    for (var entry : stores.entrySet()) {
      CrawlStore store = entry.getValue();
      for (String id : changedIds) {
        store.get(id).ifPresent(changed::add);
      }
      store.compact();
      states.get(entry.getKey()).compact();
      states.get(entry.getKey()).close();
      files.add(store.file());
    }
    return new Result(counters, changed, removed, files);
  }

  private static void crawlAll(Map<String, SiteCrawler> crawlers) throws IOException, InterruptedException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (var entry : crawlers.entrySet()) {
      threads.add(Thread.ofPlatform().name("crawl-" + entry.getKey()).start(() -> {
        try {
          entry.getValue().crawl();
        } catch (IOException | RuntimeException e) {
          failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, e);
        }
      }));
    }
    try {
      for (Thread thread : threads) {
        thread.join();
      }
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      throw e;
    }
    Exception e = failure.get();
    if (e instanceof IOException io) {
      throw io;
    } else if (e instanceof InterruptedException ie) {
      throw ie;
    } else if (e != null) {
      throw (RuntimeException) e;
    }
  }

  /** Pairs each crawled site with its pair_site (crawled now or stored earlier). */
  private List<PolicyDocument> pairAll(Set<SiteProfile> crawled, Map<String, CrawlStore> stores, Map<String, CrawlState> states) throws IOException {
    List<PolicyDocument> changed = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Pairing pairing = null;
    for (SiteProfile site : crawled) {
      if (site.pairSite() == null || profiles.find(site.pairSite()).isEmpty()) {
        continue;
      }
      SiteProfile other = profiles.require(site.pairSite());
      String key = site.name().compareTo(other.name()) < 0 ? site.name() + "|" + other.name() : other.name() + "|" + site.name();
      if (site.lang() == other.lang() || !done.add(key)) {
        continue;
      }
      if (!stores.containsKey(other.name())) {
        if (!Files.exists(storeFile(storeDir, other.name()))) {
          continue; // nothing to pair with yet
        }
        stores.put(other.name(), CrawlStore.open(storeFile(storeDir, other.name())));
        states.put(other.name(), CrawlState.open(stateFile(storeDir, other.name())));
      }
      if (pairing == null) {
        pairing = new Pairing(Glossary.bundled());
      }
      SiteProfile zh = site.lang() == Language.ZH ? site : other;
      SiteProfile en = zh == site ? other : site;
      changed.addAll(pairing.pair(side(stores.get(zh.name()), states.get(zh.name())), side(stores.get(en.name()), states.get(en.name()))));
    }
    return changed;
  }

  private static Pairing.Side side(CrawlStore store, CrawlState state) {
    Map<String, String> links = new TreeMap<>();
    for (CrawlState.Entry entry : state.entries()) {
      if (entry.status() == CrawlState.Status.STORED && entry.id() != null && entry.pairUrl() != null) {
        links.put(entry.id(), entry.pairUrl());
      }
    }
    return new Pairing.Side(store, links);
  }
}
