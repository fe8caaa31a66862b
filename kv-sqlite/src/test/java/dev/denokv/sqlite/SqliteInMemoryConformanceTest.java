package dev.denokv.sqlite;

import dev.denokv.spi.Database;
import dev.denokv.spi.conformance.DatabaseConformance;

/** The backend conformance suite against an in-memory SQLite database. */
class SqliteInMemoryConformanceTest extends DatabaseConformance {

  @Override
  protected Database openDatabase() {
    return SqliteDatabase.inMemory();
  }
}
