package dev.denokv.key;

import dev.denokv.error.KvInvalidArgumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/** Turns the Java objects callers pass as key parts into the five normalized part types. */
final class KeyParts {

  /** Deno's own message for a value that cannot be a key part. */
  static final String INVALID_PART_MESSAGE = "expected string, number, bigint, ArrayBufferView, boolean";

  /** The Java types {@link #normalize} accepts, as named in messages. */
  static final String JAVA_PART_TYPES = "String, Integer, Long, Short, Byte, Double, Float, BigDecimal "
      + "(numbers), BigInteger (bigint), Boolean, byte[] (Uint8Array)";

  /** Largest bigint magnitude the key encoding can hold, in bytes. */
  static final int MAX_BIGINT_BYTES = 255;

  private static final long CANONICAL_NAN = 0x7ff8000000000000L;
  private static final long CANONICAL_NEGATIVE_NAN = 0xfff8000000000000L;
  private static final double TWO_POW_63 = 0x1p63;

  private KeyParts() {}

  static Object[] normalizeAll(@Nullable Object[] parts, int firstIndex) {
    Object[] normalized = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      normalized[i] = normalize(parts[i], firstIndex + i);
    }
    return normalized;
  }

  /**
   * The normalized form of {@code part}: a {@link String} without lone surrogates, a {@link Double}
   * with a canonical NaN, a {@link BigInteger} of at most 255 magnitude bytes, a {@link Boolean}, or
   * a private copy of a {@code byte[]}.
   */
  static Object normalize(@Nullable Object part, int index) {
    if (part instanceof String s) {
      return wellFormed(s);
    }
    if (part instanceof Double d) {
      return number(d);
    }
    if (part instanceof Integer || part instanceof Short || part instanceof Byte) {
      return (double) ((Number) part).intValue();
    }
    if (part instanceof Long l) {
      return number(l);
    }
    if (part instanceof Float f) {
      return number(f.doubleValue());
    }
    if (part instanceof BigDecimal bd) {
      return number(bd);
    }
    if (part instanceof BigInteger b) {
      return bigint(b);
    }
    if (part instanceof Boolean b) {
      return b;
    }
    if (part instanceof byte[] bytes) {
      return bytes.clone();
    }
    throw new KvInvalidArgumentException(invalidPartMessage(part, index));
  }

  /**
   * Deno's message, followed by which part is wrong, its Java type, and the Java types a key part
   * may have.
   */
  static String invalidPartMessage(@Nullable Object part, int index) {
    String what = part == null ? "null" : "a " + part.getClass().getName();
    return INVALID_PART_MESSAGE + ": key part " + index + " is " + what + "; a key part must be one of "
        + JAVA_PART_TYPES;
  }

  /** {@code value} with NaN canonicalized (keeping its sign bit), as Deno encodes it. */
  static Double number(double value) {
    if (Double.isNaN(value)) {
      return Double.longBitsToDouble(
          Double.doubleToRawLongBits(value) < 0 ? CANONICAL_NEGATIVE_NAN : CANONICAL_NAN);
    }
    return value;
  }

  private static Double number(long value) {
    double d = value;
    if (d == TWO_POW_63 || (long) d != value) {
      throw new KvInvalidArgumentException("key part " + value
          + " is not exactly representable as a number (float64); pass a BigInteger for a bigint key part");
    }
    return d;
  }

  private static Double number(BigDecimal value) {
    double d = value.doubleValue();
    if (Double.isInfinite(d) || new BigDecimal(d).compareTo(value) != 0) {
      throw new KvInvalidArgumentException("key part " + value
          + " is not exactly representable as a number (float64); pass a double, or a BigInteger for a bigint key part");
    }
    return d;
  }

  private static BigInteger bigint(BigInteger value) {
    if ((value.abs().bitLength() + 7) / 8 > MAX_BIGINT_BYTES) {
      throw new KvInvalidArgumentException(
          "BigUint requires more than " + MAX_BIGINT_BYTES + " bytes to be represented");
    }
    return value;
  }

  /** {@code s} with every lone surrogate replaced by U+FFFD, as Deno does before encoding. */
  static String wellFormed(String s) {
    int firstLone = firstLoneSurrogate(s, 0);
    if (firstLone < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int from = 0;
    for (int lone = firstLone; lone >= 0; lone = firstLoneSurrogate(s, from)) {
      sb.append(s, from, lone).append('\uFFFD');
      from = lone + 1;
    }
    return sb.append(s, from, s.length()).toString();
  }

  private static int firstLoneSurrogate(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
