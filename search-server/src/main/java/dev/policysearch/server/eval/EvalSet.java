package dev.policysearch.server.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queries and relevance judgments: {@code queries.tsv} ({@code qid<TAB>lang<TAB>kind<TAB>text})
 * and TREC qrels ({@code qid 0 docid grade}).
 */
public record EvalSet(List<Query> queries, Map<String, Map<String, Integer>> qrels) {

  /** One query; {@code kind} groups queries in the report (known-zh, docnum, topic...). */
  public record Query(String id, String lang, String kind, String text) {}

  /** Kinds whose queries look for one document (or one zh-en pair): measured by MRR. */
  public static boolean isKnownItem(String kind) {
    return !kind.equals("topic");
  }

  public static EvalSet read(Path queriesFile, Path qrelsFile) throws IOException {
    List<Query> queries = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(queriesFile, StandardCharsets.UTF_8)) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length == 4) {
        queries.add(new Query(cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip()));
      } else if (cols.length == 2) {
        queries.add(new Query(cols[0].strip(), "", "all", cols[1].strip()));
      } else {
        throw new IOException(queriesFile + ":" + lineNumber + ": expected qid<TAB>lang<TAB>kind<TAB>query (or qid<TAB>query)");
      }
    }
    Map<String, Map<String, Integer>> qrels = new HashMap<>();
    lineNumber = 0;
    for (String line : Files.readAllLines(qrelsFile, StandardCharsets.UTF_8)) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.trim().split("\\s+");
      if (cols.length != 4) {
        throw new IOException(qrelsFile + ":" + lineNumber + ": expected 'qid 0 docid grade'");
      }
      try {
        qrels.computeIfAbsent(cols[0], k -> new LinkedHashMap<>()).put(cols[2], Integer.parseInt(cols[3]));
      } catch (NumberFormatException e) {
        throw new IOException(qrelsFile + ":" + lineNumber + ": grade '" + cols[3] + "' is not a number");
      }
    }
    return new EvalSet(List.copyOf(queries), qrels);
  }
}
