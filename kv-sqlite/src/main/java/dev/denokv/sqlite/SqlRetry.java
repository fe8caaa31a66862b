package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Retries work that failed because another connection held a lock, as Deno does (5–19 ms). */
final class SqlRetry {

  /** Work against the database. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run() throws SQLException;
  }

  private SqlRetry() {}

  static <T> T onBusy(SqlWork<T> work) throws SQLException {
    while (true) {
      try {
        return work.run();
      } catch (SQLException e) {
        if (!isBusy(e)) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextInt(5, 20));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static boolean isBusy(SQLException e) {
    if (e instanceof SQLiteException se) {
      SQLiteErrorCode code = se.getResultCode();
      return code == SQLiteErrorCode.SQLITE_BUSY
          || code.name().startsWith("SQLITE_BUSY_")
          || code == SQLiteErrorCode.SQLITE_LOCKED
          || code.name().startsWith("SQLITE_LOCKED_");
    }
    return false;
  }
}
