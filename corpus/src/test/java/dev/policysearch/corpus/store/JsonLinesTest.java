package dev.policysearch.corpus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.PolicyDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

  @TempDir Path dir;

  private static final PolicyDocument DOC =
      new PolicyDocument(
          "t-1", Language.ZH, "关于推进新型工业化的意见", "第一段\n第二段", LocalDate.of(2024, 3, 5),
          "https://www.example.gov.cn/a.htm", "www.example.gov.cn", "国务院", "国发〔2024〕5号", "policy", "t-1-en");

  @Test
  void writesAndReadsBackPlainAndGzipFiles() throws IOException {
    for (String name : List.of("a.jsonl", "a.jsonl.gz")) {
      Path file = dir.resolve(name);
      try (JsonLinesWriter writer = JsonLinesWriter.open(file)) {
        writer.write(DOC);
      }
      assertEquals(List.of(DOC), documents(file), name);
    }
  }

  @Test
  void writesKeysInTheCorpusOrder() {
    String json = JsonLinesWriter.toJson(DOC);
    assertEquals(
        "{\"id\":\"t-1\",\"lang\":\"zh\",\"title\":\"关于推进新型工业化的意见\",\"body\":\"第一段\\n第二段\","
            + "\"date\":\"2024-03-05\",\"url\":\"https://www.example.gov.cn/a.htm\",\"source\":\"www.example.gov.cn\","
            + "\"issuer\":\"国务院\",\"doc_number\":\"国发〔2024〕5号\",\"type\":\"policy\",\"pair_id\":\"t-1-en\"}",
        json);
  }

  @Test
  void rejectsBadLinesWithTheirLineNumberAndReasonAndReadsTheRest() throws IOException {
    Path file = dir.resolve("mixed.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"id\":\"ok-1\",\"lang\":\"en\",\"title\":\"T\",\"body\":\"B\"}",
            "this is not json",
            "{\"lang\":\"zh\",\"title\":\"T\",\"body\":\"B\"}",
            "",
            "{\"id\":\"x\",\"lang\":\"fr\",\"title\":\"T\",\"body\":\"B\"}",
            "{\"id\":\"y\",\"lang\":\"zh\",\"title\":\"T\"}",
            "{\"id\":\"z\",\"lang\":\"zh\",\"title\":\"T\",\"body\":\"B\",\"date\":\"2024-13-01\"}",
            "[1,2]",
            "{\"id\":\"ok-2\",\"lang\":\"ZH\",\"title\":null,\"body\":\"正文\",\"date\":null}"),
        StandardCharsets.UTF_8);
    List<String> seen = new ArrayList<>();
    try (JsonLinesReader reader = JsonLinesReader.open(file)) {
      for (CorpusLine line : reader) {
        seen.add(
            switch (line) {
              case CorpusLine.Parsed p -> p.lineNumber() + " ok " + p.document().id();
              case CorpusLine.Rejected r -> r.lineNumber() + " " + r.reason();
            });
      }
    }
    assertEquals(
        List.of(
            "1 ok ok-1",
            "2 not JSON (Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))",
            "3 no id",
            "5 id x: unknown lang 'fr' (expected zh or en)",
            "6 id y: body missing",
            "7 id z: date '2024-13-01' is not YYYY-MM-DD",
            "8 not a JSON object",
            "9 ok ok-2"),
        seen);
  }

  @Test
  void locationNamesFileAndLine() {
    CorpusLine line = JsonLinesReader.parse(Path.of("corpus.jsonl"), 42, "{}");
    assertInstanceOf(CorpusLine.Rejected.class, line);
    assertEquals("corpus.jsonl:42", line.location());
  }

  private static List<PolicyDocument> documents(Path file) throws IOException {
    List<PolicyDocument> out = new ArrayList<>();
    try (JsonLinesReader reader = JsonLinesReader.open(file)) {
      for (CorpusLine line : reader) {
        out.add(((CorpusLine.Parsed) line).document());
      }
    }
    return out;
  }
}
