package dev.denokv;

import dev.denokv.error.KvIllegalStateException;
import dev.denokv.error.KvInvalidArgumentException;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A list selector resolved to encoded key bounds, with Deno's cursor format: URL-safe base64 (with
 * padding) of the last returned key minus the selector's common prefix.
 */
final class KeyRange {

  private final byte[] start;
  private final byte[] end;
  private final byte @Nullable [] explicitStart;
  private final byte @Nullable [] explicitEnd;
  private final byte[] commonPrefix;

  private KeyRange(byte[] start, byte[] end, byte[] explicitStart, byte[] explicitEnd, byte[] commonPrefix) {
    this.start = start;
    this.end = end;
    this.explicitStart = explicitStart;
    this.explicitEnd = explicitEnd;
    this.commonPrefix = commonPrefix;
  }

  static KeyRange of(ListSelector selector) {
    if (selector.prefix() != null) {
      byte[] prefix = selector.prefix().encode();
      byte[] start = null;
      byte[] end = null;
      if (selector.start() != null) {
        start = selector.start().encode();
        if (!startsWith(start, prefix) || start.length == prefix.length) {
          throw new KvInvalidArgumentException("Start key is not in the keyspace defined by prefix");
        }
      }
      if (selector.end() != null) {
        end = selector.end().encode();
        if (!startsWith(end, prefix) || end.length == prefix.length) {
          throw new KvInvalidArgumentException("End key is not in the keyspace defined by prefix");
        }
      }
      return new KeyRange(
          start != null ? start : append(prefix, (byte) 0x00),
          end != null ? end : append(prefix, (byte) 0xFF),
          start,
          end,
          prefix);
    }
    byte[] start = selector.start().encode();
    byte[] end = selector.end().encode();
    if (Arrays.compareUnsigned(start, end) > 0) {
      throw new KvInvalidArgumentException("Start key is greater than end key");
    }
    int common = Arrays.mismatch(start, end);
    if (common < 0) {
      common = start.length;
    }
    return new KeyRange(start, end, start, end, Arrays.copyOf(start, common));
  }

  /**
   * The key a cursor stands for (the last key listed before it), checked against the selector's
   * bound on the side the listing continues from.
   */
  byte[] cursorKey(String cursor, boolean reverse) {
    byte[] key = resolve(cursor);
    if (!reverse && explicitStart != null
        && Arrays.compareUnsigned(append(key, (byte) 0x00), explicitStart) < 0) {
      throw new KvInvalidArgumentException("cursor out of bounds");
    }
    if (reverse && explicitEnd != null && Arrays.compareUnsigned(key, explicitEnd) > 0) {
      throw new KvInvalidArgumentException("cursor out of bounds");
    }
    return key;
  }

  /** The first key to read: the selector's, or just after {@code resumeAfter} when listing forward. */
  byte[] start(byte @Nullable [] resumeAfter, boolean reverse) {
    return resumeAfter == null || reverse ? start : append(resumeAfter, (byte) 0x00);
  }

  /** The key to stop before: the selector's, or {@code resumeAfter} itself when listing in reverse. */
  byte[] end(byte @Nullable [] resumeAfter, boolean reverse) {
    return resumeAfter == null || !reverse ? end : resumeAfter;
  }

  /** The cursor that resumes after {@code lastKey}. */
  String cursorAfter(byte[] lastKey) {
    if (!startsWith(lastKey, commonPrefix)) {
      throw new KvIllegalStateException("key outside the listed range");
    }
    return Base64.getUrlEncoder()
        .encodeToString(Arrays.copyOfRange(lastKey, commonPrefix.length, lastKey.length));
  }

  private byte[] resolve(String cursor) {
    byte[] suffix;
    try {
      suffix = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new KvInvalidArgumentException("invalid cursor");
    }
    if (!Base64.getUrlEncoder().encodeToString(suffix).equals(cursor)) {
      throw new KvInvalidArgumentException("invalid cursor"); // unpadded or non-canonical, as Deno rejects
    }
    byte[] key = Arrays.copyOf(commonPrefix, commonPrefix.length + suffix.length);
    System.arraycopy(suffix, 0, key, commonPrefix.length, suffix.length);
    return key;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  static byte[] append(byte[] key, byte b) {
    byte[] out = Arrays.copyOf(key, key.length + 1);
    out[key.length] = b;
    return out;
  }
}
