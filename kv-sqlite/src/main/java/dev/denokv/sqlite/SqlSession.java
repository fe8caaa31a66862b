package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One SQLite connection with its prepared statements cached by SQL text. Transactions are run
 * with explicit {@code BEGIN}/{@code COMMIT} statements on an auto-commit connection, so that no
 * lock is held between transactions. Used by one thread at a time.
 */
final class SqlSession implements AutoCloseable {

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private VersionState version = VersionState.UNKNOWN;

  SqlSession(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /**
   * The commit version as the open write transaction sees it.
   *
   * @param known the version last read or assigned, or -1 when not read yet
   * @param changed whether {@code known} was assigned but not yet written to {@code data_version}
   */
  record VersionState(long known, boolean changed) {
    /** Nothing read or assigned yet: the state at the start of every write transaction. */
    static final VersionState UNKNOWN = new VersionState(-1, false);
  }

  /** The version state of the open write transaction; reset whenever changes are rolled back. */
  VersionState version() {
    return version;
  }

  void version(VersionState state) {
    this.version = state;
  }

  /** The cached prepared statement for {@code sql}, parameters cleared. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    return ps;
  }

  /** Runs a statement without parameters or results, once (not cached). */
  void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }

  /** Runs a frequent statement without parameters or results, such as BEGIN or SAVEPOINT. */
  void run(String sql) throws SQLException {
    prepare(sql).execute();
  }

  /** Rolls back the open transaction, if any, ignoring failures (the connection stays usable). */
  void rollbackQuietly() {
    try {
      run("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction was open
    }
  }

  @Override
  public void close() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    statements.clear();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
