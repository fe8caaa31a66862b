package dev.denokv.cli.error;

import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.error.KvUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** Turns any failure into the one line and exit code the command ends with. */
public final class Failures {

  private Failures() {}

  /** How a failure is reported. */
  public record Report(ExitCode exitCode, String message) {}

  /** The report for {@code failure}. */
  public static Report report(Throwable failure) {
    if (failure instanceof CliException e) {
      return new Report(e.exitCode(), e.getMessage());
    }
    if (failure instanceof KvRemoteException e && (e.status() == 401 || e.status() == 403)) {
      return new Report(ExitCode.DENIED, "access denied: the server refused the access token (" + firstLine(e) + ")");
    }
    if (failure instanceof KvUnavailableException) {
      return new Report(ExitCode.UNAVAILABLE, "database unavailable: " + firstLine(failure));
    }
    if (failure instanceof KvInvalidArgumentException || failure instanceof KvCodecException) {
      return new Report(ExitCode.DATA, firstLine(failure));
    }
    SQLException sql = find(failure, SQLException.class);
    if (sql != null && isBusy(sql)) {
      return new Report(ExitCode.UNAVAILABLE, "database file is locked by another process: " + firstLine(sql));
    }
    if (failure instanceof KvException) {
      return new Report(ExitCode.FAILED, firstLine(failure));
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return new Report(ExitCode.FAILED, "I/O error: " + firstLine(failure));
    }
    return new Report(ExitCode.FAILED, failure.getClass().getSimpleName() + ": " + firstLine(failure));
  }

  private static boolean isBusy(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("database is locked");
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
