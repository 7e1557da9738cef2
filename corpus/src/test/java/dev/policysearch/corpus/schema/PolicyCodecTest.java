package dev.policysearch.corpus.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class PolicyCodecTest {

  /** Texts of every size the corpus has, from empty to a law far longer than a chunk. */
  private static List<String> texts() {
    Random random = new Random(20261130);
    List<String> texts = new ArrayList<>();
    texts.add("");
    for (int i = 0; i < 400; i++) {
      int length = i % 50 == 0 ? 150_000 + random.nextInt(200_000) : random.nextInt(12_000);
      StringBuilder text = new StringBuilder(length);
      for (int k = 0; k < length; k++) {
        int pick = random.nextInt(10);
        text.append(pick < 7 ? (char) (0x4E00 + random.nextInt(0x5000)) : pick < 9 ? (char) ('a' + random.nextInt(26)) : '。');
      }
      texts.add(text.toString());
    }
    return texts;
  }

  private static IndexWriterConfig config() {
    return new IndexWriterConfig().setCodec(new PolicyCodec()).setMaxBufferedDocs(37).setUseCompoundFile(false);
  }

  private static void assertStored(Directory dir, List<String> texts) throws Exception {
    try (DirectoryReader reader = DirectoryReader.open(dir)) {
      assertEquals(texts.size(), reader.numDocs());
      StoredFields stored = reader.storedFields();
      // Backwards and with jumps, so that no read follows on from the one before it.
      for (int doc = reader.maxDoc() - 1; doc >= 0; doc -= 3) {
        Document d = stored.document(doc);
        int i = Integer.parseInt(d.get("id"));
        assertEquals(texts.get(i), d.get("body"), "document " + i);
        assertEquals(i, d.getField("n").numericValue().intValue());
      }
    }
  }

  @Test
  void storedTextsReadBackExactlyBeforeAndAfterAMerge() throws Exception {
    List<String> texts = texts();
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, config())) {
        for (int i = 0; i < texts.size(); i++) {
          Document d = new Document();
          d.add(new StringField("id", Integer.toString(i), Field.Store.YES));
          d.add(new StoredField("body", texts.get(i)));
          d.add(new StoredField("n", i));
          writer.addDocument(d);
        }
        writer.commit();
        assertTrue(SegmentInfos.readLatestCommit(dir).size() > 1, "several segments to merge");
        assertStored(dir, texts);
        writer.forceMerge(1);
        writer.commit();
      }
      assertStored(dir, texts);
      for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(dir)) {
        assertEquals(PolicyCodec.NAME, segment.info.getCodec().getName());
      }
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      try (CheckIndex check = new CheckIndex(dir)) {
        check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(check.checkIndex().clean, log.toString(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void theStoredTextTakesItsOwnSizeAndNoMore() throws Exception {
    String text = "国务院关于印发政策文件的通知".repeat(2_000); // 28,000 characters, 84,000 bytes
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, config())) {
        Document d = new Document();
        d.add(new StoredField("body", text));
        writer.addDocument(d);
        writer.commit();
      }
      long storedBytes = 0;
      for (String file : dir.listAll()) {
        if (file.endsWith(".fdt")) {
          storedBytes += dir.fileLength(file);
        }
      }
      int utf8 = text.getBytes(StandardCharsets.UTF_8).length;
      assertTrue(storedBytes >= utf8 && storedBytes < utf8 + 1_000, storedBytes + " bytes for " + utf8 + " bytes of text");
    }
  }

  @Test
  void theCodecIsFoundByItsNameAsAReaderLooksItUp() {
    assertInstanceOf(PolicyCodec.class, Codec.forName(PolicyCodec.NAME));
  }
}
