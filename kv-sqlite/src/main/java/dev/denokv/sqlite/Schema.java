package dev.denokv.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Deno KV's schema and its migration bookkeeping: {@code migration_state} row 0 holds how many of
 * the numbered migrations were applied. All pending migrations run in one transaction.
 */
final class Schema {

  /** The number of migrations Deno 2.9.6 applies. */
  static final int CURRENT_VERSION = 3;

  private static final String CREATE_MIGRATION_TABLE = """
      create table if not exists migration_state(
        k integer not null primary key,
        version integer not null
      )""";

  private static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          """
          create table data_version (
            k integer primary key,
            version integer not null
          )""",
          "insert into data_version (k, version) values (0, 0)",
          """
          create table kv (
            k blob primary key,
            v blob not null,
            v_encoding integer not null,
            version integer not null
          ) without rowid"""),
      List.of(
          """
          create table queue (
            ts integer not null,
            id text not null,
            data blob not null,
            backoff_schedule text not null,
            keys_if_undelivered blob not null,

            primary key (ts, id)
          )""",
          """
          create table queue_running(
            deadline integer not null,
            id text not null,
            data blob not null,
            backoff_schedule text not null,
            keys_if_undelivered blob not null,

            primary key (deadline, id)
          )"""),
      List.of(
          "alter table kv add column seq integer not null default 0",
          "alter table data_version add column seq integer not null default 0",
          "alter table kv add column expiration_ms integer not null default -1",
          "create index kv_expiration_ms_idx on kv (expiration_ms)"));

  private Schema() {}

  /** Applies every migration above the recorded state, in one immediate transaction. */
  static void migrate(SqlSession session) throws SQLException {
    SqlRetry.onBusy(() -> {
      session.execute("BEGIN IMMEDIATE");
      try {
        session.execute(CREATE_MIGRATION_TABLE);
        int current = appliedMigrations(session);
        for (int i = current; i < MIGRATIONS.size(); i++) {
          for (String sql : MIGRATIONS.get(i)) {
            session.execute(sql);
          }
          try (PreparedStatement ps = session.connection()
              .prepareStatement("replace into migration_state (k, version) values(?, ?)")) {
            ps.setInt(1, 0);
            ps.setInt(2, i + 1);
            ps.executeUpdate();
          }
        }
        session.execute("COMMIT");
        return null;
      } catch (SQLException | RuntimeException e) {
        session.rollbackQuietly();
        throw e;
      }
    });
  }

  /** The recorded migration state (0 for a fresh database). */
  static int appliedMigrations(SqlSession session) throws SQLException {
    try (PreparedStatement ps = session.connection()
            .prepareStatement("select version from migration_state where k = 0");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
