package dev.policysearch.opensearch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A node's home folder, laid out as the OpenSearch distribution is: {@code lib/} and {@code
 * modules/} from the shared layout the build prepared, empty {@code config/}, {@code plugins/},
 * {@code data/}, {@code logs/} and {@code tmp/}. Files are hard-linked (copied where the file
 * system cannot link), so a home costs almost no disk and no copying time.
 */
final class NodeHome {
  private NodeHome() {}

  private static final List<String> SHARED = List.of("lib", "modules");
  private static final List<String> OWN = List.of("config", "plugins", "data", "logs", "tmp");

  static void requireLayout(Path layout) {
    for (String folder : SHARED) {
      if (!Files.isDirectory(layout.resolve(folder))) {
        throw new IllegalStateException(
            layout.resolve(folder) + " is missing: the OpenSearch node layout is built by "
                + "`mvn -pl opensearch-plugin -am package -DskipTests` (into "
                + "opensearch-plugin/target/opensearch-node)");
      }
    }
  }

  static void populate(Path layout, Path home) throws IOException {
    for (String folder : SHARED) {
      linkTree(layout.resolve(folder), home.resolve(folder));
    }
    for (String folder : OWN) {
      Files.createDirectories(home.resolve(folder));
    }
  }

  private static void linkTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          link(source, target);
        }
      }
    }
  }

  private static void link(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
    } catch (IOException | UnsupportedOperationException cannotLink) {
      Files.copy(source, target);
    }
  }
}
