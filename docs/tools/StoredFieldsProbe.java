import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;

/**
 * Times reading whole stored documents from two Lucene index folders holding the same documents
 * in the same order, such as one generation written with the stored fields compressed and one
 * without (docs/BENCHMARKS.md, twentieth session). The same 2,000 random documents are read from
 * each in turn, 40 rounds, the first 10 left out as the JIT's; prints microseconds a document.
 *
 * <pre>
 * java -cp search-server/target/policy-search-server.jar docs/tools/StoredFieldsProbe.java \
 *     GENERATION_A GENERATION_B
 * </pre>
 */
public class StoredFieldsProbe {

  public static void main(String[] args) throws Exception {
    try (DirectoryReader a = DirectoryReader.open(FSDirectory.open(Path.of(args[0])));
        DirectoryReader b = DirectoryReader.open(FSDirectory.open(Path.of(args[1])))) {
      if (a.maxDoc() != b.maxDoc()) {
        throw new IllegalArgumentException("the folders hold " + a.maxDoc() + " and " + b.maxDoc() + " documents");
      }
      Random random = new Random(42);
      int[] docs = new int[2000];
      for (int i = 0; i < docs.length; i++) {
        docs[i] = random.nextInt(a.maxDoc());
      }
      DirectoryReader[] readers = {a, b};
      long[] nanos = new long[2];
      long fields = 0;
      int rounds = 40;
      int counted = 30;
      for (int round = 0; round < rounds; round++) {
        for (int turn = 0; turn < 2; turn++) {
          int which = (round + turn) % 2; // each goes first every other round
          StoredFields stored = readers[which].storedFields();
          long start = System.nanoTime();
          for (int doc : docs) {
            fields += stored.document(doc).getFields().size();
          }
          if (round >= rounds - counted) {
            nanos[which] += System.nanoTime() - start;
          }
        }
      }
      double perDoc = 1e3 * counted * docs.length;
      System.out.printf(
          "%s: %.1f us a document%n%s: %.1f us a document%n(%d fields read)%n",
          args[0], nanos[0] / perDoc, args[1], nanos[1] / perDoc, fields);
    }
  }
}
