package dev.denokv.server;

import dev.denokv.error.KvException;
import dev.denokv.spi.SharedMetadata;

/**
 * The token-signing secret kept in a database shared by several server instances (created there
 * once by whichever instance asks first). Neither the secret nor anything derived from it appears
 * in a message.
 */
final class SharedTokenSecretStore implements TokenSecretStore {

  private final SharedMetadata metadata;

  SharedTokenSecretStore(SharedMetadata metadata) {
    this.metadata = metadata;
  }

  @Override
  public byte[] secret() {
    byte[] stored = metadata.secret(SHARED_SECRET_NAME);
    if (stored.length < MIN_SECRET_BYTES) {
      throw new KvException("The database's token secret has fewer than " + MIN_SECRET_BYTES + " bytes");
    }
    return stored;
  }

  @Override
  public String toString() {
    return "TokenSecretStore[in the database]";
  }
}
