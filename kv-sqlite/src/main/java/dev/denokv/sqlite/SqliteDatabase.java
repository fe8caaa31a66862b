package dev.denokv.sqlite;

import dev.denokv.Consistency;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.RawKey;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.spi.support.QueueSignal;
import dev.denokv.spi.support.WatchHub;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A Deno KV database in a SQLite file with Deno's schema: a file written here opens in Deno and
 * vice versa. Writes go through one writer thread that commits concurrent atomic writes together
 * (each with its own versionstamp and all-or-nothing outcome) in one durable transaction; reads
 * use a pool of connections and never return expired entries; watchers are woken by local commits,
 * by the expiry sweeper and, polling {@code PRAGMA data_version}, by other processes' commits.
 */
public final class SqliteDatabase implements Database {

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  /** How long a batch waits for returning writers when each commit costs an fsync (about one fsync). */
  private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(150);

  private final @Nullable Path file;
  private final ConnectionPool pool;
  private final GroupCommitter committer;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService watchExecutor;
  /** Runs the stages chained on asynchronous commits, off the writer thread. */
  private final ExecutorService completions;
  private final WatchHub watches;
  private final QueueSignal queueSignal;
  private final Clock clock;
  private final SqliteQueue queue;
  private final ExpirySweeper sweeper;
  private final @Nullable ChangePoller poller;
  private final Object closeLock = new Object();
  private volatile boolean closed;

