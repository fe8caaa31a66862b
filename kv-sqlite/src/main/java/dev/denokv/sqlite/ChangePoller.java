package dev.denokv.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices commits made through other connections to the same file, e.g. by another process, by
 * polling {@code PRAGMA data_version} on a dedicated connection; reports a change while
 * {@code active} says someone watches or waits for a queue message.
 */
final class ChangePoller implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangePoller.class);

  private final SqlSession session;
  private final BooleanSupplier active;
  private final Runnable onChange;
  private long lastVersion = Long.MIN_VALUE;

  ChangePoller(SqlSession session, BooleanSupplier active, Runnable onChange) {
    this.session = session;
    this.active = active;
    this.onChange = onChange;
  }

  @Override
  public synchronized void run() {
    try {
      long version;
      try (ResultSet rs = session.prepare("PRAGMA data_version").executeQuery()) {
        rs.next();
        version = rs.getLong(1);
      }
      if (lastVersion != Long.MIN_VALUE && version != lastVersion && active.getAsBoolean()) {
        onChange.run();
      }
      lastVersion = version;
    } catch (SQLException | RuntimeException e) {
      log.debug("Polling data_version failed", e);
    }
  }

  @Override
  public synchronized void close() {
    session.close();
  }
}
