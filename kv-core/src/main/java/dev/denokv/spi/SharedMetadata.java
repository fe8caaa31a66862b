package dev.denokv.spi;

import java.util.UUID;

/**
 * What a database shared by many processes keeps in itself so that every process that opens it
 * agrees: its id and named secrets (the KV Connect server's token-signing secret). Offered through
 * {@link Database#sharedMetadata()} by backends whose database lives in a server of its own.
 */
public interface SharedMetadata {

  /** The fewest bytes a secret has. */
  int SECRET_BYTES = 32;

  /** The database's id, the same for every process and for as long as the database lives. */
  UUID databaseId();

  /**
   * The secret named {@code name}: {@link #SECRET_BYTES} random bytes, created the first time it is
   * asked for and the same ever after for every process, also when several ask for it first at
   * once. Never shown in a message or log.
   *
   * @param name lower-case letters, digits, dashes and dots
   */
  byte[] secret(String name);
}
