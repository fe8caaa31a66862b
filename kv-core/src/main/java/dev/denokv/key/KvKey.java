package dev.denokv.key;

import dev.denokv.error.KvInvalidArgumentException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Deno KV key: an immutable sequence of parts, ordered and compared exactly as Deno orders keys.
 *
 * <p>Parts are normalized on the way in, so that Java code addresses the same entries as
 * JavaScript code writing the "same" key:
 * <ul>
 *   <li>{@link String} becomes a string part; lone surrogates become U+FFFD, as in Deno.</li>
 *   <li>{@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link Float}, {@link Double}
 *       and {@link java.math.BigDecimal} become a number part, which is always a float64 and is
 *       returned as a {@link Double}: {@code KvKey.of("users", 42)} is JavaScript's
 *       {@code ["users", 42]}. A {@code long} or {@code BigDecimal} that a double cannot represent
 *       exactly is rejected; pass a {@link BigInteger} for a bigint part instead. NaN is
 *       canonicalized (keeping its sign bit, as Deno does); {@code -0.0} is a different key from
 *       {@code 0.0} and decodes back to {@code -0.0}.</li>
 *   <li>{@link BigInteger} becomes a bigint part (at most 255 magnitude bytes).</li>
 *   <li>{@link Boolean} becomes a boolean part.</li>
 *   <li>{@code byte[]} becomes a bytes part (Deno's {@code Uint8Array}); the array is copied.</li>
 * </ul>
 * Anything else, including {@code null}, other {@link Number} types, characters, dates, UUIDs and
 * {@link dev.denokv.value.KvU64}, is rejected as a {@link KvInvalidArgumentException} whose message
 * starts with Deno's {@code "expected string, number, bigint, ArrayBufferView, boolean"} and goes
 * on to name the offending part's index and Java type and the Java types a key part may have.
 *
 * <p>Equality, hash code and order are those of the encoded bytes, which is Deno's key order:
 * bytes &lt; string &lt; bigint &lt; number &lt; false &lt; true, a prefix before its extensions,
 * and among numbers -Infinity &lt; -1 &lt; -0 &lt; 0 &lt; 1 &lt; Infinity &lt; NaN.
 *
 * <p>This class does not enforce Deno's key size limits, which depend on the operation.
 */
public final class KvKey implements Comparable<KvKey> {

  /** The key with no parts: not a valid key for reads and writes, but the prefix of every key. */
  public static final KvKey EMPTY = new KvKey(new Object[0], new byte[0]);

  private final Object[] parts;
  private final byte[] encoded;
  private int hash;

  private KvKey(Object[] parts, byte[] encoded) {
    this.parts = parts;
    this.encoded = encoded;
  }

  /** The key made of {@code parts}, normalized as described above. */
  public static KvKey of(@Nullable Object... parts) {
    return ofNormalized(KeyParts.normalizeAll(parts, 0));
  }

  /** The key made of {@code parts}, normalized as described above. */
  public static KvKey of(List<?> parts) {
    return of(parts.toArray());
  }

  /** The key encoded in {@code bytes}; see {@link KeyCodec#decode(byte[])}. */
  public static KvKey decode(byte[] bytes) {
    return KeyCodec.decode(bytes);
  }

  private static KvKey ofNormalized(Object[] parts) {
    return parts.length == 0 ? EMPTY : new KvKey(parts, KeyCodec.encodeParts(parts));
  }

  /** A key from already normalized parts and their encoding, as the decoder produces them. */
  static KvKey ofNormalized(Object[] parts, byte[] encoded) {
    return parts.length == 0 ? EMPTY : new KvKey(parts, encoded);
  }

  /**
   * The normalized parts: {@link String}, {@link Double}, {@link BigInteger}, {@link Boolean} or
   * {@code byte[]} (a fresh copy). The list is unmodifiable.
   */
  public List<Object> parts() {
    List<Object> list = new ArrayList<>(parts.length);
    for (Object part : parts) {
      list.add(copyOf(part));
    }
    return Collections.unmodifiableList(list);
  }

  /** The number of parts. */
  public int size() {
    return parts.length;
  }

  /** Whether this is the empty key. */
  public boolean isEmpty() {
    return parts.length == 0;
  }

  /** The normalized part at {@code index} (a fresh copy for a bytes part). */
  public Object get(int index) {
    return copyOf(parts[index]);
  }

  /** This key followed by {@code more} parts, normalized as described above. */
  public KvKey append(@Nullable Object... more) {
    Object[] normalized = KeyParts.normalizeAll(more, parts.length);
    if (normalized.length == 0) {
      return this;
    }
    return concat(normalized, KeyCodec.encodeParts(normalized));
  }

  /** This key followed by the parts of {@code suffix}. */
  public KvKey append(KvKey suffix) {
    return suffix.isEmpty() ? this : concat(suffix.parts, suffix.encoded);
  }

  private KvKey concat(Object[] moreParts, byte[] moreEncoded) {
    Object[] allParts = Arrays.copyOf(parts, parts.length + moreParts.length);
    System.arraycopy(moreParts, 0, allParts, parts.length, moreParts.length);
    byte[] allEncoded = Arrays.copyOf(encoded, encoded.length + moreEncoded.length);
    System.arraycopy(moreEncoded, 0, allEncoded, encoded.length, moreEncoded.length);
    return new KvKey(allParts, allEncoded);
  }

  /**
   * This key without its last part.
   *
   * @throws KvInvalidArgumentException if this is the empty key, which has no parent
   */
  public KvKey parent() {
    if (parts.length == 0) {
      throw new KvInvalidArgumentException("the empty key has no parent");
    }
    int lastLength = KeyCodec.partLength(parts[parts.length - 1]);
    return ofNormalized(
        Arrays.copyOf(parts, parts.length - 1), Arrays.copyOf(encoded, encoded.length - lastLength));
  }

  /** Whether the first parts of this key are the parts of {@code prefix} (true for an equal key). */
  public boolean startsWith(KvKey prefix) {
    // The encoding is prefix-free part by part, so a byte prefix is exactly a part prefix.
    return prefix.encoded.length <= encoded.length
        && Arrays.equals(encoded, 0, prefix.encoded.length, prefix.encoded, 0, prefix.encoded.length);
  }

  /** Deno's encoding of this key (a fresh array); see {@link KeyCodec}. */
  public byte[] encode() {
    return encoded.clone();
  }

  /** The parts themselves, for package code that does not modify them. */
  Object[] partsArray() {
    return parts;
  }

  /** Whether {@code bytes} starts with this key's encoding. */
  boolean isPrefixOf(byte[] bytes) {
    return encoded.length <= bytes.length && Arrays.equals(encoded, 0, encoded.length, bytes, 0, encoded.length);
  }

  /** The encoding itself, for package code that does not modify it. */
  byte[] encodedBytes() {
    return encoded;
  }

  /** Deno's key order: the unsigned byte order of the encodings. */
  @Override
  public int compareTo(KvKey other) {
    return Arrays.compareUnsigned(encoded, other.encoded);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof KvKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(encoded);
      hash = h;
    }
    return h;
  }

  /** The key in Deno's display style, e.g. {@code ["users", 42, 1n, true, Uint8Array(2) [1, 2]]}. */
  @Override
  public String toString() {
    return KeyDisplay.format(parts);
  }

  private static Object copyOf(Object part) {
    return part instanceof byte[] bytes ? bytes.clone() : part;
  }
}
