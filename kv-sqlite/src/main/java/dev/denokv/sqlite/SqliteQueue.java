package dev.denokv.sqlite;

import dev.denokv.error.KvClosedException;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.support.QueueSignal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue consumer side: hands due messages out one at a time, keeps their reservation alive
 * while they are handled, retries failed deliveries along their backoff schedule, writes
 * undeliverable messages to their keys, and puts back messages whose consumer died.
 */
final class SqliteQueue implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SqliteQueue.class);
  /** How long a waiting consumer sleeps at most before looking at the queue again. */
  private static final long MAX_IDLE_WAIT_MS = 1_000;

  private final ConnectionPool pool;
  private final GroupCommitter committer;
  private final QueueSignal signal;
  private final Clock clock;
  private final long reservationMs;
  private final Consumer<List<byte[]>> onDeadLetter;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  SqliteQueue(ConnectionPool pool, GroupCommitter committer, QueueSignal signal, SqliteOptions options,
      ScheduledExecutorService scheduler, Consumer<List<byte[]>> onDeadLetter) {
    this.pool = pool;
    this.committer = committer;
    this.signal = signal;
    this.clock = options.clock();
    this.reservationMs = options.queueReservation().toMillis();
    this.onDeadLetter = onDeadLetter;
    long keepAlive = Math.max(1, reservationMs / 3);
    scheduler.scheduleWithFixedDelay(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
    // A consumer that died leaves its reservation behind: look for expired ones at least once per
    // reservation period, so that its messages are delivered again within two periods.
    long staleCheck = Math.max(1, Math.min(options.staleMessageCheckInterval().toMillis(), reservationMs));
    scheduler.scheduleWithFixedDelay(this::requeueStale, staleCheck, staleCheck, TimeUnit.MILLISECONDS);
  }

  /** Waits for the next due message; null once closed. */
  @Nullable QueueMessageHandle dequeue() throws InterruptedException {
    while (!closed) {
      long seen = signal.generation();
      long now = clock.millis();
      long earliest = pool.read(s -> QueueTable.earliestReady(s));
      if (earliest >= 0 && earliest <= now) {
        QueueTable.Claimed claimed = committer.execute(new WriterTask<QueueTable.@Nullable Claimed>() {
          @Override
          QueueTable.@Nullable Claimed run(SqlSession session, long nowMs) throws SQLException {
            return QueueTable.claim(session, nowMs, nowMs + reservationMs);
          }
        });
        if (claimed != null) {
          running.add(claimed.id());
          return new Handle(claimed);
        }
        continue;
      }
      if (closed) {
        break;
      }
      long wakeAt = earliest < 0 ? now + MAX_IDLE_WAIT_MS : Math.min(earliest, now + MAX_IDLE_WAIT_MS);
      signal.await(seen, wakeAt);
    }
    return null;
  }

  /** Moves running messages whose deadline passed back to the queue (at open and periodically). */
  void requeueStale() {
    if (closed) {
      return;
    }
    try {
      while (true) {
        List<QueueTable.Requeue> done = committer.execute(new WriterTask<List<QueueTable.Requeue>>() {
          @Override
          List<QueueTable.Requeue> run(SqlSession session, long nowMs) throws SQLException {
            List<QueueTable.Requeue> outcomes = new ArrayList<>();
            for (String id : QueueTable.pastDeadline(session, nowMs)) {
              if (!running.contains(id)) {
                QueueTable.Requeue r = QueueTable.requeue(session, id, nowMs);
                if (r != null) {
                  outcomes.add(r);
                }
              }
            }
            return outcomes;
          }

          @Override
          void committed(List<QueueTable.Requeue> outcomes) {
            outcomes.forEach(SqliteQueue.this::afterRequeue);
          }
        });
        if (done.isEmpty()) {
          return;
        }
      }
    } catch (KvClosedException e) {
      // shutting down
    } catch (RuntimeException e) {
      log.warn("Requeueing expired queue reservations failed", e);
    }
  }

  private void keepAlive() {
    if (closed || running.isEmpty()) {
      return;
    }
    List<String> ids = List.copyOf(running);
    try {
      committer.execute(new WriterTask<Void>() {
        @Override
        @Nullable Void run(SqlSession session, long nowMs) throws SQLException {
          for (String id : ids) {
            QueueTable.extend(session, id, nowMs + reservationMs);
          }
          return null;
        }
      });
    } catch (KvClosedException e) {
      // shutting down
    } catch (RuntimeException e) {
      log.warn("Extending queue reservations failed", e);
    }
  }

  private void afterRequeue(QueueTable.Requeue r) {
    if (r.requeued()) {
      signal.signalAll();
    }
    if (!r.deadLetterKeys().isEmpty()) {
      onDeadLetter.accept(r.deadLetterKeys());
    }
  }

  @Override
  public void close() {
    closed = true;
    signal.signalAll();
  }

  private final class Handle implements QueueMessageHandle {
    private final QueueTable.Claimed message;
    private final AtomicBoolean finished = new AtomicBoolean();

    Handle(QueueTable.Claimed message) {
      this.message = message;
    }

    @Override
    public byte[] payload() {
      return message.payload();
    }

    @Override
    public void finish(boolean success) {
      end(success, true);
    }

    @Override
    public void deadLetter() {
      end(false, false);
    }

    private void end(boolean success, boolean retry) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      if (closed) {
        running.remove(message.id());
        throw new KvClosedException();
      }
      try {
        committer.execute(new WriterTask<QueueTable.@Nullable Requeue>() {
          @Override
          QueueTable.@Nullable Requeue run(SqlSession session, long nowMs) throws SQLException {
            if (success) {
              QueueTable.remove(session, message.id());
              return null;
            }
            return QueueTable.requeue(session, message.id(), nowMs, retry);
          }

          @Override
          void committed(QueueTable.@Nullable Requeue r) {
            if (r != null) {
              afterRequeue(r);
            }
          }
        });
      } finally {
        running.remove(message.id());
      }
    }
  }
}
