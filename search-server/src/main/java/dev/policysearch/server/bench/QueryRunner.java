package dev.policysearch.server.bench;

/**
 * Runs one query task against one engine, for the {@link LoadDriver}. The driver times the call,
 * so an implementation does exactly the work a user's search costs and nothing more.
 */
@FunctionalInterface
interface QueryRunner {

  /** How a query ended. A timed-out search still answered, but with partial results. */
  enum Outcome {
    OK,
    TIMED_OUT,
    FAILED
  }

  Outcome run(QueryTask task) throws Exception;
}
