package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file on a connection and thread of its own, so that no
 * commit waits for a checkpoint. SQLite's automatic checkpoint (which Deno's connections keep)
 * runs inside the {@code COMMIT} that takes the WAL past {@value #THRESHOLD_FRAMES} frames, and
 * every writer of that batch waits for it: the database pages written back and an fsync of the
 * database file. Here the writer connection has no automatic checkpoint; past the same threshold
 * this thread checkpoints while batches go on committing ({@code PASSIVE}: readers and the writer
 * are never blocked), then copies the few frames committed meanwhile while no batch runs, so that
 * the next transaction starts the WAL over from its beginning, as after an automatic checkpoint.
 * The file format and what other processes see are unchanged.
 */
final class Checkpointer implements AutoCloseable {

  /** SQLite's default automatic checkpoint, which Deno keeps. */
  static final int THRESHOLD_FRAMES = 1000;
  /**
   * The WAL size at which commits wait for a checkpoint that lags behind (a slow disk): the WAL
   * stays within a few times SQLite's own size.
   */
  static final int LIMIT_FRAMES = 3 * THRESHOLD_FRAMES;

  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  /** Runs work while no batch commits. */
  interface Exclusive {
    void run(SqlRetry.SqlWork<?> work) throws SQLException;
  }

  private final SqlSession session;
  private final WalIndexHeader wal;
  private final Exclusive exclusive;
  private final Thread thread;
  private volatile boolean idle;
  private volatile boolean closed;

  Checkpointer(SqlSession session, WalIndexHeader wal, Exclusive exclusive, String name) {
    this.session = session;
    this.wal = wal;
    this.exclusive = exclusive;
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Called after each commit, while no batch runs: wakes the thread when the WAL has grown past
   * the threshold, and waits for the checkpoint when the WAL has grown past the limit meanwhile.
   */
  void afterCommit() {
    if (idle) {
      if (due()) {
        LockSupport.unpark(thread);
      }
      return;
    }
    if (wal.lastFrame() >= LIMIT_FRAMES) {
      synchronized (this) {
        while (!idle && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private boolean due() {
    int last = wal.lastFrame();
    return last >= THRESHOLD_FRAMES && wal.backfilled() < last;
  }

  private void loop() {
    while (!closed) {
      synchronized (this) {
        idle = true;
        notifyAll();
      }
      LockSupport.park(this);
      idle = false;
      if (closed || !due()) {
        continue;
      }
      try {
        checkpoint(); // while batches commit
        if (!closed && due()) {
          exclusive.run(this::checkpoint); // the frames committed meanwhile
        }
      } catch (SQLException | RuntimeException e) {
        log.debug("Checkpoint failed; the next one retries", e);
      }
    }
  }

  private Void checkpoint() throws SQLException {
    session.execute("PRAGMA wal_checkpoint(PASSIVE)");
    return null;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    LockSupport.unpark(thread);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    session.close();
    wal.close();
  }
}
