package dev.policysearch.server.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The class-data archives the launcher keeps beside a jar, for the launcher's tests. */
final class LauncherArchives {
  private LauncherArchives() {}

  /** Archives of {@code jarName} in {@code folder} (any build), and anything pending beside them. */
  static List<Path> of(Path folder, String jarName) throws IOException {
    String pattern = java.util.regex.Pattern.quote(jarName) + "-.*\\.jsa.*";
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().matches(pattern)).sorted().toList();
    }
  }

  /** Removes every archive of {@code jarName} in {@code folder}, so a test starts without one. */
  static void removeAll(Path folder, String jarName) throws IOException {
    for (Path p : of(folder, jarName)) {
      Files.deleteIfExists(p);
    }
  }
}
