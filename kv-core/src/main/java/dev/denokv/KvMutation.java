package dev.denokv;

import dev.denokv.key.KvKey;
import dev.denokv.key.VersionstampedKey;
import dev.denokv.value.KvU64;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One change of an atomic operation as data, like Deno's {@code Deno.KvMutation}, for
 * {@link AtomicOperation#mutate}: a set (optionally expiring, optionally to a versionstamped key),
 * a delete, or a sum, min or max of a {@link KvU64}.
 */
public sealed interface KvMutation {

  /** Sets {@code key} to {@code value}; {@code expireIn} null for never. */
  record Set(KvKey key, @Nullable Object value, @Nullable Duration expireIn) implements KvMutation {}

  /** Sets the key {@code key} completes with the commit's versionstamp; {@code expireIn} null for never. */
  record SetVersionstamped(VersionstampedKey key, @Nullable Object value, @Nullable Duration expireIn)
      implements KvMutation {}

  /** Deletes {@code key}. */
  record Delete(KvKey key) implements KvMutation {}

  /** Adds {@code value} to the KvU64 at {@code key} (modulo 2^64). */
  record Sum(KvKey key, KvU64 value) implements KvMutation {}

  /** Keeps the smaller of the KvU64 at {@code key} and {@code value}. */
  record Min(KvKey key, KvU64 value) implements KvMutation {}

  /** Keeps the larger of the KvU64 at {@code key} and {@code value}. */
  record Max(KvKey key, KvU64 value) implements KvMutation {}

  /** {@code { type: "set", key, value }}. */
  static KvMutation set(KvKey key, @Nullable Object value) {
    return new Set(key, value, null);
  }

  /** {@code { type: "set", key, value, expireIn }}. */
  static KvMutation set(KvKey key, @Nullable Object value, Duration expireIn) {
    return new Set(key, value, expireIn);
  }

  /** {@code { type: "set", key: [...prefix, kv.commitVersionstamp()], value }}. */
  static KvMutation set(VersionstampedKey key, @Nullable Object value) {
    return new SetVersionstamped(key, value, null);
  }

  /** {@code { type: "set", key: [...prefix, kv.commitVersionstamp()], value, expireIn }}. */
  static KvMutation set(VersionstampedKey key, @Nullable Object value, Duration expireIn) {
    return new SetVersionstamped(key, value, expireIn);
  }

  /** {@code { type: "delete", key }}. */
  static KvMutation delete(KvKey key) {
    return new Delete(key);
  }

  /** {@code { type: "sum", key, value }}. */
  static KvMutation sum(KvKey key, KvU64 value) {
    return new Sum(key, value);
  }

  /** {@code { type: "min", key, value }}. */
  static KvMutation min(KvKey key, KvU64 value) {
    return new Min(key, value);
  }

  /** {@code { type: "max", key, value }}. */
  static KvMutation max(KvKey key, KvU64 value) {
    return new Max(key, value);
  }
}
