package dev.policysearch.indexer.cli;

import dev.policysearch.corpus.analysis.Analyzers;
import dev.policysearch.corpus.schema.DocumentMapper;
import dev.policysearch.corpus.schema.IndexLayout;
import dev.policysearch.corpus.schema.ThemeClassifier;
import dev.policysearch.corpus.store.JsonLinesWriter;
import dev.policysearch.indexer.crawl.Crawl;
import dev.policysearch.indexer.crawl.CrawlCounters;
import dev.policysearch.indexer.crawl.FetchSettings;
import dev.policysearch.indexer.crawl.SiteCrawler;
import dev.policysearch.corpus.opensearch.ClusterClient;
import dev.policysearch.indexer.index.ClusterIndexer;
import dev.policysearch.indexer.index.CorpusIndexer;
import dev.policysearch.indexer.index.IndexCounters;
import dev.policysearch.indexer.index.IndexProgress;
import dev.policysearch.indexer.site.SiteProfile;
import dev.policysearch.indexer.site.SiteProfiles;
import dev.policysearch.indexer.site.UrlMapping;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policy-search crawl --site NAME... --store DIR}: crawls sites into the JSONL store. */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = {
      "Crawls policy-release sites into a JSON Lines store (DIR/<site>.jsonl), politely (robots.txt,",
      "a delay per host) and incrementally (a second run asks only for what changed). With --index,",
      "the index is brought up to date too, and a running server switches to it by itself; with",
      "--target opensearch --url URL [--alias NAME], the index behind the alias on an OpenSearch cluster.",
      "One bad page never stops a crawl: each problem is printed once, and a tally at the end."
    })
