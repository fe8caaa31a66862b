package dev.denokv.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Classifies PostgreSQL errors. */
final class Connections {

  private Connections() {}

  /**
   * Whether {@code e} means the connection broke or the server went away (SQL state class 08,
   * an administrator shutdown, a server starting or a pool out of connections), rather than a
   * statement being refused.
   */
  static boolean isConnectionFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException se && se.getSQLState() != null) {
        String state = se.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
            || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
  }
}
