package dev.denokv;

import dev.denokv.key.KvKey;
import org.jspecify.annotations.Nullable;

/**
 * An entry read from the database, like Deno's {@code KvEntryMaybe}: when the key does not exist
 * both {@code value} and {@code versionstamp} are null.
 */
public record KvEntry<T>(KvKey key, @Nullable T value, @Nullable Versionstamp versionstamp) {

  /** Whether the key exists. */
  public boolean exists() {
    return versionstamp != null;
  }
}
