package dev.policysearch.indexer.cli;

import dev.policysearch.corpus.opensearch.ClusterClient;
import dev.policysearch.indexer.index.ClusterIndexer;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where {@code index} and {@code crawl} write the index: a folder ({@code --index DIR}, the
 * embedded target) or an OpenSearch cluster with our plugin ({@code --target opensearch --url URL
 * --alias NAME}).
 */
final class TargetOptions {

  /** Where the index is built. */
  enum Target {
    embedded,
    opensearch
  }

  @Option(
      names = "--target",
      paramLabel = "NAME",
      description = "embedded (an index folder, --index; the default) or opensearch (a cluster, --url and --alias).")
  Target target = Target.embedded;

  @Option(names = "--url", paramLabel = "URL", description = "With --target opensearch: the cluster's HTTP address, e.g. http://127.0.0.1:9200.")
  String url;

  @Option(
      names = "--alias",
      paramLabel = "NAME",
      description = "With --target opensearch: the alias searches use; a full build moves it to the new index when complete (default: ${DEFAULT-VALUE}).")
  String alias = "policy-search";

  @Option(names = "--shards", paramLabel = "N", description = "With --target opensearch: primary shards of a new index (default: ${DEFAULT-VALUE}).")
  int shards = 1;

  @Option(names = "--replicas", paramLabel = "N", description = "With --target opensearch: copies of each shard on other nodes (default: ${DEFAULT-VALUE}).")
  int replicas = 1;

  boolean isCluster() {
    return target == Target.opensearch;
  }

  /**
   * Checks the options against the index folder given (or not): the cluster target, validated,
   * or null for the embedded target.
   *
   * @param indexRequired whether the embedded target needs --index (crawl can run without one)
   */
  ClusterIndexer.Target check(CommandLine.Model.CommandSpec spec, Path index, boolean indexRequired) {
    if (target == Target.embedded) {
      if (index == null && indexRequired) {
        throw usage(spec, "Missing required option: '--index=DIR' (or --target opensearch --url URL)");
      }
      return null;
    }
    if (url == null) {
      throw usage(spec, "--target opensearch needs --url http://HOST:9200");
    }
    if (index != null) {
      throw usage(spec, "--index is for the embedded target; with --target opensearch use --url and --alias");
    }
    if (!alias.matches("[a-z0-9][a-z0-9_.-]{0,100}")) {
      throw usage(spec, "--alias must be lowercase letters, digits, '-', '_' or '.', starting with a letter or digit; was '" + alias + "'");
    }
    if (shards < 1 || shards > 1024 || replicas < 0 || replicas > 16) {
      throw usage(spec, "--shards must be 1 to 1024 and --replicas 0 to 16");
    }
    try {
      ClusterClient.connect(url).close();
    } catch (IllegalArgumentException | IOException e) {
      throw usage(spec, "--url: " + e.getMessage());
    }
    return new ClusterIndexer.Target(url, alias, shards, replicas);
  }

  private static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
