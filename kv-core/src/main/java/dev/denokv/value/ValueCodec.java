package dev.denokv.value;

import org.jspecify.annotations.Nullable;

/**
 * Converts application values to the encodings Deno stores, and back. Implementations choose the
 * encoding as Deno does: {@link KvU64} as LE64, a top-level byte array as raw bytes, everything
 * else as a V8-serialized JS value.
 */
public interface ValueCodec {

  /** Encodes {@code value} (null encodes as JS {@code null}). */
  EncodedValue encode(@Nullable Object value);

  /** Serializes {@code value} as V8 bytes whatever its type, as Deno serializes queue messages. */
  byte[] serialize(@Nullable Object value);

  /** Decodes a stored value into {@code type}; {@code Object.class} gives the natural Java form. */
  <T> @Nullable T decode(EncodedValue value, Class<T> type);
}
