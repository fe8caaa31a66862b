package dev.denokv.sqlite;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The connections of one database: a single writer session (used only by the commit thread) and
 * read sessions for snapshot reads from any thread. A file database has a pool of read
 * connections that run concurrently with the writer thanks to WAL; an in-memory database has one
 * connection shared by all under a lock.
 */
final class ConnectionPool implements AutoCloseable {

  /** Work inside a read transaction. */
  @FunctionalInterface
  interface ReadWork<T> {
    T run(SqlSession session) throws SQLException;
  }

  private final @Nullable String fileUrl;
  private final SqliteOptions options;
  private final SqlSession writer;
  private final ReentrantLock writerLock = new ReentrantLock();
  private final BlockingQueue<SqlSession> idleReaders;
  private final List<SqlSession> allReaders = new ArrayList<>();
  private int createdReaders;
  private volatile boolean closed;

  private ConnectionPool(@Nullable String fileUrl, SqliteOptions options, SqlSession writer) {
    this.fileUrl = fileUrl;
    this.options = options;
    this.writer = writer;
    this.idleReaders = new ArrayBlockingQueue<>(options.readConnections());
  }

  /** Opens the database file, switches it to WAL and applies pending migrations. */
  static ConnectionPool openFile(Path file, SqliteOptions options) throws SQLException {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    SqlSession writer = new SqlSession(DriverManager.getConnection(url, config(options).toProperties()));
    try {
      writer.execute("PRAGMA journal_mode=WAL");
      writer.execute(options.durability() == SqliteOptions.Durability.FULL
          ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
      Schema.migrate(writer);
      return new ConnectionPool(url, options, writer);
    } catch (SQLException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /** A private in-memory database with Deno's schema. */
  static ConnectionPool openMemory(SqliteOptions options) throws SQLException {
    String url = "jdbc:sqlite:file:kv-" + UUID.randomUUID() + "?mode=memory";
    SqlSession session = new SqlSession(DriverManager.getConnection(url, config(options).toProperties()));
    Schema.migrate(session);
    return new ConnectionPool(null, options, session);
  }

  private static SQLiteConfig config(SqliteOptions options) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, options.busyTimeout().toMillis()));
    config.setGetGeneratedKeys(false); // no rowids to report; spares a query after every insert
    return config;
  }

  /** Whether this is an in-memory database (no other process can see it). */
  boolean inMemory() {
    return fileUrl == null;
  }

  /** Runs {@code work} with the writer session; only the commit thread calls this. */
  <T> T write(ReadWork<T> work) throws SQLException {
    writerLock.lock();
    try {
      ensureOpen();
      return work.run(writer);
    } finally {
      writerLock.unlock();
    }
  }

  /** Runs {@code work} inside one read transaction (one snapshot). */
  <T> T read(ReadWork<T> work) {
    return read(work, true);
  }

  /**
   * Runs {@code work} on a read connection. Work that runs a single statement needs no explicit
   * transaction ({@code transactional} false): one statement always reads one snapshot.
   */
  <T> T read(ReadWork<T> work, boolean transactional) {
    ensureOpen();
    try {
      if (fileUrl == null) {
        writerLock.lock();
        try {
          ensureOpen();
          return transactional ? inReadTransaction(writer, work) : SqlRetry.onBusy(() -> work.run(writer));
        } finally {
          writerLock.unlock();
        }
      }
      SqlSession session = borrow();
      try {
        return transactional ? inReadTransaction(session, work) : SqlRetry.onBusy(() -> work.run(session));
      } finally {
        idleReaders.add(session);
      }
    } catch (SQLException e) {
      throw new KvException("SQLite read failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KvException("Interrupted while waiting for a read connection", e);
    }
  }

  private static <T> T inReadTransaction(SqlSession session, ReadWork<T> work) throws SQLException {
    return SqlRetry.onBusy(() -> {
      session.run("BEGIN");
      try {
        T result = work.run(session);
        session.run("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        session.rollbackQuietly();
        throw e;
      }
    });
  }

  private SqlSession borrow() throws SQLException, InterruptedException {
    SqlSession s = idleReaders.poll();
    if (s != null) {
      return s;
    }
    synchronized (allReaders) {
      if (createdReaders < options.readConnections()) {
        createdReaders++;
        try {
          SqlSession created = newSession();
          created.execute("PRAGMA query_only=1");
          allReaders.add(created);
          return created;
        } catch (SQLException e) {
          createdReaders--;
          throw e;
        }
      }
    }
    return idleReaders.take();
  }

  /** A new connection to the same file (for the change poller), or null when in memory. */
  @Nullable SqlSession newObserverSession() throws SQLException {
    return fileUrl == null ? null : newSession();
  }

  private SqlSession newSession() throws SQLException {
    ensureOpen();
    SQLiteConfig config = config(options);
    // A read or observer session is used by one thread at a time, and the driver serializes the
    // calls on each connection itself: SQLite's own per-call mutex would only add a lock and an
    // unlock to every column read.
    config.setOpenMode(SQLiteOpenMode.NOMUTEX);
    return new SqlSession(DriverManager.getConnection(fileUrl, config.toProperties()));
  }

  private void ensureOpen() {
    if (closed) {
      throw new KvClosedException();
    }
  }

  @Override
  public void close() {
    closed = true;
    writerLock.lock();
    try {
      writer.close();
    } finally {
      writerLock.unlock();
    }
    synchronized (allReaders) {
      for (SqlSession s : allReaders) {
        s.close();
      }
      allReaders.clear();
    }
  }
}
