package dev.denokv.value;

import dev.denokv.error.KvInvalidArgumentException;
import java.math.BigInteger;

/**
 * An unsigned 64-bit integer, Deno's {@code Deno.KvU64}. Stored with the LE64 encoding and the only
 * operand type of {@code sum}, {@code min} and {@code max} on LE64 values. The bits are held in a
 * {@code long} read as unsigned.
 */
public record KvU64(long bits) implements Comparable<KvU64> {

  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** The KvU64 with value {@code value}, which must be in [0, 2^64). */
  public static KvU64 of(BigInteger value) {
    if (value.signum() < 0) {
      throw new KvInvalidArgumentException("Value must be a positive bigint: received " + value);
    }
    if (value.compareTo(MAX) > 0) {
      throw new KvInvalidArgumentException("Value must fit in a 64-bit unsigned integer");
    }
    return new KvU64(value.longValue());
  }

  /** The KvU64 with value {@code value}, which must not be negative. */
  public static KvU64 of(long value) {
    if (value < 0) {
      throw new KvInvalidArgumentException("Value must be a positive bigint: received " + value);
    }
    return new KvU64(value);
  }

  /** The value as a non-negative BigInteger. */
  public BigInteger value() {
    return new BigInteger(Long.toUnsignedString(bits));
  }

  /** The 8 little-endian bytes Deno stores. */
  public byte[] toLittleEndian() {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (bits >>> (8 * i));
    }
    return b;
  }

  /** The KvU64 stored as these 8 little-endian bytes. */
  public static KvU64 fromLittleEndian(byte[] b) {
    if (b.length != 8) {
      throw new KvInvalidArgumentException("A KvU64 must be 8 bytes, got " + b.length);
    }
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return new KvU64(v);
  }

  @Override
  public int compareTo(KvU64 o) {
    return Long.compareUnsigned(bits, o.bits);
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(bits) + "n";
  }
}