public final class CrawlCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--list-sites", description = "List the site profiles, one name a line, and stop.")
  boolean listSites;

  @Option(names = "--site", arity = "1..*", paramLabel = "NAME", description = "Sites to crawl (see --list-sites).")
  List<String> sites = new ArrayList<>();

  @Option(names = "--store", paramLabel = "DIR", description = "Store folder: one NAME.jsonl per site, plus the crawl state.")
  Path store;

  @Option(names = "--since", paramLabel = "DATE", description = "Only releases dated on or after DATE (YYYY-MM-DD).")
  String since;

  @Option(names = "--max-pages", paramLabel = "N", description = "Fetch at most N pages (lists and releases) per site.")
  Long maxPages;

  @Option(names = "--index", paramLabel = "DIR", description = "Bring this index up to date with what the crawl stored and removed.")
  Path index;

  @CommandLine.Mixin TargetOptions where = new TargetOptions();

  @Option(names = "--base-url", paramLabel = "[NAME=]URL", description = "Fetch from a mirror: URL for every site, or NAME=URL for one site (repeatable).")
  List<String> baseUrls = new ArrayList<>();

  @Option(names = "--profiles", paramLabel = "DIR", description = "Extra site profiles (*.json) besides the shipped ones.")
  Path profilesDir;

  @Option(names = "--delay-ms", paramLabel = "MS", description = "Least time between requests to one host (default: each profile's delay_millis; robots.txt may ask more).")
  Long delayMillis;

  @Option(names = "--per-host", paramLabel = "N", description = "Requests in flight to one host at once (default: ${DEFAULT-VALUE}).")
  int perHost = 1;

  @Option(names = "--timeout-ms", paramLabel = "MS", description = "Give up on a response that has not started after MS (default: ${DEFAULT-VALUE}).")
  long timeoutMillis = FetchSettings.DEFAULT_READ_TIMEOUT.toMillis();

  @Option(names = "--connect-timeout-ms", paramLabel = "MS", description = "Give up connecting after MS (default: ${DEFAULT-VALUE}).")
  long connectTimeoutMillis = FetchSettings.DEFAULT_CONNECT_TIMEOUT.toMillis();

  @Option(names = "--retries", paramLabel = "N", description = "Retries after a 429, a 5xx or a timeout (default: ${DEFAULT-VALUE}).")
  int retries = FetchSettings.DEFAULT_RETRIES;

  @Option(names = "--backoff-ms", paramLabel = "MS", description = "Wait before the first retry, doubled for each next one (default: ${DEFAULT-VALUE}).")
  long backoffMillis = FetchSettings.DEFAULT_BACKOFF.toMillis();

  @Option(names = "--max-page-bytes", paramLabel = "BYTES", description = "Larger pages are not read (default: ${DEFAULT-VALUE}).")
  long maxPageBytes = FetchSettings.DEFAULT_MAX_PAGE_BYTES;

  @Option(names = "--max-redirects", paramLabel = "N", description = "Redirects followed for one page (default: ${DEFAULT-VALUE}).")
  int maxRedirects = FetchSettings.DEFAULT_MAX_REDIRECTS;

  @Option(names = "--contact", paramLabel = "EMAIL_OR_URL", description = "Who site owners can contact about this crawler; sent in the User-Agent (default: your user@host).")
  String contact;

  @Option(names = "--quiet", description = "No progress display; problems and the tally only.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SiteProfiles profiles = profiles(spec, profilesDir);
    if (listSites) {
      profiles.names().forEach(out::println);
      out.flush();
      return 0;
    }
    if (sites.isEmpty()) {
      throw usage("name the sites to crawl with --site (see --list-sites)");
    }
    if (store == null) {
      throw usage("Missing required option: '--store=DIR'");
    }
    if (Files.exists(store) && !Files.isDirectory(store)) {
      throw usage("--store " + store + " is a file; name a folder (it is created when missing)");
    }
    ClusterIndexer.Target cluster = where.check(spec, index, false);
    LocalDate sinceDate = parseSince();
    if (maxPages != null && maxPages < 1) {
      throw usage("--max-pages must be at least 1, was " + maxPages);
    }
    Map<SiteProfile, UrlMapping> crawled = new LinkedHashMap<>();
    for (String name : sites) {
      SiteProfile profile;
      try {
        profile = profiles.require(name);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      crawled.put(profile, mapping(profile));
    }
    long delay = delayMillis != null ? delayMillis : crawled.keySet().stream().mapToLong(SiteProfile::delayMillis).max().orElse(1000);
    FetchSettings settings;
    try {
      settings = new FetchSettings(
          FetchSettings.userAgent(contact == null ? FetchSettings.defaultContact() : contact),
          Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(timeoutMillis), retries, Duration.ofMillis(Math.max(0, backoffMillis)),
          maxPageBytes, maxRedirects, Duration.ofMillis(Math.max(0, delay)), FetchSettings.DEFAULT_MAX_CRAWL_DELAY, perHost, true);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    long started = System.nanoTime();
    Crawl.Result result;
    List<String> problems;
    try (CrawlProgress progress = new CrawlProgress(err, quiet)) {
      var limits = new SiteCrawler.Limits(sinceDate, maxPages == null ? Long.MAX_VALUE : maxPages);
      result = new Crawl(profiles, store, settings, limits, progress).run(crawled);
      problems = progress.problems();
    }
    printTally(out, result, problems, (System.nanoTime() - started) / 1_000_000);
    int status = 0;
    CrawlCounters c = result.counters();
    if (c.get(CrawlCounters.Outcome.FETCHED) + c.get(CrawlCounters.Outcome.NOT_MODIFIED) == 0) {
      err.println("error: no page could be fetched. Check the network (or --base-url) and the problems above.");
      status = 1;
    }
    if (cluster != null) {
      updateCluster(out, result, cluster);
    } else if (index != null) {
      updateIndex(out, result);
    }
    out.flush();
    return status;
  }

  private LocalDate parseSince() {
    if (since == null) {
      return null;
    }
    try {
      return LocalDate.parse(since.strip());
    } catch (DateTimeParseException e) {
      throw usage("--since must be a date like 2024-01-31, was " + since);
    }
  }

  private UrlMapping mapping(SiteProfile profile) {
    String chosen = null;
    for (String value : baseUrls) {
      int eq = value.indexOf('=');
      if (eq > 0 && !value.substring(0, eq).contains(":")) {
        if (value.substring(0, eq).equals(profile.name())) {
          chosen = value.substring(eq + 1);
        }
      } else if (chosen == null) {
        chosen = value;
      }
    }
    return chosen == null ? UrlMapping.direct(profile) : mirror(spec, profile, chosen);
  }

  private void printTally(PrintWriter out, Crawl.Result result, List<String> problems, long millis) {
    out.printf("Crawled %s in %.1f s: %s%n", String.join(", ", sites), millis / 1000.0, result.counters().tally());
    for (Path file : result.storeFiles()) {
      out.printf("Store: %s%n", file);
    }
    if (!problems.isEmpty()) {
      out.printf("%,d problem%s, each printed once above as \"problem: [site] URL: reason\".%n", problems.size(), problems.size() == 1 ? "" : "s");
    }
  }

  /** Brings the index folder up to date: a first full build from the store, afterwards updates. */
  private void updateIndex(PrintWriter out, Crawl.Result result) throws IOException, InterruptedException {
    IndexLayout layout = new IndexLayout(index);
    var indexer = new CorpusIndexer(new Analyzers(), new DocumentMapper(ThemeClassifier.bundled()), Runtime.getRuntime().availableProcessors(), CorpusIndexer.defaultRamBufferMb());
    bringUpToDate(out, result, "Index " + index, layout.current().isPresent(), (files, removed, update) -> {
      CorpusIndexer.Result indexed = indexer.run(files, removed, update, layout, IndexProgress.NONE);
      return new Indexed(indexed.counters(), indexed.generation().map(g -> g.getFileName().toString()));
    });
  }

  /**
   * Brings the index behind the alias on an OpenSearch cluster up to date: a first full build
   * from the store (when the alias does not exist yet), afterwards updates by id.
   */
  private void updateCluster(PrintWriter out, Crawl.Result result, ClusterIndexer.Target cluster) throws IOException, InterruptedException {
    ClusterIndexer indexer = new ClusterIndexer(ThemeClassifier.bundled());
    boolean exists;
    try (ClusterClient client = ClusterClient.connect(cluster.url())) {
      exists = !ClusterIndexer.indicesBehind(client, cluster.alias()).isEmpty();
    }
    bringUpToDate(out, result, "Alias " + cluster.alias() + " on " + cluster.url(), exists, (files, removed, update) -> {
      ClusterIndexer.Result indexed = indexer.run(files, removed, update, cluster, IndexProgress.NONE);
      return new Indexed(indexed.counters(), indexed.index().map(name -> "index " + name));
    });
  }

  /** What an index run did, and what it published (empty when nothing). */
  private record Indexed(IndexCounters counters, Optional<String> published) {}

  /** One index run of either target: the files to index, the ids to remove, whether it updates. */
  @FunctionalInterface
  private interface IndexRun {
    Indexed run(List<Path> files, List<String> removed, boolean update) throws IOException, InterruptedException;
  }

  /** The first time a full build from the store; afterwards the crawl's changes, if any. */
  private void bringUpToDate(PrintWriter out, Crawl.Result result, String what, boolean exists, IndexRun indexRun)
      throws IOException, InterruptedException {
    Indexed indexed;
    if (!exists) {
      indexed = indexRun.run(storeFiles(), List.of(), false);
    } else if (result.changed().isEmpty() && result.removed().isEmpty()) {
      out.printf("%s: already up to date.%n", what);
      return;
    } else {
      Path changes = changesFile(result);
      try {
        List<Path> files = result.changed().isEmpty() ? List.of() : List.of(changes);
        indexed = indexRun.run(files, List.copyOf(result.removed()), true);
      } finally {
        Files.deleteIfExists(changes);
      }
    }
    if (indexed.published().isEmpty()) {
      out.printf("%s: nothing to index; left as it was.%n", what);
    } else {
      out.printf("%s: %,d releases added or updated, %,d removed -> %s%n",
          what, indexed.counters().indexedCount(), indexed.counters().deletedCount(), indexed.published().get());
    }
  }

  /** The store's corpus files, for a first full build. */
  private List<Path> storeFiles() throws IOException {
    try (var walk = Files.list(store)) {
      return walk.filter(dev.policysearch.corpus.store.JsonLinesReader::isCorpusFile).sorted().toList();
    }
  }

  /** The releases this crawl stored or changed, as a corpus file for an update. */
  private static Path changesFile(Crawl.Result result) throws IOException {
    Path changes = Files.createTempFile("crawl-changes", ".jsonl");
    try (JsonLinesWriter writer = JsonLinesWriter.open(changes)) {
      for (var document : result.changed()) {
        writer.write(document);
      }
    }
    return changes;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  static SiteProfiles profiles(CommandLine.Model.CommandSpec spec, Path dir) {
    try {
      return SiteProfiles.load(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage() + ". Fix the profile file, then run again.", e);
    }
  }

  static SiteProfile profile(CommandLine.Model.CommandSpec spec, Path dir, String name) {
    SiteProfiles profiles = profiles(spec, dir);
    try {
      return profiles.require(name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  static UrlMapping mirror(CommandLine.Model.CommandSpec spec, SiteProfile profile, String baseUrl) {
    try {
      return UrlMapping.mirror(profile, baseUrl);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
