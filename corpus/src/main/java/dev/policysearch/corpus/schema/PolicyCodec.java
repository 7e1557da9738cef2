package dev.policysearch.corpus.schema;

import java.io.IOException;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * The index's codec: Lucene's own, except that stored fields are kept as they are, not
 * compressed.
 *
 * <p>A search shows titles and passages of its hits, so it reads a hit's stored text; Lucene's
 * compressed format decompresses a shared dictionary and whole blocks of neighbouring documents
 * to get one. On the shared corpus a release took two to four times as long to read that way
 * (34-46 against 9-25 microseconds), and a search never seen before 13-14 % more time
 * (docs/BENCHMARKS.md, twentieth session). The stored fields take about 1.7 times the room (139
 * against 83 MB on the shared corpus; the whole index about 20 % more).
 *
 * <p>The name carries the Lucene codec it builds on: a segment is read back with the formats it
 * was written with, so a later Lucene's codec gets a codec of a new name here, and this one stays
 * for the indexes already written. Found by name through {@code
 * META-INF/services/org.apache.lucene.codecs.Codec}.
 */
public final class PolicyCodec extends FilterCodec {

  public static final String NAME = "PolicySearch104";

  /** Bytes stored as they are: "decompressing" a document's range reads just that range. */
  private static final CompressionMode AS_IS =
      new CompressionMode() {
        @Override
        public Compressor newCompressor() {
          return new Compressor() {
            @Override
            public void compress(ByteBuffersDataInput buffersInput, DataOutput out) throws IOException {
              out.copyBytes(buffersInput, buffersInput.length());
            }

            @Override
            public void close() {}
          };
        }

        @Override
        public Decompressor newDecompressor() {
          return new Decompressor() {
            @Override
            public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes)
                throws IOException {
              if (offset < 0 || length < 0 || offset + length > originalLength) {
                throw new CorruptIndexException(
                    "stored range " + offset + "+" + length + " outside a block of " + originalLength + " bytes", in);
              }
              in.skipBytes(offset);
              bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, length);
              in.readBytes(bytes.bytes, 0, length);
              bytes.offset = 0;
              bytes.length = length;
            }

            @Override
            public Decompressor clone() {
              return this; // holds nothing
            }
          };
        }

        @Override
        public String toString() {
          return "as-is";
        }
      };

  /** Lucene's chunking of the fast stored-fields format (chunks of 80 KB, at most 1,024 documents). */
  private final StoredFieldsFormat storedFields =
      new Lucene90CompressingStoredFieldsFormat("PolicySearchStoredFields", AS_IS, 80 * 1024, 1024, 10);

  public PolicyCodec() {
    super(NAME, new Lucene104Codec());
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return storedFields;
  }
}
