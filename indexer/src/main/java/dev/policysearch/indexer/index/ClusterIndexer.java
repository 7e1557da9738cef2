package dev.policysearch.indexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policysearch.corpus.PolicyDocument;
import dev.policysearch.corpus.opensearch.ClusterClient;
import dev.policysearch.corpus.schema.OpenSearchSchema;
import dev.policysearch.corpus.schema.ThemeClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds our index on an OpenSearch cluster instead of in a folder.
 *
 * <p>A full build writes a new physical index ({@code ALIAS-yyyyMMdd-HHmmss-SSS}) with our
 * mapping, bulk loads it, and only then moves the alias to it in one atomic request and drops
 * the indices the alias named before: searches through the alias never see a half-built index,
 * and a build that fails or is killed leaves the alias where it was. An update ({@code --update})
 * writes the added, replaced and deleted releases by id straight into the index behind the alias.
 *
 * <p>Bulk requests go one at a time (the cluster's pace is the indexer's pace); releases the
 * cluster refuses for load (429) are sent again after a growing pause, a release it refuses for
 * its content is counted as skipped with its file:line.
 */
public final class ClusterIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterIndexer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A bulk request is sent when it holds this many releases or this many bytes. */
  static final int BATCH_DOCS = 500;

  static final int BATCH_BYTES = 8 * 1024 * 1024;

  /** Attempts of a bulk request (or of the releases in it the cluster was too busy for). */
  static final int ATTEMPTS = 6;

  static final long FIRST_BACKOFF_MILLIS = 500;

  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  /** Where to write: the cluster, the alias searches use, and the shape of a new index. */
  public record Target(String url, String alias, int shards, int replicas) {}

  /** The outcome: counters, and the physical index the alias names now (empty when nothing was published). */
  public record Result(IndexCounters counters, Optional<String> index, long millis) {}

  private final ThemeClassifier themes;

  public ClusterIndexer(ThemeClassifier themes) {
    this.themes = themes;
  }

  public Result run(List<Path> files, List<String> deleteIds, boolean update, Target target, IndexProgress progress)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    IndexCounters counters = new IndexCounters();
    long totalBytes = CorpusScan.totalBytes(files);
    try (ClusterClient client = ClusterClient.connect(target.url())) {
      List<String> current = indicesBehind(client, target.alias());
      if (update) {
        if (current.size() != 1) {
          throw new IOException(
              current.isEmpty()
                  ? "there is no alias '" + target.alias() + "' on " + target.url() + " to update: run a full index first (without --update)"
                  : "alias '" + target.alias() + "' names " + current.size() + " indices; --update needs exactly one");
        }
        String index = current.get(0);
        progress.start(totalBytes);
        Bulk bulk = new Bulk(client, index, counters);
        for (String id : deleteIds) {
          bulk.delete(id);
        }
        CorpusScan.scan(files, counters, progress, bulk::index);
        bulk.flush();
        progress.finish();
        client.send("POST", "/" + index + "/_refresh", null);
        return new Result(counters, Optional.of(index), millisSince(started));
      }
      refuseConcreteIndexNamed(client, target.alias());
      removeUnfinished(client, target.alias(), current);
      String index = target.alias() + "-" + LocalDateTime.now(ZoneOffset.UTC).format(SUFFIX);
      create(client, index, target);
      boolean published = false;
      try {
        progress.start(totalBytes);
        Bulk bulk = new Bulk(client, index, counters);
        CorpusScan.scan(files, counters, progress, bulk::index);
        bulk.flush();
        progress.finish();
        if (counters.indexedCount() > 0) {
          finish(client, index, target);
          moveAlias(client, target.alias(), current, index);
          published = true;
        }
      } finally {
        if (!published) {
          deleteQuietly(client, index);
        }
      }
      if (!published) {
        return new Result(counters, Optional.empty(), millisSince(started));
      }
      for (String old : current) {
        deleteQuietly(client, old);
      }
      return new Result(counters, Optional.of(index), millisSince(started));
    }
  }

  /** The indices an alias names now; none when there is no such alias. */
  public static List<String> indicesBehind(ClusterClient client, String alias) throws IOException {
    Optional<JsonNode> found = client.sendOrMissing("GET", "/_alias/" + alias, null);
    List<String> out = new ArrayList<>();
    found.ifPresent(json -> json.fieldNames().forEachRemaining(out::add));
    return out;
  }

  private static void refuseConcreteIndexNamed(ClusterClient client, String alias) throws IOException {
    Optional<JsonNode> index = client.sendOrMissing("GET", "/" + alias + "/_settings", null);
    if (index.isPresent() && index.get().has(alias)) {
      throw new IOException(
          "'" + alias + "' on the cluster is an index, not an alias; choose another --alias or delete that index");
    }
  }

  /** Indices of an earlier build that never reached the alias (the build failed or was killed). */
  private static void removeUnfinished(ClusterClient client, String alias, List<String> current) throws IOException {
    Optional<JsonNode> ours = client.sendOrMissing("GET", "/" + alias + "-2*/_settings", null);
    if (ours.isEmpty()) {
      return;
    }
    Iterator<String> names = ours.get().fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!current.contains(name)) {
        LOG.info("removing {}, left by an unfinished build", name);
        deleteQuietly(client, name);
      }
    }
  }

  /** Creates the index loading fast: no refreshes and no replicas until {@link #finish}. */
  private static void create(ClusterClient client, String index, Target target) throws IOException {
    ObjectNode definition = OpenSearchSchema.indexDefinition(target.shards(), 0);
    ((ObjectNode) definition.path("settings").path("index")).put("refresh_interval", "-1");
    try {
      client.send("PUT", "/" + index, definition);
    } catch (ClusterClient.ClusterException e) {
      if (e.getMessage().contains("analyzer") || e.getMessage().contains("policy")) {
        throw new IOException(
            "the cluster at " + target.url() + " cannot create our index (" + e.getMessage() + "). Install our analysis plugin on every node: "
                + "bin/opensearch-plugin install file:///path/to/policy-search-opensearch-plugin.zip (see docs/SCALING.md), then restart the nodes",
            e);
      }
      throw e;
    }
  }

  /** Makes the loaded index searchable and as redundant as asked, and waits until it can serve. */
  private static void finish(ClusterClient client, String index, Target target) throws IOException {
    ObjectNode settings = JSON.createObjectNode();
    ObjectNode indexSettings = settings.putObject("index");
    indexSettings.put("refresh_interval", "1s");
    indexSettings.put("number_of_replicas", target.replicas());
    client.send("PUT", "/" + index + "/_settings", settings);
    client.send("POST", "/" + index + "/_refresh", null);
    client.send("GET", "/_cluster/health/" + index + "?wait_for_status=yellow&timeout=60s", null);
  }

  /** One request: the alias leaves the old indices and names the new one, atomically. */
  private static void moveAlias(ClusterClient client, String alias, List<String> current, String index) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode actions = body.putArray("actions");
    for (String old : current) {
      actions.addObject().putObject("remove").put("index", old).put("alias", alias);
    }
    actions.addObject().putObject("add").put("index", index).put("alias", alias);
    client.send("POST", "/_aliases", body);
  }

  private static void deleteQuietly(ClusterClient client, String index) {
    try {
      client.sendOrMissing("DELETE", "/" + index, null);
    } catch (IOException e) {
      LOG.warn("could not delete index {}: {}", index, e.getMessage());
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Collects actions into bulk requests and sends them, retrying what the cluster was too busy for. */
  private final class Bulk {
    private final ClusterClient client;
    private final String index;
    private final IndexCounters counters;
    private final List<Action> pending = new ArrayList<>();
    private int pendingBytes;

    /** One bulk action: its two lines (or one, for a delete), and where its release was read. */
    private record Action(String lines, String location, boolean delete) {}

    Bulk(ClusterClient client, String index, IndexCounters counters) {
      this.client = client;
      this.index = index;
      this.counters = counters;
    }

    void index(String location, PolicyDocument d) throws IOException, InterruptedException {
      ObjectNode meta = JSON.createObjectNode();
      meta.putObject("index").put("_id", d.id());
      String lines = JSON.writeValueAsString(meta) + "\n" + JSON.writeValueAsString(OpenSearchSchema.source(d, themes.themesOf(d))) + "\n";
      add(new Action(lines, location, false));
    }

    void delete(String id) throws IOException, InterruptedException {
      ObjectNode meta = JSON.createObjectNode();
      meta.putObject("delete").put("_id", id);
      add(new Action(JSON.writeValueAsString(meta) + "\n", "--delete " + id, true));
    }

    private void add(Action action) throws IOException, InterruptedException {
      pending.add(action);
      pendingBytes += action.lines().getBytes(StandardCharsets.UTF_8).length;
      if (pending.size() >= BATCH_DOCS || pendingBytes >= BATCH_BYTES) {
        flush();
      }
    }

    void flush() throws IOException, InterruptedException {
      List<Action> batch = new ArrayList<>(pending);
      pending.clear();
      pendingBytes = 0;
      long backoff = FIRST_BACKOFF_MILLIS;
      for (int attempt = 1; !batch.isEmpty(); attempt++) {
        List<Action> busy = send(batch, attempt);
        if (busy.isEmpty()) {
          return;
        }
        if (attempt == ATTEMPTS) {
          throw new IOException(
              "the cluster stayed too busy to take " + busy.size() + " releases after " + ATTEMPTS
                  + " attempts; the alias was not moved. Try again later or with a bigger cluster");
        }
        LOG.info("cluster busy: sending {} releases again in {} ms", busy.size(), backoff);
        Thread.sleep(backoff);
        backoff *= 2;
        batch = busy;
      }
    }

    /** Sends one bulk request; returns the actions to send again (the cluster was too busy). */
    private List<Action> send(List<Action> batch, int attempt) throws IOException {
      StringBuilder body = new StringBuilder();
      batch.forEach(a -> body.append(a.lines()));
      JsonNode answer;
      try {
        answer = client.sendLines("/" + index + "/_bulk", body.toString());
      } catch (ClusterClient.ClusterException e) {
        if ((e.status() == 429 || e.status() == 503) && attempt < ATTEMPTS) {
          return batch;
        }
        throw e;
      }
      List<Action> busy = new ArrayList<>();
      JsonNode items = answer.path("items");
      for (int i = 0; i < batch.size(); i++) {
        Action action = batch.get(i);
        JsonNode result = items.path(i).elements().hasNext() ? items.path(i).elements().next() : JSON.createObjectNode();
        int status = result.path("status").asInt(500);
        if (status / 100 == 2) {
          if (action.delete()) {
            counters.deleted();
          } else {
            counters.indexed();
          }
        } else if (status == 404 && action.delete()) {
          counters.deleted();
        } else if (status == 429) {
          busy.add(action);
        } else {
          JsonNode error = result.path("error");
          counters.skipped(action.location(), "refused by the cluster: " + error.path("type").asText("") + " " + error.path("reason").asText(""));
        }
      }
      return busy;
    }
  }
}
