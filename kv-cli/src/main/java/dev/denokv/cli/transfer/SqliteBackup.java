package dev.denokv.cli.transfer;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * Copies a live SQLite database with SQLite's online backup API, page by page, inside one read
 * transaction of the source, so the copy is the database as of one commit while writers carry on
 * (in WAL mode they are never blocked). The copy is written next to its destination, checked with
 * {@code PRAGMA integrity_check}, and only then moved into place.
 */
public final class SqliteBackup {

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int PAGES_PER_STEP = 256;
  private static final int BUSY_SLEEP_MILLIS = 50;
  private static final int BUSY_RETRIES = 200;

  private SqliteBackup() {}

  /** What a backup or restore copied. */
  public record Copied(int pages, long entries) {}

  /** Whether {@code file} is a SQLite database file (by its header). */
  public static boolean isSqliteFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    }
  }

  /** Copies the live database {@code source} to {@code destination}, verified. */
  public static Copied backup(Path source, Path destination, Progress progress) throws IOException {
    if (!isSqliteFile(source)) {
      throw new CliException(ExitCode.UNAVAILABLE, "no SQLite database file at " + source);
    }
    Path temporary = destination.resolveSibling(destination.getFileName() + ".partial");
    deleteWithCompanions(temporary);
    int[] pages = {0};
    try (Connection connection = open(source)) {
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rs.next(); // starts the read transaction the whole copy is made in
      }
      DB db = ((SQLiteConnection) connection).getDatabase();
      int rc = db.backup("main", temporary.toString(), (remaining, pageCount) -> pages[0] = pageCount,
          BUSY_SLEEP_MILLIS, BUSY_RETRIES, PAGES_PER_STEP);
      connection.rollback();
      if (rc != 0) {
        throw new CliException(ExitCode.FAILED, "the backup of " + source + " failed with SQLite result code " + rc);
      }
    } catch (SQLException e) {
      deleteWithCompanions(temporary);
      throw new CliException(busy(e) ? ExitCode.UNAVAILABLE : ExitCode.FAILED, "backup of " + source + " failed: " + e.getMessage(), e);
    }
    long entries;
    try {
      entries = verify(temporary);
    } catch (CliException e) {
      deleteWithCompanions(temporary);
      throw e;
    }
    Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    progress.advance(entries, Files.size(destination));
    progress.finish();
    return new Copied(pages[0], entries);
  }

  /** Replaces the database in {@code destination} with the verified copy in {@code backup}. */
  public static Copied restore(Path backup, Path destination, Progress progress) throws IOException {
    if (!isSqliteFile(backup)) {
      throw new CliException(ExitCode.DATA, backup + " is not a SQLite database file");
    }
    long entries = verify(backup);
    int[] pages = {0};
    try (Connection connection = open(destination)) {
      DB db = ((SQLiteConnection) connection).getDatabase();
      int rc = db.restore("main", backup.toString(), (remaining, pageCount) -> pages[0] = pageCount,
          BUSY_SLEEP_MILLIS, BUSY_RETRIES, PAGES_PER_STEP);
      if (rc != 0) {
        throw new CliException(ExitCode.FAILED, "the restore into " + destination + " failed with SQLite result code " + rc);
      }
    } catch (SQLException e) {
      throw new CliException(busy(e) ? ExitCode.UNAVAILABLE : ExitCode.FAILED,
          "restore into " + destination + " failed: " + e.getMessage(), e);
    }
    progress.advance(entries, Files.size(destination));
    progress.finish();
    return new Copied(pages[0], entries);
  }

  /**
   * Checks {@code file} with {@code PRAGMA integrity_check} and that it holds Deno's {@code kv}
   * table; returns the number of entries.
   */
  public static long verify(Path file) {
    try (Connection connection = open(file); Statement s = connection.createStatement()) {
      List<String> problems = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        while (rs.next()) {
          problems.add(rs.getString(1));
        }
      }
      if (!problems.equals(List.of("ok"))) {
        throw new CliException(ExitCode.DATA, "integrity check of " + file + " failed: " + String.join("; ", problems));
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM kv")) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new CliException(ExitCode.DATA, file + " is not a Deno KV database: " + e.getMessage(), e);
    }
  }

  private static Connection open(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(5000);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private static boolean busy(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("SQLITE_BUSY") || m.contains("locked");
  }

  private static void deleteWithCompanions(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
  }
}
