package dev.policysearch.server.eval;

import java.io.IOException;
import java.util.List;

/** Where the evaluated rankings come from: an index opened in-process, or a running server. */
public interface RankedSource extends AutoCloseable {

  /** The ids of the first {@code depth} hits for {@code query}, best first. */
  List<String> rank(String query, int depth) throws IOException;

  @Override
  default void close() throws Exception {}
}
