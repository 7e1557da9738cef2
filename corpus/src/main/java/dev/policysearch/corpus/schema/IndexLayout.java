package dev.policysearch.corpus.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder an index lives in. Each (re)index writes a complete Lucene index into a new
 * generation folder ({@code gen-000007}) beside the current one, and only then points the file
 * {@code CURRENT} at it with an atomic rename. A reader never sees a half-written index, and a
 * crash in the middle of a re-index leaves the previous generation serving.
 */
public final class IndexLayout {

  /** Bumped whenever the fields or analysis change in a way that needs a re-index. */
  public static final int SCHEMA_VERSION = 4;

  /** Commit user-data key holding {@link #SCHEMA_VERSION}. */
  public static final String SCHEMA_KEY = "policy-search.schema";

  public static final String CURRENT = "CURRENT";

  private static final Pattern GENERATION = Pattern.compile("gen-(\\d{6,})");

  private final Path root;

  public IndexLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The generation folder {@code CURRENT} points at, if an index has been published here. */
  public Optional<Path> current() throws IOException {
    String name;
    try {
      name = Files.readString(root.resolve(CURRENT), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!GENERATION.matcher(name).matches()) {
      throw new IOException(root.resolve(CURRENT) + " does not name a generation: '" + name + "'");
    }
    return Optional.of(root.resolve(name));
  }

  /** Creates a fresh, empty generation folder, numbered after every existing one. */
  public Path newGeneration() throws IOException {
    Files.createDirectories(root);
    long next = generations().stream().mapToLong(IndexLayout::number).max().orElse(0) + 1;
    while (true) {
      Path dir = root.resolve(String.format("gen-%06d", next));
      try {
        return Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        next++; // another indexer took this number first
      }
    }
  }

  /** Points {@code CURRENT} at {@code generation} in one atomic step. */
  public void publish(Path generation) throws IOException {
    Path tmp = root.resolve(CURRENT + ".tmp-" + ProcessHandle.current().pid());
    Files.writeString(tmp, generation.getFileName() + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Every generation folder, oldest first. */
  public List<Path> generations() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "gen-*")) {
      for (Path dir : dirs) {
        if (Files.isDirectory(dir) && GENERATION.matcher(dir.getFileName().toString()).matches()) {
          out.add(dir);
        }
      }
    }
    out.sort(Comparator.comparingLong(IndexLayout::number));
    return out;
  }

  /**
   * Deletes the generations older than the current one, except {@code keep} (the one a running
   * server may still be finishing requests on). Unfinished generations left by a crashed run go
   * too; generations newer than the current one are left alone, as another indexer may be writing
   * one right now.
   */
  public List<Path> removeOldGenerations(Optional<Path> keep) throws IOException {
    Optional<Path> current = current();
    if (current.isEmpty()) {
      return List.of();
    }
    long currentNumber = number(current.get());
    long keepNumber = keep.map(IndexLayout::number).orElse(-1L);
    List<Path> removed = new ArrayList<>();
    for (Path generation : generations()) {
      long n = number(generation);
      if (n < currentNumber && n != keepNumber) {
        delete(generation);
        removed.add(generation);
      }
    }
    return removed;
  }

  static long number(Path generation) {
    var m = GENERATION.matcher(generation.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Removes a generation folder and everything in it (an unfinished or retired generation). */
  public static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
