package dev.denokv.server;

import dev.denokv.spi.Database;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the server's database id comes from. The id tells clients which database they talk to,
 * so it must stay the same for as long as the database lives and is never the nil UUID.
 */
@FunctionalInterface
public interface DatabaseIdStore {

  /** The database id; the same on every call. */
  UUID databaseId();

  /** Always {@code id}, which must not be the nil UUID. */
  static DatabaseIdStore fixed(UUID id) {
    UUID checked = DatabaseIds.requireNotNil(id);
    return () -> checked;
  }

  /**
   * The id the database keeps for every process that opens it (the PostgreSQL backend), else one
   * kept beside its file, else a random one for this process.
   */
  static DatabaseIdStore forDatabase(Database database) {
    return database.sharedMetadata().<DatabaseIdStore>map(metadata -> metadata::databaseId)
        .or(() -> database.file().map(DatabaseIdStore::besideDatabaseFile))
        .orElseGet(DatabaseIdStore::ephemeral);
  }

  /**
   * An id kept in a file next to the database file ({@code <database file>.kv-connect-id}),
   * created with a random id the first time.
   */
  static DatabaseIdStore besideDatabaseFile(Path databaseFile) {
    Path file = databaseFile.resolveSibling(databaseFile.getFileName() + ".kv-connect-id");
    return new FileDatabaseIdStore(file);
  }

  /** A random id for a database that lives no longer than this process (in memory). */
  static DatabaseIdStore ephemeral() {
    return fixed(UUID.randomUUID());
  }
}
