package dev.denokv.sqlite;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer thread. It drains the pending tasks and runs up to
 * {@link SqliteOptions#maxBatchSize()} of them in ONE transaction, so that concurrent writers
 * share one WAL fsync; each task runs under its own savepoint and fails or succeeds alone. Tasks
 * are completed only after the transaction is durably committed.
 */
final class GroupCommitter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
  private static final WriterTask<Void> STOP = new WriterTask<>() {
    @Override
    Void run(SqlSession session, long nowMs) {
      return null;
    }
  };

  private final ConnectionPool pool;
  private final int maxBatch;
  private final long gatherNanos;
  private final Queue<WriterTask<?>> pending = new ConcurrentLinkedQueue<>();
  /** Tasks in {@link #pending}, counted apart so that submitters know when to wake the writer. */
  private final AtomicInteger queued = new AtomicInteger();
  /**
   * The writer thread sleeps until {@link #queued} reaches this count; {@code MAX_VALUE} while it
   * is busy. Only the submitter that completes the awaited count pays for waking it.
   */
  private volatile int wakeAt = Integer.MAX_VALUE;
  private final Thread thread;
  /** Held while a batch runs, by the writer thread or by a caller committing on its own. */
  private final ReentrantLock batchLock = new ReentrantLock();
  private volatile int lastBatchSize = 1;
  private volatile boolean closed;

  /**
   * @param gatherNanos how long a new batch may wait for the writers of the previous one to come
   *     back (worth a fraction of an fsync; 0 when commits do not fsync)
   */
  GroupCommitter(ConnectionPool pool, int maxBatch, long gatherNanos, String name) {
    this.pool = pool;
    this.maxBatch = maxBatch;
    this.gatherNanos = gatherNanos;
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues {@code task} for the next batch. */
  <W extends WriterTask<?>> W submit(W task) {
    if (closed) {
      throw new KvClosedException();
    }
    enqueue(task);
    if (closed && pending.remove(task)) {
      queued.decrementAndGet();
      throw new KvClosedException();
    }
    return task;
  }

  private void enqueue(WriterTask<?> task) {
    pending.add(task);
    if (queued.incrementAndGet() >= wakeAt) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Runs {@code task} in a batch and waits for its committed result. While writes arrive one at a
   * time (nothing queued, the last batch held one write), the caller commits on its own thread and
   * skips the hand-off to the writer thread.
   */
  <T> T execute(WriterTask<T> task) {
    if (!commitAlone(task)) {
      submit(task);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new KvException("SQLite write failed: " + cause.getMessage(), cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean commitAlone(WriterTask<?> task) {
    if (lastBatchSize > 1 || !pending.isEmpty() || !batchLock.tryLock()) {
      return false;
    }
    try {
      if (closed) {
        throw new KvClosedException();
      }
      if (!pending.isEmpty()) {
        return false;
      }
      runBatch(List.of(task), false);
      return true;
    } finally {
      batchLock.unlock();
    }
  }

  private void loop() {
    List<WriterTask<?>> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      batch.clear();
      awaitQueued(1, 0);
      drain(batch);
      gatherStragglers(batch, lastBatchSize);
      lastBatchSize = batch.size();
      if (batch.remove(STOP)) {
        stop = true;
      }
      if (!batch.isEmpty()) {
        batchLock.lock();
        try {
          runBatch(batch, false);
        } finally {
          batchLock.unlock();
        }
      }
    }
    WriterTask<?> rest;
    while ((rest = pending.poll()) != null) {
      rest.future.completeExceptionally(new KvClosedException());
    }
  }

  /** Moves queued tasks into {@code batch}, up to the batch size. */
  private void drain(List<WriterTask<?>> batch) {
    WriterTask<?> task;
    while (batch.size() < maxBatch && (task = pending.poll()) != null) {
      queued.decrementAndGet();
      batch.add(task);
    }
  }

  /**
   * Sleeps until {@code count} tasks are queued or, when {@code deadline} is not 0, until
   * {@link System#nanoTime()} reaches it.
   */
  private void awaitQueued(int count, long deadline) {
    if (queued.get() >= count) {
      return;
    }
    wakeAt = count;
    try {
      while (queued.get() < count) {
        if (deadline == 0) {
          LockSupport.park(this);
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          LockSupport.parkNanos(this, left);
        }
        Thread.interrupted(); // nothing interrupts this thread on purpose; never spin on it
      }
    } finally {
      wakeAt = Integer.MAX_VALUE;
    }
  }

  /**
   * The writers of the previous batch usually come back with their next write right after it
   * committed; waiting a fraction of an fsync for them lets them share the next one instead of
   * splitting into small batches. The writer thread is woken once, by the last of them.
   */
  private void gatherStragglers(List<WriterTask<?>> batch, int expected) {
    int target = Math.min(expected, maxBatch);
    if (gatherNanos <= 0 || batch.size() >= target || batch.contains(STOP)) {
      return;
    }
    awaitQueued(target - batch.size(), System.nanoTime() + gatherNanos);
    drain(batch);
  }

  /** A task that claimed it could not fail did; the batch is run again with savepoints. */
  private static final class UnexpectedTaskFailure extends RuntimeException {
    UnexpectedTaskFailure(RuntimeException cause) {
      super(cause);
    }
  }

  private void runBatch(List<WriterTask<?>> batch, boolean savepointsForAll) {
    Object[] results = new Object[batch.size()];
    Throwable[] errors = new Throwable[batch.size()];
    try {
      pool.write(session -> {
        SqlRetry.onBusy(() -> {
          session.run("BEGIN IMMEDIATE");
          session.version(SqlSession.VersionState.UNKNOWN);
          return null;
        });
        try {
          long now = System.currentTimeMillis();
          for (int i = 0; i < batch.size(); i++) {
            runOne(session, batch.get(i), now, i, results, errors, savepointsForAll);
          }
          KvTable.storeVersion(session);
          SqlRetry.onBusy(() -> {
            session.run("COMMIT");
            return null;
          });
        } catch (SQLException | RuntimeException e) {
          session.rollbackQuietly();
          throw e;
        } finally {
          session.version(SqlSession.VersionState.UNKNOWN);
        }
        return null;
      });
    } catch (UnexpectedTaskFailure e) {
      runBatch(batch, true);
      return;
    } catch (SQLException | RuntimeException e) {
      KvException failure = e instanceof KvException ke ? ke
          : new KvException("SQLite commit failed: " + e.getMessage(), e);
      for (WriterTask<?> t : batch) {
        t.future.completeExceptionally(failure);
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      complete(batch.get(i), results[i], errors[i]);
    }
  }

  private static <T> void runOne(SqlSession session, WriterTask<T> task, long now, int i,
      Object[] results, Throwable[] errors, boolean savepoint) throws SQLException {
    if (!savepoint && !task.mayFailAfterWriting()) {
      try {
        results[i] = task.run(session, now);
      } catch (RuntimeException e) {
        throw new UnexpectedTaskFailure(e);
      }
      return;
    }
    SqlSession.VersionState versionBefore = session.version();
    session.run("SAVEPOINT w");
    try {
      T result = task.run(session, now);
      if (task.discard(result)) {
        session.run("ROLLBACK TO w");
        session.version(versionBefore);
      }
      results[i] = result;
    } catch (SQLException | RuntimeException e) {
      if (e instanceof SQLException se && SqlRetry.isBusy(se)) {
        throw se;
      }
      session.run("ROLLBACK TO w");
      session.version(versionBefore);
      errors[i] = e;
    }
    session.run("RELEASE w");
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(WriterTask<T> task, Object result, Throwable error) {
    if (error != null) {
      task.future.completeExceptionally(error instanceof RuntimeException ? error
          : new KvException("SQLite write failed: " + error.getMessage(), error));
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
    enqueue(STOP);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    batchLock.lock(); // a write committing on its caller's thread finishes first
    batchLock.unlock();
  }
}