  private SqliteDatabase(@Nullable Path file, ConnectionPool pool, SqliteOptions options)
      throws SQLException {
    this.file = file;
    this.pool = pool;
    this.clock = options.clock();
    this.queueSignal = new QueueSignal(clock);
    int n = INSTANCES.incrementAndGet();
    long gatherNanos = options.durability() == SqliteOptions.Durability.FULL && !pool.inMemory()
        ? GATHER_NANOS : 0;
    this.committer = new GroupCommitter(pool, options.maxBatchSize(), gatherNanos, clock,
        "kv-sqlite-writer-" + n);
    this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("kv-sqlite-scheduler-" + n));
    ((ScheduledThreadPoolExecutor) scheduler).setRemoveOnCancelPolicy(true);
    this.watchExecutor = Executors.newCachedThreadPool(daemon("kv-sqlite-watch-" + n));
    this.completions = Executors.newSingleThreadExecutor(daemon("kv-sqlite-completion-" + n));
    this.watches = new WatchHub(this::readKeys, watchExecutor);
    this.queue = new SqliteQueue(pool, committer, queueSignal, options, scheduler, watches::keysChanged);
    this.sweeper = new ExpirySweeper(committer, scheduler, options.maxSweepInterval().toMillis(), clock,
        watches::keysChanged);
    SqlSession observer = pool.newObserverSession();
    if (observer != null) {
      this.poller = new ChangePoller(observer,
          () -> watches.hasWatchers() || queueSignal.hasWaiters(),
          () -> {
            watches.refreshAll();
            queueSignal.signalAll();
          });
      long poll = options.changePollInterval().toMillis();
      scheduler.scheduleWithFixedDelay(poller, 0, poll, TimeUnit.MILLISECONDS);
    } else {
      this.poller = null;
    }
    queue.requeueStale();
    sweeper.start();
  }

  /** Opens (creating if needed) the database file with default options. */
  public static SqliteDatabase open(Path file) {
    return open(file, SqliteOptions.defaults());
  }

  /** Opens (creating if needed) the database file, migrating it to Deno's current schema. */
  public static SqliteDatabase open(Path file, SqliteOptions options) {
    try {
      Path absolute = file.toAbsolutePath().normalize();
      return new SqliteDatabase(absolute, ConnectionPool.openFile(absolute, options), options);
    } catch (SQLException e) {
      throw new KvException("Cannot open the SQLite database " + file + ": " + e.getMessage(), e);
    }
  }

  /** A new private in-memory database, gone when closed. */
  public static SqliteDatabase inMemory() {
    return inMemory(SqliteOptions.defaults());
  }

  /** A new private in-memory database with {@code options}, gone when closed. */
  public static SqliteDatabase inMemory(SqliteOptions options) {
    try {
      return new SqliteDatabase(null, ConnectionPool.openMemory(options), options);
    } catch (SQLException e) {
      throw new KvException("Cannot open an in-memory SQLite database: " + e.getMessage(), e);
    }
  }

  /** The database file (absolute), or empty for an in-memory database. */
  @Override
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  @Override
  public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    ensureOpen();
    return pool.read(s -> {
      long now = clock.millis();
      List<List<RawEntry>> out = new ArrayList<>(ranges.size());
      for (ReadRange r : ranges) {
        if (r.limit() <= 0) {
          out.add(List.of());
        } else {
          out.add(isPointRead(r) ? point(s, r.start(), now) : KvTable.range(s, r, now));
        }
      }
      return out;
    }, ranges.size() > 1);
  }

  /** {@inheritDoc} Values are never read out of SQLite. */
  @Override
  public List<List<RawKey>> snapshotReadKeys(List<ReadRange> ranges, Consistency consistency) {
    ensureOpen();
    return pool.read(s -> {
      long now = clock.millis();
      List<List<RawKey>> out = new ArrayList<>(ranges.size());
      for (ReadRange r : ranges) {
        out.add(r.limit() <= 0 ? List.of() : KvTable.rangeKeys(s, r, now));
      }
      return out;
    }, ranges.size() > 1);
  }

  /** {@inheritDoc} One SQL count in one snapshot; values are never read out of SQLite. */
  @Override
  public long count(byte[] start, byte[] end, Consistency consistency) {
    ensureOpen();
    return pool.read(s -> KvTable.count(s, start, end, clock.millis()), false);
  }

  /** Whether {@code r} is the range [k, k + 0x00) that only {@code k} itself can be in. */
  private static boolean isPointRead(ReadRange r) {
    byte[] start = r.start();
    byte[] end = r.end();
    return end.length == start.length + 1 && end[start.length] == 0
        && Arrays.equals(start, 0, start.length, end, 0, start.length);
  }

  private static List<RawEntry> point(SqlSession s, byte[] key, long now) throws SQLException {
    RawEntry entry = KvTable.get(s, key, now);
    return entry == null ? List.of() : List.of(entry);
  }

  @Override
  public CommitResult atomicWrite(AtomicWrite write) {
    ensureOpen();
    return committer.execute(writeTask(write)).result();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The write joins the next group commit. Stages chained on the future before it completes
   * run on this database's completion thread, in commit order, never on the writer thread.
   */
  @Override
  public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
    try {
      ensureOpen();
      return committer.submit(writeTask(write)).future
          .thenApplyAsync(MutationApplier.Outcome::result, completions);
    } catch (KvClosedException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private WriterTask<MutationApplier.Outcome> writeTask(AtomicWrite write) {
    return new WriterTask<>() {
      @Override
      MutationApplier.Outcome run(SqlSession session, long nowMs) throws SQLException {
        return MutationApplier.apply(session, write, nowMs);
      }

      @Override
      boolean mayFailAfterWriting() {
        return MutationApplier.mayFailAfterWriting(write);
      }

      @Override
      void committed(MutationApplier.Outcome outcome) {
        if (outcome.result() instanceof CommitResult.Committed committed) {
          watches.keysWritten(outcome.changedKeys(), committed.versionstamp());
          if (outcome.enqueued()) {
            queueSignal.signalAll();
          }
          if (outcome.earliestExpiration() >= 0) {
            sweeper.expiresAt(outcome.earliestExpiration());
          }
        }
      }
    };
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every emission carries the current entry of every key (null when absent or expired); the
   * {@code changed} flags mark the keys whose versionstamp moved since the previous emission.
   * Writes of other processes are noticed within {@link SqliteOptions#changePollInterval()}.
   */
  @Override
  public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
    ensureOpen();
    return watches.subscribe(keys, listener);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Messages due at the same millisecond come in enqueue order. The message stays reserved
   * while its handle is unfinished; enqueues by other processes are noticed within
   * {@link SqliteOptions#changePollInterval()}.
   */
  @Override
  public @Nullable QueueMessageHandle dequeueNextMessage() throws InterruptedException {
    if (closed) {
      return null;
    }
    try {
      return queue.dequeue();
    } catch (KvException e) {
      if (closed) {
        return null;
      }
      throw e;
    }
  }

  private List<@Nullable RawEntry> readKeys(List<byte[]> keys) {
    return pool.read(s -> {
      long now = clock.millis();
      List<@Nullable RawEntry> out = new ArrayList<>(keys.size());
      for (byte[] key : keys) {
        out.add(KvTable.get(s, key, now));
      }
      return out;
    });
  }

  private void ensureOpen() {
    if (closed) {
      throw new KvClosedException();
    }
  }

  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    queue.close();
    watches.close();
    scheduler.shutdownNow();
    committer.close();
    completions.shutdown(); // stages of the writes committed by close() still run
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchExecutor.shutdownNow();
    if (poller != null) {
      poller.close();
    }
    pool.close();
  }

  /**
   * Calls {@code observer} after every group commit with its size and timings, on the thread that
   * committed it and before the next batch starts (keep it short); {@code null} stops the calls.
   * For metrics and benchmarks.
   */
  public void observeCommits(@Nullable Consumer<BatchCommit> observer) {
    committer.observe(observer);
  }

  @Override
  public String toString() {
    return "SqliteDatabase[" + (file == null ? "in memory" : file) + "]";
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
