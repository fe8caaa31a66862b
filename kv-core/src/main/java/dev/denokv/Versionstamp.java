package dev.denokv;

import dev.denokv.error.KvInvalidArgumentException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 10-byte version of a committed write: Deno's 8-byte big-endian commit version followed by
 * two zero bytes. Versionstamps of later commits compare greater. Shown as 20 lowercase hex digits.
 */
public final class Versionstamp implements Comparable<Versionstamp> {

  /** The length of a versionstamp in bytes. */
  public static final int LENGTH = 10;

  private final byte[] bytes;

  private Versionstamp(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The versionstamp with these 10 bytes. */
  public static Versionstamp of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new KvInvalidArgumentException(
          "A versionstamp must be " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Versionstamp(bytes.clone());
  }

  /** The versionstamp of commit version {@code version} (sequence 0). */
  public static Versionstamp ofVersion(long version) {
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (version >>> (56 - 8 * i));
    }
    return new Versionstamp(b);
  }

  /** Parses the 20-hex-digit form Deno shows. */
  public static Versionstamp parse(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new KvInvalidArgumentException("Invalid versionstamp: " + hex);
    }
    try {
      return new Versionstamp(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new KvInvalidArgumentException("Invalid versionstamp: " + hex);
    }
  }

  /** The commit version: the first 8 bytes as an unsigned big-endian number. */
  public long version() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[i] & 0xFF);
    }
    return v;
  }

  /** A copy of the 10 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The 20 lowercase hex digits Deno shows. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public int compareTo(Versionstamp o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Versionstamp other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
