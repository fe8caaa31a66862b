package dev.denokv.postgres;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvOutcomeUnknownException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.spi.support.KeyWrite;
import dev.denokv.spi.support.Writes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one instance: one thread that takes the pending tasks, up to the batch size, and
 * runs them in ONE transaction, so that concurrent writers share one commit and its WAL flush.
 * Tasks run in submission order, so a caller's writes commit in the order it made them. A batch
 * that fails on a broken connection before its commit was sent is run again on a new connection
 * (nothing of it was committed); one whose commit was sent but not answered fails with
 * {@link KvOutcomeUnknownException}.
 */
final class GroupCommitter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
  /** How long a batch keeps being retried while the server cannot be reached. */
  private static final long RETRY_WINDOW_MS = 30_000;
  private static final long RETRY_PAUSE_MS = 250;

  /** Whatever a batch needs done once it committed: notify local watchers, wake consumers. */
  interface AfterCommit {
    void committed(List<KeyWrite> changedKeys, boolean queueChanged);
  }

  private final DataSource dataSource;
  private final Sql sql;
  private final int maxBatch;
  private final Clock clock;
  private final AfterCommit afterCommit;
  private final BlockingQueue<WriteTask<?>> pending = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  GroupCommitter(DataSource dataSource, Sql sql, int maxBatch, Clock clock, AfterCommit afterCommit, String name) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.maxBatch = maxBatch;
    this.clock = clock;
    this.afterCommit = afterCommit;
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues {@code task} for the next batch. */
  <W extends WriteTask<?>> W submit(W task) {
    if (closed) {
      throw new KvClosedException();
    }
    pending.add(task);
    if (closed && pending.remove(task)) {
      throw new KvClosedException();
    }
    return task;
  }

  /** Runs {@code task} in a batch and waits for its committed result. */
  <T> T execute(WriteTask<T> task) {
    submit(task);
    return Writes.awaitCommitted(task.future, "PostgreSQL write failed");
  }

  private void loop() {
    List<WriteTask<?>> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        WriteTask<?> first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            break;
          }
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        break;
      }
      pending.drainTo(batch, maxBatch - 1);
      try {
        runBatch(batch);
      } catch (Throwable e) { // the writer thread must outlive anything a driver throws
        KvException failure = new KvException("PostgreSQL write failed: " + e, e);
        for (WriteTask<?> t : batch) {
          t.future.completeExceptionally(failure);
        }
      }
    }
    WriteTask<?> rest;
    while ((rest = pending.poll()) != null) {
      rest.future.completeExceptionally(new KvClosedException());
    }
  }

  private void runBatch(List<WriteTask<?>> batch) {
    long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_WINDOW_MS);
    while (true) {
      Attempt attempt = new Attempt(batch.size());
      try {
        attempt.run(batch);
        attempt.complete(batch);
        return;
      } catch (SQLException e) {
        boolean retry = !attempt.commitSent && Connections.isConnectionFailure(e)
            && System.nanoTime() - giveUpAt < 0 && !closed;
        if (retry) {
          log.debug("PostgreSQL write batch failed on the connection, retrying: {}", e.getMessage());
          pause();
          continue;
        }
        KvException failure = attempt.commitSent
            ? new KvOutcomeUnknownException("The PostgreSQL commit was sent but not confirmed: "
                + e.getMessage(), e)
            : Connections.isConnectionFailure(e)
                ? new KvUnavailableException("PostgreSQL cannot be reached: " + e.getMessage(), e)
                : new KvException("PostgreSQL write failed: " + e.getMessage(), e);
        for (WriteTask<?> t : batch) {
          t.future.completeExceptionally(failure);
        }
        return;
      } catch (RuntimeException e) {
        for (WriteTask<?> t : batch) {
          t.future.completeExceptionally(e);
        }
        return;
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One try at committing a batch. */
  private final class Attempt {
    final List<@Nullable Object> results;
    final List<@Nullable RuntimeException> errors;
    boolean commitSent;
    List<KeyWrite> changed = List.of();
    boolean queueChanged;

    Attempt(int size) {
      results = new ArrayList<>(size);
      errors = new ArrayList<>(size);
    }

    void run(List<WriteTask<?>> batch) throws SQLException {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          WriteTransaction tx = new WriteTransaction(c, sql, clock.millis());
          List<byte[]> toRead = new ArrayList<>();
          for (WriteTask<?> t : batch) {
            toRead.addAll(t.keysToRead());
          }
          tx.prefetch(toRead);
          for (WriteTask<?> t : batch) {
            try {
              results.add(t.run(tx));
              errors.add(null);
            } catch (RuntimeException e) {
              results.add(null);
              errors.add(e);
            }
          }
          tx.flush();
          changed = tx.changedKeys();
          queueChanged = tx.queueChangedFlag();
          commitSent = true;
          c.commit();
        } catch (AssertionError e) {
          // the driver's batch execution asserts on a connection that broke under it
          if (!commitSent) {
            rollbackQuietly(c);
          }
          throw new SQLException("The connection broke: " + e.getMessage(), "08006", e);
        } catch (SQLException | RuntimeException e) {
          if (!commitSent) {
            rollbackQuietly(c);
          }
          throw e;
        } finally {
          try {
            c.setAutoCommit(true);
          } catch (SQLException ignored) {
            // a broken connection is evicted by the pool
          }
        }
      }
    }

    void complete(List<WriteTask<?>> batch) {
      try {
        afterCommit.committed(changed, queueChanged);
      } catch (RuntimeException e) {
        log.warn("Notification after commit failed", e);
      }
      for (int i = 0; i < batch.size(); i++) {
        completeOne(batch.get(i), results.get(i), errors.get(i));
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException | RuntimeException ignored) {
      // the connection is gone; the server rolls back
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void completeOne(WriteTask<T> task, @Nullable Object result,
      @Nullable RuntimeException error) {
    if (error != null) {
      task.future.completeExceptionally(error);
      return;
    }
    T r = (T) result;
    try {
      task.committed(r);
    } catch (RuntimeException e) {
      log.warn("Notification after commit failed", e);
    }
    task.future.complete(r);
  }

  /** Commits what is pending, then stops the thread; later submissions fail. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
