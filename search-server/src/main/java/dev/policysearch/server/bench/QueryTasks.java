package dev.policysearch.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the benchmark's task file: {@code kind<TAB>query<TAB>extra-params} per line, where
 * extra-params is an URL query string ({@code lang=zh&type=policy}) and may be left out. Blank
 * lines and lines starting with {@code #} are skipped. Grouping queries by kind, as Lucene's own
 * benchmark task files do, lets a report say which kind of search got slower, not only that
 * something did.
 */
final class QueryTasks {

  /** The task file bundled with the server (written for the benchmark, see its header). */
  static final String BUNDLED = "/bench/tasks.tsv";

  private QueryTasks() {}

  static List<QueryTask> bundled() throws IOException {
    InputStream in = QueryTasks.class.getResourceAsStream(BUNDLED);
    if (in == null) {
      throw new IOException("the bundled task file " + BUNDLED + " is missing from the classpath: build first: ./policy-search build");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(reader, "classpath:" + BUNDLED);
    }
  }

  static List<QueryTask> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("--tasks " + file + ": no such file");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    }
  }

  /** The tasks of {@code reader}; a malformed line fails with its {@code source:line}. */
  static List<QueryTask> parse(Reader reader, String source) throws IOException {
    List<QueryTask> tasks = new ArrayList<>();
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length < 2 || columns.length > 3 || columns[0].isBlank() || columns[1].isBlank()) {
        throw new IOException(source + ":" + number + ": expected kind<TAB>query[<TAB>extra-params], got '" + line + "'");
      }
      Map<String, String> params = columns.length == 3 ? params(columns[2], source + ":" + number) : Map.of();
      tasks.add(new QueryTask(columns[0].strip(), columns[1].strip(), params));
    }
    if (tasks.isEmpty()) {
      throw new IOException(source + ": no tasks in the file");
    }
    return List.copyOf(tasks);
  }

  private static Map<String, String> params(String text, String location) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    if (text.isBlank()) {
      return params;
    }
    for (String pair : text.strip().split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IOException(location + ": extra-params must look like name=value&name=value, got '" + text + "'");
      }
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** Tasks grouped by kind, kinds in the order they first appear. */
  static Map<String, List<QueryTask>> byKind(List<QueryTask> tasks) {
    Map<String, List<QueryTask>> kinds = new LinkedHashMap<>();
    for (QueryTask task : tasks) {
      kinds.computeIfAbsent(task.kind(), k -> new ArrayList<>()).add(task);
    }
    return kinds;
  }

  /** The first {@code n} tasks of each kind, in file order (all of them when n is 0). */
  static List<QueryTask> firstPerKind(List<QueryTask> tasks, int n) {
    if (n <= 0) {
      return tasks;
    }
    List<QueryTask> out = new ArrayList<>();
    byKind(tasks).values().forEach(group -> out.addAll(group.subList(0, Math.min(n, group.size()))));
    return List.copyOf(out);
  }

  /** Only the tasks of the given kinds. */
  static List<QueryTask> ofKinds(List<QueryTask> tasks, List<String> kinds) {
    return tasks.stream().filter(t -> kinds.contains(t.kind())).toList();
  }
}
