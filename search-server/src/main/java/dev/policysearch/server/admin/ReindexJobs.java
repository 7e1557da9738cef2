package dev.policysearch.server.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a re-index in the background as a child process of the indexer's command line, the same
 * command an admin would type. The server keeps serving the current generation meanwhile and
 * switches when the indexer publishes the new one; a crash of the indexer cannot take the server
 * down, and leaves the current generation in place.
 */
public final class ReindexJobs {
  private static final Logger LOG = LoggerFactory.getLogger(ReindexJobs.class);

  static final int OUTPUT_LINES = 40;

  /** What to index: every input, as a full rebuild or as an update of the current index. */
  public record Request(List<String> inputs, boolean update, List<String> deleteIds) {}

  /** A job as the admin API shows it. */
  public record Status(
      String state, String mode, List<String> inputs, String started, String finished, Integer exitCode, String progress, List<String> output) {}

  private final Path indexerJar;
  private final Path index;
  private final Deque<String> output = new ArrayDeque<>();
  private Request request;
  private Process process;
  private String state = "idle";
  private Instant started;
  private Instant finished;
  private Integer exitCode;
  private String progress = "";

  public ReindexJobs(Path indexerJar, Path index) {
    this.indexerJar = indexerJar;
    this.index = index;
  }

  public boolean available() {
    return indexerJar != null;
  }

  /** Starts a job, or returns empty when one is running already. */
  public synchronized Optional<Status> start(Request request) throws IOException {
    if (process != null && process.isAlive()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // As the launcher starts the indexer: Lucene's native calls allowed, so the JVM does not
    // print its warning about them into the job's log.
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-jar");
    command.add(indexerJar.toString());
    command.add("index");
    if (!request.inputs().isEmpty()) {
      command.add("--input");
      command.addAll(request.inputs());
    }
    command.add("--index");
    command.add(index.toString());
    if (request.update()) {
      command.add("--update");
    }
    for (String id : request.deleteIds()) {
      command.add("--delete");
      command.add(id);
    }
    this.request = request;
    this.output.clear();
    this.state = "running";
    this.started = Instant.now();
    this.finished = null;
    this.exitCode = null;
    this.progress = "starting";
    LOG.info("re-index started: {}", String.join(" ", command));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Process running = process;
    Thread.ofPlatform().daemon().name("reindex-output").start(() -> follow(running));
    return Optional.of(status());
  }

  private void follow(Process running) {
    try (var reader = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (this) {
          output.addLast(line);
          while (output.size() > OUTPUT_LINES) {
            output.removeFirst();
          }
          if (line.startsWith("Indexing:")) {
            progress = line.substring("Indexing:".length()).strip();
          }
        }
      }
      int code = running.waitFor();
      synchronized (this) {
        exitCode = code;
        finished = Instant.now();
        state = code == 0 ? "succeeded" : "failed";
        progress = code == 0 ? "done" : "failed (exit " + code + ")";
      }
      LOG.info("re-index finished with exit code {}", code);
    } catch (IOException | InterruptedException e) {
      synchronized (this) {
        state = "failed";
        finished = Instant.now();
        progress = "failed: " + e.getMessage();
      }
    }
  }

  public synchronized Status status() {
    return new Status(
        state,
        request == null ? null : request.update() ? "update" : "full",
        request == null ? List.of() : request.inputs(),
        started == null ? null : started.toString(),
        finished == null ? null : finished.toString(),
        exitCode,
        progress,
        List.copyOf(output));
  }

  /** Stops a running job (at server shutdown). */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
    }
  }
}
