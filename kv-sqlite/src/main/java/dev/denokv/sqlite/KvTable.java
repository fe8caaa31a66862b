package dev.denokv.sqlite;

import dev.denokv.Versionstamp;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.RawKey;
import dev.denokv.spi.ReadRange;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Statements on Deno's {@code kv} and {@code data_version} tables. An entry whose
 * {@code expiration_ms} lies in [0, now] is expired and treated as absent by every read.
 */
final class KvTable {

  private static final String LIVE = " and (expiration_ms < 0 or expiration_ms > ?)";
  private static final String COLUMNS = "select k, v, v_encoding, version, expiration_ms from kv";
  private static final String RANGE =
      COLUMNS + " where k >= ? and k < ?" + LIVE + " order by k asc limit ?";
  private static final String RANGE_REVERSE =
      COLUMNS + " where k >= ? and k < ?" + LIVE + " order by k desc limit ?";
  private static final String RANGE_KEYS =
      "select k, version from kv where k >= ? and k < ?" + LIVE + " order by k asc limit ?";
  private static final String RANGE_KEYS_REVERSE =
      "select k, version from kv where k >= ? and k < ?" + LIVE + " order by k desc limit ?";
  private static final String COUNT = "select count(*) from kv where k >= ? and k < ?" + LIVE;
  private static final String POINT_GET = COLUMNS + " where k = ?" + LIVE;
  private static final String POINT_VERSION = "select version from kv where k = ?" + LIVE;
  private static final String POINT_SET =
      "insert into kv (k, v, v_encoding, version, expiration_ms) values (?, ?, ?, ?, ?)"
          + " on conflict(k) do update set v = excluded.v, v_encoding = excluded.v_encoding,"
          + " version = excluded.version, expiration_ms = excluded.expiration_ms";
  private static final String POINT_DELETE = "delete from kv where k = ?";
  private static final String SET_VERSION = "update data_version set version = ? where k = 0";
  private static final String CURRENT_VERSION = "select version from data_version where k = 0";
  private static final String EXPIRED_KEYS =
      "select k from kv where expiration_ms >= 0 and expiration_ms <= ?";
  private static final String DELETE_EXPIRED =
      "delete from kv where expiration_ms >= 0 and expiration_ms <= ?";
  private static final String EARLIEST_EXPIRATION =
      "select expiration_ms from kv where expiration_ms >= 0 order by expiration_ms limit 1";

  private KvTable() {}

  static List<RawEntry> range(SqlSession s, ReadRange range, long nowMs) throws SQLException {
    PreparedStatement ps = s.prepare(range.reverse() ? RANGE_REVERSE : RANGE);
    ps.setBytes(1, range.start());
    ps.setBytes(2, range.end());
    ps.setLong(3, nowMs);
    ps.setInt(4, range.limit());
    List<RawEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(entry(rs));
      }
    }
    return out;
  }

  /** The keys and versionstamps {@link #range} would return, read from the key index alone. */
  static List<RawKey> rangeKeys(SqlSession s, ReadRange range, long nowMs) throws SQLException {
    PreparedStatement ps = s.prepare(range.reverse() ? RANGE_KEYS_REVERSE : RANGE_KEYS);
    ps.setBytes(1, range.start());
    ps.setBytes(2, range.end());
    ps.setLong(3, nowMs);
    ps.setInt(4, range.limit());
    List<RawKey> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new RawKey(rs.getBytes(1), Versionstamp.ofVersion(rs.getLong(2))));
      }
    }
    return out;
  }

  /** How many live entries have keys in [{@code start}, {@code end}). */
  static long count(SqlSession s, byte[] start, byte[] end, long nowMs) throws SQLException {
    PreparedStatement ps = s.prepare(COUNT);
    ps.setBytes(1, start);
    ps.setBytes(2, end);
    ps.setLong(3, nowMs);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static @Nullable RawEntry get(SqlSession s, byte[] key, long nowMs) throws SQLException {
    PreparedStatement ps = s.prepare(POINT_GET);
    ps.setBytes(1, key);
    ps.setLong(2, nowMs);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? entry(rs) : null;
    }
  }

  /** The versionstamp of the live entry at {@code key}, or null when absent or expired. */
  static @Nullable Versionstamp versionstamp(SqlSession s, byte[] key, long nowMs) throws SQLException {
    PreparedStatement ps = s.prepare(POINT_VERSION);
    ps.setBytes(1, key);
    ps.setLong(2, nowMs);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Versionstamp.ofVersion(rs.getLong(1)) : null;
    }
  }

  static void put(SqlSession s, byte[] key, EncodedValue value, long version, long expirationMs)
      throws SQLException {
    PreparedStatement ps = s.prepare(POINT_SET);
    ps.setBytes(1, key);
    ps.setBytes(2, value.data());
    ps.setInt(3, value.encoding().code());
    ps.setLong(4, version);
    ps.setLong(5, expirationMs);
    ps.executeUpdate();
  }

  static void delete(SqlSession s, byte[] key) throws SQLException {
    PreparedStatement ps = s.prepare(POINT_DELETE);
    ps.setBytes(1, key);
    ps.executeUpdate();
  }

  /**
   * Adds {@code increment} to the commit version and returns the new version. Must run inside a
   * write transaction. The new version is kept by the session and written to {@code data_version}
   * once, by {@link #storeVersion}, just before the transaction commits.
   */
  static long bumpVersion(SqlSession s, long increment) throws SQLException {
    long known = s.version().known();
    long next = (known >= 0 ? known : currentVersion(s)) + increment;
    s.version(new SqlSession.VersionState(next, true));
    return next;
  }

  /** Writes the version the transaction reached to {@code data_version}, if it moved. */
  static void storeVersion(SqlSession s) throws SQLException {
    SqlSession.VersionState state = s.version();
    if (!state.changed()) {
      return;
    }
    PreparedStatement ps = s.prepare(SET_VERSION);
    ps.setLong(1, state.known());
    ps.executeUpdate();
    s.version(new SqlSession.VersionState(state.known(), false));
  }

  static long currentVersion(SqlSession s) throws SQLException {
    try (ResultSet rs = s.prepare(CURRENT_VERSION).executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("data_version has no row 0");
      }
      return rs.getLong(1);
    }
  }

  /** Deletes every expired entry and returns the deleted keys. */
  static List<byte[]> deleteExpired(SqlSession s, long nowMs) throws SQLException {
    PreparedStatement select = s.prepare(EXPIRED_KEYS);
    select.setLong(1, nowMs);
    List<byte[]> keys = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        keys.add(rs.getBytes(1));
      }
    }
    if (!keys.isEmpty()) {
      PreparedStatement delete = s.prepare(DELETE_EXPIRED);
      delete.setLong(1, nowMs);
      delete.executeUpdate();
    }
    return keys;
  }

  /** The earliest expiration time of any entry, or -1 when none expires. */
  static long earliestExpiration(SqlSession s) throws SQLException {
    try (ResultSet rs = s.prepare(EARLIEST_EXPIRATION).executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  private static RawEntry entry(ResultSet rs) throws SQLException {
    byte[] key = rs.getBytes(1);
    byte[] value = rs.getBytes(2);
    ValueEncoding encoding = ValueEncoding.ofCode(rs.getInt(3));
    long version = rs.getLong(4);
    long expiration = rs.getLong(5);
    return new RawEntry(key, new EncodedValue(encoding, value == null ? new byte[0] : value),
        Versionstamp.ofVersion(version), expiration < 0 ? 0 : expiration);
  }
}
