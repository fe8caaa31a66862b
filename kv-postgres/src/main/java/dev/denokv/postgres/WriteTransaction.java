package dev.denokv.postgres;

import dev.denokv.Versionstamp;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.support.Arithmetic;
import dev.denokv.spi.support.KeyWrite;
import dev.denokv.spi.support.VersionstampedKeys;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * One write transaction of the group committer. It holds the lock on the version row from its
 * start, so transactions of every instance commit one after the other and a later commit always
 * carries a greater version; checks are decided under that lock. Writes are gathered here, each
 * one all-or-nothing, and flushed to the tables just before the commit; reads of later writes in
 * the batch see the earlier ones.
 */
final class WriteTransaction {

  /** The state a key will have once the batch commits; a null value is a delete. */
  record Slot(@Nullable EncodedValue value, long version, long expirationMs) {}

  private final Connection connection;
  private final Sql sql;
  private final long nowMs;
  private final long startVersion;
  private long version;
  private final Map<ByteBuffer, Slot> pending = new LinkedHashMap<>();
  private final Map<ByteBuffer, @Nullable Slot> stored = new HashMap<>();
  private final List<Enqueue> enqueues = new ArrayList<>();
  private boolean queueChanged;

  WriteTransaction(Connection connection, Sql sql, long nowMs) throws SQLException {
    this.connection = connection;
    this.sql = sql;
    this.nowMs = nowMs;
    try (PreparedStatement ps = connection.prepareStatement(sql.lockVersion);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("data_version has no row 0");
      }
      this.startVersion = rs.getLong(1);
      this.version = startVersion;
    }
  }

  Connection connection() {
    return connection;
  }

  long nowMs() {
    return nowMs;
  }

  /** Marks that the queue changed, so that waiting consumers are woken after the commit. */
  void queueChanged() {
    queueChanged = true;
  }

  /** Loads the stored entries of {@code keys} in one query. */
  void prefetch(Collection<byte[]> keys) throws SQLException {
    List<byte[]> missing = new ArrayList<>();
    for (byte[] k : keys) {
      ByteBuffer b = ByteBuffer.wrap(k);
      if (!stored.containsKey(b) && !pending.containsKey(b)) {
        missing.add(k);
        stored.put(b, null);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement(sql.getMany)) {
      ps.setArray(1, connection.createArrayOf("bytea", missing.toArray(new byte[0][])));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.put(ByteBuffer.wrap(rs.getBytes(1)), new Slot(
              new EncodedValue(ValueEncoding.ofCode(rs.getInt(3)), rs.getBytes(2)),
              rs.getLong(4), rs.getLong(5)));
        }
      }
    }
  }

  /** The live state of {@code key}: what this batch wrote, else what is stored; null if absent. */
  private @Nullable Slot live(byte[] key, Map<ByteBuffer, Slot> local) throws SQLException {
    ByteBuffer b = ByteBuffer.wrap(key);
    Slot slot = local.get(b);
    if (slot == null) {
      slot = pending.get(b);
    }
    if (slot == null) {
      if (!stored.containsKey(b)) {
        prefetch(List.of(key));
      }
      slot = stored.get(b);
    }
    if (slot == null || slot.value() == null
        || (slot.expirationMs() >= 0 && slot.expirationMs() <= nowMs)) {
      return null;
    }
    return slot;
  }

  /** Applies one atomic write: checks, then its mutations and enqueues, all or nothing. */
  Outcome apply(AtomicWrite write) throws SQLException {
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < write.checks().size(); i++) {
      Check check = write.checks().get(i);
      Slot slot = live(check.key(), Map.of());
      Versionstamp actual = slot == null ? null : Versionstamp.ofVersion(slot.version());
      if (!Objects.equals(actual, check.versionstamp())) {
        failed.add(i);
      }
    }
    if (!failed.isEmpty()) {
      return new Outcome(new CommitResult.CheckFailed(failed), List.of());
    }
    long next = version + ThreadLocalRandom.current().nextInt(1, 10);
    Versionstamp versionstamp = Versionstamp.ofVersion(next);
    Map<ByteBuffer, Slot> local = new LinkedHashMap<>();
    List<byte[]> changed = new ArrayList<>(write.mutations().size());
    for (Mutation m : write.mutations()) {
      byte[] key = m.key();
      switch (m.kind()) {
        case SET -> local.put(ByteBuffer.wrap(key), new Slot(Arithmetic.operand(m), next, expiration(m)));
        case SET_SUFFIX_VERSIONSTAMPED_KEY -> {
          key = VersionstampedKeys.suffixed(key, versionstamp);
          local.put(ByteBuffer.wrap(key), new Slot(Arithmetic.operand(m), next, expiration(m)));
        }
        case DELETE -> local.put(ByteBuffer.wrap(key), new Slot(null, next, -1));
        case SUM, MIN, MAX -> {
          Slot current = live(key, local);
          EncodedValue result = Arithmetic.apply(m, current == null ? null : current.value());
          local.put(ByteBuffer.wrap(key), new Slot(result, next, -1));
        }
      }
      changed.add(key);
    }
    // Nothing above wrote anything; from here on the write cannot fail alone.
    pending.putAll(local);
    version = next;
    enqueues.addAll(write.enqueues());
    queueChanged |= !write.enqueues().isEmpty();
    return new Outcome(new CommitResult.Committed(versionstamp), changed);
  }

  /** Writes {@code value} to {@code keys} in a new commit version (undelivered queue messages). */
  void putAll(List<byte[]> keys, EncodedValue value) {
    long next = version + ThreadLocalRandom.current().nextInt(1, 10);
    for (byte[] key : keys) {
      pending.put(ByteBuffer.wrap(key), new Slot(value, next, -1));
    }
    version = next;
  }

  /** What an atomic write did. */
  record Outcome(CommitResult result, List<byte[]> changedKeys) {}

  /** Writes what the batch gathered and notifies the listeners of every instance. */
  void flush() throws SQLException {
    List<byte[]> deletes = new ArrayList<>();
    if (!pending.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(sql.upsert)) {
        int n = 0;
        for (Map.Entry<ByteBuffer, Slot> e : pending.entrySet()) {
          Slot slot = e.getValue();
          if (slot.value() == null) {
            deletes.add(e.getKey().array());
            continue;
          }
          ps.setBytes(1, e.getKey().array());
          ps.setBytes(2, slot.value().data());
          ps.setShort(3, (short) slot.value().encoding().code());
          ps.setLong(4, slot.version());
          ps.setLong(5, slot.expirationMs());
          ps.addBatch();
          n++;
        }
        if (n > 0) {
          ps.executeBatch();
        }
      }
    }
    if (!deletes.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(sql.deleteKeys)) {
        ps.setArray(1, connection.createArrayOf("bytea", deletes.toArray(new byte[0][])));
        ps.executeUpdate();
      }
    }
    if (!enqueues.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(sql.insertMessage)) {
        for (Enqueue e : enqueues) {
          ps.setObject(1, UUID.randomUUID());
          ps.setLong(2, e.deadlineMs());
          ps.setBytes(3, e.payload());
          List<Integer> backoff = e.backoffSchedule() == null ? QueueMessages.DEFAULT_BACKOFF : e.backoffSchedule();
          ps.setArray(4, connection.createArrayOf("int4", backoff.toArray()));
          ps.setArray(5, connection.createArrayOf("bytea", e.keysIfUndelivered().toArray(new byte[0][])));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (version != startVersion) {
      try (PreparedStatement ps = connection.prepareStatement(sql.setVersion)) {
        ps.setLong(1, version);
        ps.executeUpdate();
      }
    }
    if (!pending.isEmpty()) {
      notify(sql.kvChannel, Notifications.writesPayload(changedKeys()));
    }
    if (queueChanged) {
      notify(sql.queueChannel, "");
    }
  }

  /** Every key this batch writes or deletes, with the version of its last write. */
  List<KeyWrite> changedKeys() {
    List<KeyWrite> keys = new ArrayList<>(pending.size());
    for (Map.Entry<ByteBuffer, Slot> e : pending.entrySet()) {
      keys.add(new KeyWrite(e.getKey().array(), Versionstamp.ofVersion(e.getValue().version())));
    }
    return keys;
  }

  boolean queueChangedFlag() {
    return queueChanged;
  }

  private void notify(String channel, String payload) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("select pg_notify(?, ?)")) {
      ps.setString(1, channel);
      ps.setString(2, payload);
      ps.execute();
    }
  }

  private static long expiration(Mutation m) {
    return m.expireAtMs() > 0 ? m.expireAtMs() : -1;
  }
}
