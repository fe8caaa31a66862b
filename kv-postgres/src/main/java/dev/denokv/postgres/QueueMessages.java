package dev.denokv.postgres;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.support.QueueSignal;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue consumer side. A due message is reserved for one consumer by a single
 * {@code UPDATE … FOR UPDATE SKIP LOCKED} (so two instances never take the same one) with a
 * deadline and a claim id; the keep-alive pushes the deadline on while the handler runs. A failed
 * delivery is retried after the next interval of its backoff schedule or, once the schedule is
 * used up, written to its keys-if-undelivered in the same transaction that removes it. Any
 * instance puts back the messages whose deadline passed (their consumer died).
 */
final class QueueMessages implements AutoCloseable {

  /** Deno's default retry delays in milliseconds. */
  static final List<Integer> DEFAULT_BACKOFF = List.of(100, 1000, 5000, 30000, 60000);

  private static final Logger log = LoggerFactory.getLogger(QueueMessages.class);
  /** How long a waiting consumer sleeps at most before looking at the queue again. */
  private static final long MAX_IDLE_WAIT_MS = 1_000;

  private final DataSource dataSource;
  private final Sql sql;
  private final GroupCommitter committer;
  private final QueueSignal signal;
  private final long reservationMs;
  private final Clock clock;
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  QueueMessages(DataSource dataSource, Sql sql, GroupCommitter committer, QueueSignal signal,
      PostgresOptions options, ScheduledExecutorService scheduler) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.committer = committer;
    this.signal = signal;
    this.reservationMs = options.queueReservation().toMillis();
    this.clock = options.clock();
    long keepAlive = Math.max(1, reservationMs / 3);
    scheduler.scheduleWithFixedDelay(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
    long staleCheck = options.staleMessageCheckInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::requeueStale, staleCheck, staleCheck, TimeUnit.MILLISECONDS);
  }

  /** A message reserved for this instance. */
  private record Claimed(UUID id, UUID claim, byte[] payload) {}

  /** Waits for the next due message; null once closed. */
  @Nullable QueueMessageHandle dequeue() throws InterruptedException {
    while (!closed) {
      long seen = signal.generation();
      long now = clock.millis();
      long earliest;
      try {
        Claimed claimed = claim(now);
        if (claimed != null) {
          return new Handle(claimed);
        }
        earliest = earliestReady();
      } catch (SQLException e) {
        if (closed) {
          break;
        }
        log.debug("Looking for a queue message failed: {}", e.getMessage());
        earliest = -1;
      }
      if (closed) {
        break;
      }
      now = clock.millis();
      if (earliest >= 0 && earliest <= now) {
        continue;
      }
      long wakeAt = earliest < 0 ? now + MAX_IDLE_WAIT_MS : Math.min(earliest, now + MAX_IDLE_WAIT_MS);
      signal.await(seen, wakeAt);
    }
    return null;
  }

  private @Nullable Claimed claim(long now) throws SQLException {
    UUID claim = UUID.randomUUID();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.claimMessage)) {
      ps.setLong(1, now + reservationMs);
      ps.setObject(2, claim);
      ps.setLong(3, now);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Claimed claimed = new Claimed(rs.getObject(1, UUID.class), claim, rs.getBytes(2));
        running.add(claim);
        return claimed;
      }
    }
  }

  private long earliestReady() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.earliestReady);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long ts = rs.getLong(1);
      return rs.wasNull() ? -1 : ts;
    }
  }

  private void keepAlive() {
    if (closed || running.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.extendReservations)) {
      ps.setLong(1, clock.millis() + reservationMs);
      ps.setArray(2, c.createArrayOf("uuid", running.toArray()));
      ps.executeUpdate();
    } catch (SQLException | RuntimeException | AssertionError e) {
      log.warn("Extending queue reservations failed: {}", e.getMessage());
    }
  }

  /** Puts back the messages whose reservation ran out, as failed deliveries. */
  void requeueStale() {
    if (closed) {
      return;
    }
    try {
      while (!closed) {
        Integer handled = committer.execute(new WriteTask<Integer>() {
          @Override
          Integer run(WriteTransaction tx) throws SQLException {
            List<UUID[]> stale = new ArrayList<>();
            try (PreparedStatement ps = tx.connection().prepareStatement(sql.staleReservations)) {
              ps.setLong(1, tx.nowMs());
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  stale.add(new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)});
                }
              }
            }
            int n = 0;
            for (UUID[] s : stale) {
              if (!running.contains(s[1]) && failed(tx, s[0], s[1])) {
                n++;
              }
            }
            return n;
          }
        });
        if (handled == null || handled == 0) {
          return;
        }
      }
    } catch (KvClosedException e) {
      // shutting down
    } catch (KvException e) {
      log.warn("Requeueing expired queue reservations failed: {}", e.getMessage());
    }
  }

  /**
   * Handles a failed delivery inside {@code tx}: retry after the next backoff interval, or write
   * the payload to the keys-if-undelivered and remove the message. False if the claim is gone.
   */
  private boolean failed(WriteTransaction tx, UUID id, UUID claim) throws SQLException {
    Connection c = tx.connection();
    byte[] data;
    Integer[] backoff;
    byte[][] keys;
    try (PreparedStatement ps = c.prepareStatement(sql.claimedForUpdate)) {
      ps.setObject(1, id);
      ps.setObject(2, claim);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        data = rs.getBytes(1);
        backoff = (Integer[]) array(rs.getArray(2));
        keys = (byte[][]) array(rs.getArray(3));
      }
    }
    if (backoff.length > 0) {
      try (PreparedStatement ps = c.prepareStatement(sql.retryMessage)) {
        ps.setLong(1, tx.nowMs() + backoff[0]);
        ps.setArray(2, c.createArrayOf("int4", Arrays.copyOfRange(backoff, 1, backoff.length)));
        ps.setObject(3, id);
        ps.executeUpdate();
      }
      tx.queueChanged();
      return true;
    }
    if (keys.length > 0) {
      tx.putAll(Arrays.asList(keys), new EncodedValue(ValueEncoding.V8, data));
    }
    try (PreparedStatement ps = c.prepareStatement(sql.removeMessage)) {
      ps.setObject(1, id);
      ps.executeUpdate();
    }
    return true;
  }

  private static Object array(Array a) throws SQLException {
    try {
      return a.getArray();
    } finally {
      a.free();
    }
  }

  @Override
  public void close() {
    closed = true;
    signal.signalAll();
  }

  private final class Handle implements QueueMessageHandle {
    private final Claimed message;
    private final AtomicBoolean finished = new AtomicBoolean();

    Handle(Claimed message) {
      this.message = message;
    }

    @Override
    public byte[] payload() {
      return message.payload();
    }

    @Override
    public void finish(boolean success) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      try {
        if (closed) {
          throw new KvClosedException();
        }
        if (success) {
          remove();
        } else {
          committer.execute(new WriteTask<Boolean>() {
            @Override
            Boolean run(WriteTransaction tx) throws SQLException {
              return failed(tx, message.id(), message.claim());
            }
          });
        }
      } finally {
        running.remove(message.claim());
      }
    }

    private void remove() {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(sql.removeClaimed)) {
        ps.setObject(1, message.id());
        ps.setObject(2, message.claim());
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new KvException("Removing a delivered queue message failed: " + e.getMessage(), e);
      }
    }
  }
}
