package dev.denokv.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired entries in transactions of at most {@link PostgresOptions#sweepBatchSize()}
 * entries, and tells the watchers of every instance. Reads already treat expired entries as
 * absent, so sweeping changes no answer and needs no version; one instance sweeps at a time
 * (a transaction-scoped advisory lock that the others skip).
 */
final class ExpirySweeper implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

  private final DataSource dataSource;
  private final Sql sql;
  private final String schema;
  private final int batchSize;
  private final Clock clock;
  private final Consumer<List<byte[]>> onDeleted;

  ExpirySweeper(DataSource dataSource, Sql sql, String schema, int batchSize, Clock clock,
      Consumer<List<byte[]>> onDeleted) {
    this.clock = clock;
    this.dataSource = dataSource;
    this.sql = sql;
    this.schema = schema;
    this.batchSize = batchSize;
    this.onDeleted = onDeleted;
  }

  @Override
  public void run() {
    try {
      List<byte[]> deleted;
      do {
        deleted = sweepOnce();
        if (!deleted.isEmpty()) {
          onDeleted.accept(deleted);
        }
      } while (deleted.size() >= batchSize);
    } catch (SQLException | RuntimeException | AssertionError e) {
      log.debug("Deleting expired entries failed: {}", e.getMessage());
    }
  }

  /** Deletes up to one batch of expired entries; returns their keys. */
  List<byte[]> sweepOnce() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
          lock.setLong(1, ("dev.denokv.postgres.sweep:" + schema).hashCode());
          try (ResultSet rs = lock.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
              c.rollback();
              return List.of();
            }
          }
        }
        long now = clock.millis();
        List<byte[]> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.sweep)) {
          ps.setLong(1, now);
          ps.setInt(2, batchSize);
          ps.setLong(3, now);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              keys.add(rs.getBytes(1));
            }
          }
        }
        if (!keys.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("select pg_notify(?, ?)")) {
            ps.setString(1, sql.kvChannel);
            ps.setString(2, Notifications.expiredPayload(keys));
            ps.execute();
          }
        }
        c.commit();
        return keys;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // connection gone
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }
}
