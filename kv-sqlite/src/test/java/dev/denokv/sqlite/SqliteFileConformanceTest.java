package dev.denokv.sqlite;

import dev.denokv.spi.Database;
import dev.denokv.spi.conformance.DatabaseConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The backend conformance suite against a SQLite file. */
class SqliteFileConformanceTest extends DatabaseConformance {

  @TempDir Path dir;

  @Override
  protected Database openDatabase() {
    return SqliteDatabase.open(dir.resolve("conformance.sqlite3"));
  }
}
