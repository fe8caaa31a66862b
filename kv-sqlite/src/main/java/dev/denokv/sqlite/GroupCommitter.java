package dev.denokv.sqlite;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.spi.support.Writes;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer thread. It runs up to {@link SqliteOptions#maxBatchSize()} pending tasks in ONE
 * transaction, so that concurrent writers share one WAL fsync, taking in the writes that arrive
 * while the batch runs; each task fails or succeeds alone (under its own savepoint when it may
 * fail after writing). Tasks are completed only after the transaction is durably committed.
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
  private final Clock clock;
  private final int maxBatch;
  private final long gatherNanos;
  private final Queue<WriterTask<?>> pending = new ConcurrentLinkedQueue<>();
  /** Whether the writer thread sleeps for want of work; only then do submitters wake it. */
  private volatile boolean idle;
  private final Thread thread;
  /** Held while a batch runs, by the writer thread or by a caller committing on its own. */
  private final ReentrantLock batchLock = new ReentrantLock();
  private volatile int lastBatchSize = 1;
  private volatile boolean closed;
  private volatile @Nullable Consumer<BatchCommit> observer;
  /** When the previous batch finished ({@link System#nanoTime()}), for the observer's idle time. */
  private long lastBatchEnd = System.nanoTime();

  /**
   * @param gatherNanos how long a new batch may wait for the writers of the previous one to come
   *     back (worth a fraction of an fsync; 0 when commits do not fsync)
   */
  GroupCommitter(ConnectionPool pool, int maxBatch, long gatherNanos, Clock clock, String name) {
    this.pool = pool;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.gatherNanos = gatherNanos;
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Calls {@code observer} on the committing thread after each batch, or stops calling when null. */
  void observe(@Nullable Consumer<BatchCommit> observer) {
    this.observer = observer;
  }

  /** Queues {@code task} for the next batch. */
  <W extends WriterTask<?>> W submit(W task) {
    if (closed) {
      throw new KvClosedException();
    }
    enqueue(task);
    if (closed && pending.remove(task)) {
      throw new KvClosedException();
    }
    return task;
  }

  private void enqueue(WriterTask<?> task) {
    pending.add(task);
    if (idle) {
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
    return Writes.awaitCommitted(task.future, "SQLite write failed");
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
      runBatch(List.of(task), false, null);
    } finally {
      batchLock.unlock();
    }
    return true;
  }

  private void loop() {
    List<WriterTask<?>> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      batch.clear();
      awaitWork();
      // Taken before draining: a caller committing on its own thread must not overtake writes
      // already taken off the queue (a thread's earlier asynchronous write, for one).
      batchLock.lock();
      try {
        drain(batch);
        stop = batch.remove(STOP);
        if (batch.isEmpty()) {
          continue;
        }
        Gathering gathering = stop || gatherNanos <= 0 ? null
            : new Gathering(Math.min(lastBatchSize, maxBatch), System.nanoTime() + gatherNanos);
        runBatch(batch, false, gathering);
      } finally {
        batchLock.unlock();
      }
      lastBatchSize = batch.size();
      stop |= batch.contains(STOP); // gathered while the batch ran; ran as a no-op
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
      batch.add(task);
    }
  }

  /**
   * Sleeps until a task is queued. After a batch of several writes, whose writers usually come
   * back at once with their next write, it first waits awake (yielding its core) for up to the
   * gathering time: a parked thread takes tens of microseconds to wake, and each batch would pay
   * that before its first write.
   */
  private void awaitWork() {
    if (gatherNanos > 0 && lastBatchSize > 1) {
      long deadline = System.nanoTime() + gatherNanos;
      while (pending.isEmpty() && System.nanoTime() - deadline < 0) {
        Thread.yield();
      }
    }
    idle = true;
    try {
      while (pending.isEmpty()) {
        LockSupport.park(this);
        Thread.interrupted(); // nothing interrupts this thread on purpose; never spin on it
      }
    } finally {
      idle = false;
    }
  }

  /**
   * How a batch grows while its transaction is open. The writers of the previous batch usually
   * come back with their next write right after it committed; the writer thread runs the writes
   * as they arrive and waits, a fraction of an fsync at most, for the others to share the commit.
   * It waits awake, yielding its core, so that no submitter pays for waking it.
   *
   * @param target the batch size worth waiting for (the size of the previous batch)
   * @param deadline the {@link System#nanoTime()} after which the batch commits with what it has
   */
  private record Gathering(int target, long deadline) {}

  /** Adds queued tasks to {@code batch} while it is below the target; false when it is complete. */
  private boolean gatherMore(List<WriterTask<?>> batch, @Nullable Gathering gathering) {
    if (gathering == null || batch.size() >= gathering.target() || batch.contains(STOP)) {
      return false;
    }
    int before = batch.size();
    while (true) {
      drain(batch);
      if (batch.size() > before) {
        return true;
      }
      if (System.nanoTime() - gathering.deadline() >= 0) {
        return false;
      }
      Thread.yield();
    }
  }

  /** A task that claimed it could not fail did; the batch is run again with savepoints. */
  private static final class UnexpectedTaskFailure extends RuntimeException {
    UnexpectedTaskFailure(RuntimeException cause) {
      super(cause);
    }
  }

  /**
   * Runs the tasks of {@code batch}, and those {@code gathering} adds to it meanwhile, in one
   * transaction, then completes them all.
   */
  private void runBatch(List<WriterTask<?>> batch, boolean savepointsForAll, @Nullable Gathering gathering) {
    List<@Nullable Object> results = new ArrayList<>(batch.size());
    List<@Nullable Throwable> errors = new ArrayList<>(batch.size());
    long started = System.nanoTime();
    long[] committing = new long[2];
    try {
      pool.write(session -> {
        SqlRetry.onBusy(() -> {
          session.run("BEGIN IMMEDIATE");
          session.version(SqlSession.VersionState.UNKNOWN);
          return null;
        });
        try {
          long now = clock.millis();
          do {
            for (int i = results.size(); i < batch.size(); i++) {
              runOne(session, batch.get(i), now, results, errors, savepointsForAll);
            }
          } while (gatherMore(batch, gathering));
          KvTable.storeVersion(session);
          committing[0] = System.nanoTime();
          SqlRetry.onBusy(() -> {
            session.run("COMMIT");
            return null;
          });
          committing[1] = System.nanoTime();
        } catch (SQLException | RuntimeException e) {
          session.rollbackQuietly();
          throw e;
        } finally {
          session.version(SqlSession.VersionState.UNKNOWN);
        }
        return null;
      });
    } catch (UnexpectedTaskFailure e) {
      runBatch(batch, true, null);
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
      complete(batch.get(i), results.get(i), errors.get(i));
    }
    long ended = System.nanoTime();
    Consumer<BatchCommit> o = observer;
    if (o != null) {
      try {
        o.accept(new BatchCommit(batch.size(), started - lastBatchEnd, committing[0] - started,
            committing[1] - committing[0], ended - committing[1]));
      } catch (RuntimeException e) {
        log.warn("Commit observer failed", e);
      }
    }
    lastBatchEnd = ended;
  }

  /** Runs {@code task} and appends its result and error (one of them null) to the lists. */
  private static <T> void runOne(SqlSession session, WriterTask<T> task, long now,
      List<@Nullable Object> results, List<@Nullable Throwable> errors, boolean savepoint)
      throws SQLException {
    if (!savepoint && !task.mayFailAfterWriting()) {
      try {
        results.add(task.run(session, now));
      } catch (RuntimeException e) {
        throw new UnexpectedTaskFailure(e);
      }
      errors.add(null);
      return;
    }
    SqlSession.VersionState versionBefore = session.version();
    T result = null;
    Throwable error = null;
    session.run("SAVEPOINT w");
    try {
      result = task.run(session, now);
      if (task.discard(result)) {
        session.run("ROLLBACK TO w");
        session.version(versionBefore);
      }
    } catch (SQLException | RuntimeException e) {
      if (e instanceof SQLException se && SqlRetry.isBusy(se)) {
        throw se;
      }
      session.run("ROLLBACK TO w");
      session.version(versionBefore);
      error = e;
    }
    session.run("RELEASE w");
    results.add(result);
    errors.add(error);
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
