package dev.denokv.sqlite;

import dev.denokv.error.KvClosedException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired entries in a commit of their own (bumping the version by 1, as Deno does) and
 * reports the deleted keys to the watchers. Runs at the earliest known expiration time, and at
 * least every {@link SqliteOptions#maxSweepInterval()}.
 */
final class ExpirySweeper {

  private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

  /** What one sweep did. */
  private record Sweep(List<byte[]> deleted, long earliestRemaining) {}

  private final GroupCommitter committer;
  private final ScheduledExecutorService scheduler;
  private final long maxIntervalMs;
  private final Clock clock;
  private final Consumer<List<byte[]>> onDeleted;
  private @Nullable ScheduledFuture<?> next;
  private long nextAtMs = Long.MAX_VALUE;

  ExpirySweeper(GroupCommitter committer, ScheduledExecutorService scheduler, long maxIntervalMs,
      Clock clock, Consumer<List<byte[]>> onDeleted) {
    this.committer = committer;
    this.clock = clock;
    this.scheduler = scheduler;
    this.maxIntervalMs = maxIntervalMs;
    this.onDeleted = onDeleted;
  }

  /** Makes sure a sweep runs no later than {@code expirationMs}. */
  synchronized void expiresAt(long expirationMs) {
    long now = clock.millis();
    long at = Math.min(expirationMs, now + maxIntervalMs);
    // A pending sweep that is already due by the clock (which may have been moved) runs at once.
    if (next != null && at >= nextAtMs && nextAtMs > now) {
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    nextAtMs = at;
    long delay = Math.max(0, at - now);
    try {
      next = scheduler.schedule(this::sweep, delay, TimeUnit.MILLISECONDS);
    } catch (RuntimeException rejected) {
      next = null;
    }
  }

  /** Starts the periodic sweeping. */
  void start() {
    expiresAt(clock.millis());
  }

  private void sweep() {
    synchronized (this) {
      next = null;
      nextAtMs = Long.MAX_VALUE;
    }
    long earliest = -1;
    try {
      Sweep sweep = committer.execute(new WriterTask<Sweep>() {
        @Override
        Sweep run(SqlSession session, long nowMs) throws SQLException {
          List<byte[]> deleted = KvTable.deleteExpired(session, nowMs);
          if (!deleted.isEmpty()) {
            KvTable.bumpVersion(session, 1);
          }
          return new Sweep(deleted, KvTable.earliestExpiration(session));
        }

        @Override
        void committed(Sweep sweep) {
          if (!sweep.deleted().isEmpty()) {
            onDeleted.accept(sweep.deleted());
          }
        }
      });
      earliest = sweep.earliestRemaining();
    } catch (KvClosedException e) {
      return;
    } catch (RuntimeException e) {
      log.warn("Deleting expired entries failed", e);
    }
    long now = clock.millis();
    expiresAt(earliest >= 0 ? Math.max(earliest, now) : now + maxIntervalMs);
  }
}
