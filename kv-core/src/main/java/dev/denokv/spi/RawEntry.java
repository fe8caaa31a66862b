package dev.denokv.spi;

import dev.denokv.Versionstamp;
import dev.denokv.value.EncodedValue;

/**
 * A stored entry: encoded key, encoded value, the versionstamp of the write that set it and, where
 * the backend knows it ({@link Capability#EXPIRY_TIMES}), the time it expires.
 *
 * @param expireAtMs epoch milliseconds after which the entry is gone, or 0 when it never expires or
 *     the backend does not report expiry times
 */
public record RawEntry(byte[] key, EncodedValue value, Versionstamp versionstamp, long expireAtMs) {

  /** An entry without a known expiry time. */
  public RawEntry(byte[] key, EncodedValue value, Versionstamp versionstamp) {
    this(key, value, versionstamp, 0);
  }
}
