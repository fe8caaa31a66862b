package dev.denokv.cli.target;

import dev.denokv.spi.Database;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The database a command works on, as chosen on its command line; nothing is opened until
 * {@link #open} is called.
 */
public interface Target {

  /**
   * Opens the database.
   *
   * @param create whether a missing database may be created (a write); reads of a database that does
   *     not exist fail instead
   */
  Database open(boolean create);

  /** The SQLite file holding the database, when it is one (for online backups). */
  default Optional<Path> sqliteFile() {
    return Optional.empty();
  }

  /** A description for messages, never showing credentials. */
  String describe();
}
