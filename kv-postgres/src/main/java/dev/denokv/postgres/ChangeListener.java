package dev.denokv.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one connection for the notifications that committing transactions of every instance
 * send ({@code NOTIFY} is delivered only on commit, so nothing uncommitted ever wakes anyone):
 * changed keys wake the watchers of those keys, queue changes wake waiting consumers. After a lost
 * connection it listens again and, since notifications may have been missed meanwhile, wakes
 * every watcher and consumer once.
 */
final class ChangeListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);
  private static final int POLL_MS = 100;

  private final DataSource dataSource;
  private final Sql sql;
  private final long reconnectMs;
  private final Consumer<Notifications.@Nullable Changes> onKeys;
  private final Runnable onQueue;
  private final Thread thread;
  private volatile boolean closed;
  private volatile @Nullable Connection connection;

  /**
   * @param onKeys receives the changes, or null when any key may have changed
   * @param onQueue called when the queue may have changed
   */
  ChangeListener(DataSource dataSource, Sql sql, long reconnectMs,
      Consumer<Notifications.@Nullable Changes> onKeys, Runnable onQueue, String name) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.reconnectMs = reconnectMs;
    this.onKeys = onKeys;
    this.onQueue = onQueue;
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
  }

  /** Starts listening; returns once the first LISTEN is in place (or failed). */
  void start() {
    try {
      connection = listen();
    } catch (SQLException e) {
      log.warn("Listening for PostgreSQL notifications failed, retrying: {}", e.getMessage());
    }
    thread.start();
  }

  private Connection listen() throws SQLException {
    Connection c = dataSource.getConnection();
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("listen " + Schema.quote(sql.kvChannel));
      s.execute("listen " + Schema.quote(sql.queueChannel));
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private void loop() {
    boolean missed = false;
    while (!closed) {
      Connection c = connection;
      try {
        if (c == null) {
          c = listen();
          connection = c;
          if (missed) {
            onKeys.accept(null);
            onQueue.run();
            missed = false;
          }
        }
        PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(POLL_MS);
        if (notes != null) {
          dispatch(notes);
        }
      } catch (SQLException | RuntimeException | AssertionError e) {
        if (closed) {
          break;
        }
        log.debug("PostgreSQL notification connection lost: {}", e.getMessage());
        closeQuietly(c);
        connection = null;
        missed = true;
        try {
          Thread.sleep(reconnectMs);
        } catch (InterruptedException ie) {
          break;
        }
      }
    }
    closeQuietly(connection);
  }

  private void dispatch(PGNotification[] notes) {
    boolean queue = false;
    for (PGNotification n : notes) {
      if (n.getName().equals(sql.queueChannel)) {
        queue = true;
      } else if (n.getName().equals(sql.kvChannel)) {
        onKeys.accept(Notifications.parse(n.getParameter()));
      }
    }
    if (queue) {
      onQueue.run();
    }
  }

  private static void closeQuietly(@Nullable Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
