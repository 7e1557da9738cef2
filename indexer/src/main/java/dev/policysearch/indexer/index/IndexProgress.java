package dev.policysearch.indexer.index;

/** Hears how far an indexing run has got, for a progress bar or a log line. */
public interface IndexProgress {

  /** Called once, before reading, with the total size of the input files in bytes. */
  void start(long totalBytes);

  /** Called as input is read: bytes read so far and documents indexed so far. */
  void advance(long bytesRead, long documentsIndexed);

  /** Called once, when every document has been written and the index is about to be committed. */
  void finish();

  IndexProgress NONE =
      new IndexProgress() {
        @Override
        public void start(long totalBytes) {}

        @Override
        public void advance(long bytesRead, long documentsIndexed) {}

        @Override
        public void finish() {}
      };
}
