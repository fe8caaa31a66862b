package dev.denokv;

import dev.denokv.key.KvKey;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An entry read from the database, like Deno's {@code KvEntryMaybe}: when the key does not exist
 * both {@code value} and {@code versionstamp} are null.
 *
 * @param expiresAt when the entry expires, where the backend reports it (the embedded database
 *     does, see {@link dev.denokv.spi.Capability#EXPIRY_TIMES}); null when it never expires, does
 *     not exist or the backend does not say (KV Connect)
 */
public record KvEntry<T>(KvKey key, @Nullable T value, @Nullable Versionstamp versionstamp,
    @Nullable Instant expiresAt) {

  /** An entry without a known expiry time. */
  public KvEntry(KvKey key, @Nullable T value, @Nullable Versionstamp versionstamp) {
    this(key, value, versionstamp, null);
  }

  /** Whether the key exists. */
  public boolean exists() {
    return versionstamp != null;
  }
}
