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

  SqlSession(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
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

  /** Runs a statement without parameters or results. */
  void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }

  /** Rolls back the open transaction, if any, ignoring failures (the connection stays usable). */
  void rollbackQuietly() {
    try {
      execute("ROLLBACK");
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
