package dev.policysearch.corpus;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Lucene's start-up notice about the JDK's incubating vector module off the console. Lucene
 * prints it (through java.util.logging, at WARNING) the first time it decodes postings, asking
 * for {@code --add-modules jdk.incubator.vector}; measured here, that flag made searches no faster
 * and would print a warning of the JVM's own at every start instead (docs/BENCHMARKS.md,
 * thirteenth session), so the notice only asks admins to do something that does not help.
 * Lucene's other messages, and anything severe from this logger, still show.
 */
public final class LuceneNotices {
  private static final String VECTORIZATION = "org.apache.lucene.internal.vectorization.VectorizationProvider";

  /** java.util.logging keeps loggers weakly: this holds the configured one for the JVM's life. */
  private static Logger vectorization;

  private LuceneNotices() {}

  /** Call first thing in a program's main, before Lucene reads or writes an index. */
  public static synchronized void quiet() {
    if (vectorization == null) {
      vectorization = Logger.getLogger(VECTORIZATION);
      vectorization.setLevel(Level.SEVERE);
    }
  }
}
