package dev.denokv.sqlite;

import dev.denokv.spi.Database;
import dev.denokv.spi.DatabaseLocation;
import dev.denokv.spi.DatabaseProvider;
import org.jspecify.annotations.Nullable;

/** Opens files and in-memory databases with the embedded SQLite backend and its default options. */
public final class SqliteDatabaseProvider implements DatabaseProvider {

  @Override
  public @Nullable Database open(DatabaseLocation location) {
    if (location instanceof DatabaseLocation.File file) {
      return SqliteDatabase.open(file.path());
    }
    if (location instanceof DatabaseLocation.InMemory) {
      return SqliteDatabase.inMemory();
    }
    return null;
  }
}
