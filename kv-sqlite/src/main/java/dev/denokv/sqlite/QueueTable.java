package dev.denokv.sqlite;

import dev.denokv.spi.Enqueue;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Statements on Deno's {@code queue} (messages waiting for their time) and {@code queue_running}
 * (messages handed to a consumer until a deadline) tables. Messages due at the same millisecond
 * come out in insertion order.
 */
final class QueueTable {

  private static final String INSERT_READY = "insert into queue (ts, id, data, backoff_schedule,"
      + " keys_if_undelivered) values (?, ?, ?, ?, ?)";
  private static final String NEXT_READY = "select rowid, id, data, backoff_schedule,"
      + " keys_if_undelivered from queue where ts <= ? order by ts, rowid limit 1";
  private static final String EARLIEST_READY = "select ts from queue order by ts limit 1";
  private static final String REMOVE_READY = "delete from queue where rowid = ?";
  private static final String INSERT_RUNNING = "insert into queue_running (deadline, id, data,"
      + " backoff_schedule, keys_if_undelivered) values (?, ?, ?, ?, ?)";
  private static final String EXTEND_RUNNING = "update queue_running set deadline = ? where id = ?";
  private static final String REMOVE_RUNNING = "delete from queue_running where id = ?";
  private static final String RUNNING_BY_ID = "select data, backoff_schedule, keys_if_undelivered"
      + " from queue_running where id = ?";
  private static final String RUNNING_PAST_DEADLINE =
      "select id from queue_running where deadline <= ? order by deadline limit 100";

  /** A message moved to {@code queue_running}. */
  record Claimed(String id, byte[] payload) {}

  /**
   * What a failed delivery led to: requeued for a retry, or written to its keys-if-undelivered
   * with {@code version} (an empty key list and version -1 when the message was dropped).
   */
  record Requeue(boolean requeued, List<byte[]> deadLetterKeys, long version) {}

  private QueueTable() {}

  static void enqueue(SqlSession s, Enqueue e) throws SQLException {
    insertReady(s, e.deadlineMs(), UUID.randomUUID().toString(), e.payload(),
        QueueJson.backoff(e.backoffSchedule()), QueueJson.keys(e.keysIfUndelivered()));
  }

  private static void insertReady(SqlSession s, long ts, String id, byte[] data, String backoff, String keys)
      throws SQLException {
    PreparedStatement ps = s.prepare(INSERT_READY);
    ps.setLong(1, ts);
    ps.setString(2, id);
    ps.setBytes(3, data);
    ps.setString(4, backoff);
    ps.setString(5, keys);
    ps.executeUpdate();
  }

  /** The delivery time of the earliest waiting message, or -1 when the queue is empty. */
  static long earliestReady(SqlSession s) throws SQLException {
    try (ResultSet rs = s.prepare(EARLIEST_READY).executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  /** Moves the first due message to {@code queue_running} with {@code deadline}; null if none is due. */
  static @Nullable Claimed claim(SqlSession s, long nowMs, long deadline) throws SQLException {
    PreparedStatement select = s.prepare(NEXT_READY);
    select.setLong(1, nowMs);
    long rowid;
    String id;
    byte[] data;
    String backoff;
    String keys;
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      rowid = rs.getLong(1);
      id = rs.getString(2);
      data = rs.getBytes(3);
      backoff = rs.getString(4);
      keys = rs.getString(5);
    }
    PreparedStatement remove = s.prepare(REMOVE_READY);
    remove.setLong(1, rowid);
    remove.executeUpdate();
    PreparedStatement insert = s.prepare(INSERT_RUNNING);
    insert.setLong(1, deadline);
    insert.setString(2, id);
    insert.setBytes(3, data);
    insert.setString(4, backoff);
    insert.setString(5, keys);
    insert.executeUpdate();
    return new Claimed(id, data == null ? new byte[0] : data);
  }

  static void extend(SqlSession s, String id, long deadline) throws SQLException {
    PreparedStatement ps = s.prepare(EXTEND_RUNNING);
    ps.setLong(1, deadline);
    ps.setString(2, id);
    ps.executeUpdate();
  }

  static void remove(SqlSession s, String id) throws SQLException {
    PreparedStatement ps = s.prepare(REMOVE_RUNNING);
    ps.setString(1, id);
    ps.executeUpdate();
  }

  /** Ids of running messages whose deadline passed. */
  static List<String> pastDeadline(SqlSession s, long nowMs) throws SQLException {
    PreparedStatement ps = s.prepare(RUNNING_PAST_DEADLINE);
    ps.setLong(1, nowMs);
    List<String> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /**
   * Handles a failed delivery of running message {@code id}: requeues it after the first
   * remaining backoff interval (consuming it) or, when none is left, writes the payload to every
   * keys-if-undelivered key in a new commit version. Null when the message is no longer running.
   */
  static @Nullable Requeue requeue(SqlSession s, String id, long nowMs) throws SQLException {
    return requeue(s, id, nowMs, true);
  }

  /**
   * {@link #requeue(SqlSession, String, long)}, or with {@code retry} false, the payload written to
   * the keys-if-undelivered at once whatever backoff intervals remain (a message no handler can take).
   */
  static @Nullable Requeue requeue(SqlSession s, String id, long nowMs, boolean retry) throws SQLException {
    PreparedStatement select = s.prepare(RUNNING_BY_ID);
    select.setString(1, id);
    byte[] data;
    String backoffText;
    String keysText;
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      data = rs.getBytes(1);
      backoffText = rs.getString(2);
      keysText = rs.getString(3);
    }
    if (data == null) {
      data = new byte[0];
    }
    List<Long> backoff = QueueJson.parseBackoff(backoffText);
    Requeue outcome;
    if (retry && !backoff.isEmpty()) {
      List<Long> rest = backoff.subList(1, backoff.size());
      insertReady(s, nowMs + backoff.get(0), id, data, QueueJson.backoff(rest), keysText);
      outcome = new Requeue(true, List.of(), -1);
    } else {
      List<byte[]> keys = QueueJson.parseKeys(keysText);
      if (keys.isEmpty()) {
        outcome = new Requeue(false, List.of(), -1);
      } else {
        long version = KvTable.bumpVersion(s, ThreadLocalRandom.current().nextInt(1, 10));
        EncodedValue value = new EncodedValue(ValueEncoding.V8, data);
        for (byte[] key : keys) {
          KvTable.put(s, key, value, version, -1);
        }
        outcome = new Requeue(false, keys, version);
      }
    }
    remove(s, id);
    return outcome;
  }
}
