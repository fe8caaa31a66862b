package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * Work for the writer thread. {@link #run} executes inside the batch transaction under its own
 * savepoint: if it throws, only its changes are rolled back. After the batch commits,
 * {@link #committed} runs (notifications) and the future completes.
 */
abstract class WriterTask<T> {

  final CompletableFuture<T> future = new CompletableFuture<>();

  /** Does the work; may throw to have its changes rolled back. */
  abstract T run(SqlSession session, long nowMs) throws SQLException;

  /**
   * Whether {@link #run} may fail after changing something, so that it needs a savepoint. If a
   * task answering false throws anyway, its batch is rolled back and run again with savepoints.
   */
  boolean mayFailAfterWriting() {
    return true;
  }

  /** Whether the changes of a successful {@link #run} should nevertheless be rolled back. */
  boolean discard(T result) {
    return false;
  }

  /** Runs after the transaction holding this task's changes committed. */
  void committed(T result) {}
}
