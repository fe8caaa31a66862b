package dev.denokv.server;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.spi.Database;
import dev.denokv.spi.SharedMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Where the secret that signs data-path tokens comes from. The secret belongs to the database: it
 * stays the same for as long as the database lives, so that tokens survive restarts, and every
 * instance serving the same database must get the same one. Unlike the database id it is never
 * shown to anyone; without it a leaked data-path token tells nothing about the access tokens.
 */
@FunctionalInterface
public interface TokenSecretStore {

  /** The fewest bytes a secret may have. */
  int MIN_SECRET_BYTES = 32;

  /** The secret, at least {@link #MIN_SECRET_BYTES} bytes; the same on every call. */
  byte[] secret();

  /**
   * Always {@code secret} (its UTF-8 bytes), which must be at least {@link #MIN_SECRET_BYTES}
   * bytes: for several instances serving one database, each given the same configured value.
   */
  static TokenSecretStore fixed(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new KvInvalidArgumentException(
          "The token secret must be at least " + MIN_SECRET_BYTES + " bytes long");
    }
    return bytes::clone;
  }

  /** The name under which the secret is kept in a database that keeps secrets. */
  String SHARED_SECRET_NAME = "kv-connect.token-secret";

  /**
   * The secret kept in the database itself when it keeps one for every process that opens it
   * (the PostgreSQL backend), else beside its file, else in memory.
   */
  static TokenSecretStore forDatabase(Database database) {
    return database.sharedMetadata().map(TokenSecretStore::inDatabase)
        .or(() -> database.file().map(TokenSecretStore::besideDatabaseFile))
        .orElseGet(TokenSecretStore::ephemeral);
  }

  /**
   * A random secret kept in the database's shared metadata, created once by whichever server
   * instance asks first; every instance over that database gets the same one.
   */
  static TokenSecretStore inDatabase(SharedMetadata metadata) {
    return new SharedTokenSecretStore(metadata);
  }

  /**
   * A random secret kept in a file next to the database file
   * ({@code <database file>.kv-connect-secret}), readable and writable by its owner only, created
   * the first time.
   */
  static TokenSecretStore besideDatabaseFile(Path databaseFile) {
    return new FileTokenSecretStore(
        databaseFile.resolveSibling(databaseFile.getFileName() + ".kv-connect-secret"));
  }

  /**
   * A random secret for a database that lives no longer than this process (in memory): tokens
   * handed out before a restart are not accepted after it.
   */
  static TokenSecretStore ephemeral() {
    byte[] secret = new byte[MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return secret::clone;
  }
}
