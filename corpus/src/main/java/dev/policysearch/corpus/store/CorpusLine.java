package dev.policysearch.corpus.store;

import dev.policysearch.corpus.PolicyDocument;
import java.nio.file.Path;

/** What one non-blank line of a corpus file turned out to be: a document, or a reason to skip it. */
public sealed interface CorpusLine {

  Path file();

  long lineNumber();

  /** {@code file:line}, the way problems are reported to the user. */
  default String location() {
    return file() + ":" + lineNumber();
  }

  record Parsed(Path file, long lineNumber, PolicyDocument document) implements CorpusLine {}

  record Rejected(Path file, long lineNumber, String reason) implements CorpusLine {}
}
