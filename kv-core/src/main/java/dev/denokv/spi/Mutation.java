package dev.denokv.spi;

import dev.denokv.value.EncodedValue;
import org.jspecify.annotations.Nullable;

/**
 * One change to one key inside an atomic write.
 *
 * @param key the encoded key
 * @param kind what to do
 * @param value the operand; null exactly for {@link MutationKind#DELETE}
 * @param expireAtMs epoch milliseconds after which the entry is gone, or 0 for never
 * @param sumMin lower bound of a V8 {@code sum}, or null
 * @param sumMax upper bound of a V8 {@code sum}, or null
 * @param sumClamp whether a V8 {@code sum} outside its bounds is clamped (else it fails)
 */
public record Mutation(
    byte[] key,
    MutationKind kind,
    @Nullable EncodedValue value,
    long expireAtMs,
    @Nullable EncodedValue sumMin,
    @Nullable EncodedValue sumMax,
    boolean sumClamp) {

  /** A set of {@code value} at {@code key}, expiring at {@code expireAtMs} (0 = never). */
  public static Mutation set(byte[] key, EncodedValue value, long expireAtMs) {
    return new Mutation(key, MutationKind.SET, value, expireAtMs, null, null, false);
  }

  /** A delete of {@code key}. */
  public static Mutation delete(byte[] key) {
    return new Mutation(key, MutationKind.DELETE, null, 0, null, null, false);
  }

  /** A sum, min or max of {@code operand} into {@code key}. */
  public static Mutation arithmetic(byte[] key, MutationKind kind, EncodedValue operand) {
    return new Mutation(key, kind, operand, 0, null, null, false);
  }
}
