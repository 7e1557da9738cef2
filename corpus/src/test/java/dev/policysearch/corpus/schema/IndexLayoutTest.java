package dev.policysearch.corpus.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexLayoutTest {

  @TempDir Path root;

  @Test
  void noCurrentGenerationUntilOneIsPublished() throws IOException {
    IndexLayout layout = new IndexLayout(root);
    Path first = layout.newGeneration();
    assertEquals(Optional.empty(), layout.current());
    layout.publish(first);
    assertEquals(Optional.of(first), layout.current());
  }

  @Test
  void generationsAreNumberedInOrder() throws IOException {
    IndexLayout layout = new IndexLayout(root);
    assertEquals("gen-000001", layout.newGeneration().getFileName().toString());
    assertEquals("gen-000002", layout.newGeneration().getFileName().toString());
  }

  @Test
  void cleanupKeepsCurrentAndPreviousAndRemovesCrashedLeftovers() throws IOException {
    IndexLayout layout = new IndexLayout(root);
    Path g1 = layout.newGeneration();
    layout.publish(g1);
    Path crashed = layout.newGeneration();
    Files.writeString(crashed.resolve("partial"), "x");
    Path g3 = layout.newGeneration();
    Optional<Path> previous = layout.current();
    layout.publish(g3);
    Path inProgress = layout.newGeneration();
    layout.removeOldGenerations(previous);
    assertTrue(Files.isDirectory(g1), "previous generation is kept for requests still running on it");
    assertFalse(Files.exists(crashed), "an unpublished generation older than the current one is removed");
    assertTrue(Files.isDirectory(g3));
    assertTrue(Files.isDirectory(inProgress), "a newer generation may be written by another indexer");
  }
}
