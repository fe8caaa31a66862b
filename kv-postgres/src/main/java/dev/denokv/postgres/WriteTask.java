package dev.denokv.postgres;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Work for the writer: runs inside the batch's transaction; its future completes after the
 * commit. A task that throws a runtime exception fails alone and leaves no trace in the
 * transaction; an {@link SQLException} fails the whole batch.
 */
abstract class WriteTask<T> {

  final CompletableFuture<T> future = new CompletableFuture<>();

  abstract T run(WriteTransaction tx) throws SQLException;

  /** Keys whose stored entries the task will read; fetched for the whole batch at once. */
  List<byte[]> keysToRead() {
    return List.of();
  }

  /** Called on the writer thread after the commit, before the future completes. */
  void committed(@Nullable T result) {}
}
