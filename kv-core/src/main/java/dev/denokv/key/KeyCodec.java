package dev.denokv.key;

import dev.denokv.error.KvCodecException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The byte encoding of Deno KV keys, identical to Deno's: each part is a type tag and a payload,
 * and the unsigned byte order of encoded keys is Deno's key order.
 *
 * <table>
 *   <caption>Part encodings</caption>
 *   <tr><th>part</th><th>tag</th><th>payload</th></tr>
 *   <tr><td>bytes</td><td>0x01</td><td>the bytes, each 0x00 escaped as 0x00 0xFF, then 0x00</td></tr>
 *   <tr><td>string</td><td>0x02</td><td>UTF-8, escaped and terminated like bytes</td></tr>
 *   <tr><td>bigint</td><td>0x0B..0x1D</td><td>0x14 is zero; 0x14±n then n big-endian magnitude
 *       bytes (ones' complement when negative) for n &le; 8; longer values use 0x1D n or
 *       0x0B (n XOR 0xFF) before the magnitude</td></tr>
 *   <tr><td>number</td><td>0x21</td><td>the float64 bits big-endian, all bits flipped when
 *       negative, else only the sign bit; NaN canonicalized</td></tr>
 *   <tr><td>false / true</td><td>0x26 / 0x27</td><td>none</td></tr>
 * </table>
 *
 * <p>The decoder accepts exactly the canonical encodings Deno writes, so for every byte array
 * {@code b} it accepts, {@code decode(b).encode()} equals {@code b}. Anything else (an unknown tag,
 * a truncated payload, an unterminated string or byte part, invalid UTF-8, a bad or non-minimal
 * bigint length, a non-canonical NaN) is a {@link KvCodecException} naming the problem and its
 * offset.
 */
public final class KeyCodec {

  static final int BYTES = 0x01;
  static final int STRING = 0x02;
  static final int NEGATIVE_BIGINT_LONG = 0x0B;
  static final int BIGINT_ZERO = 0x14;
  static final int POSITIVE_BIGINT_LONG = 0x1D;
  static final int NUMBER = 0x21;
  static final int FALSE = 0x26;
  static final int TRUE = 0x27;

  private static final int SHORT_BIGINT_MAX_BYTES = 8;
  private static final int ESCAPE = 0xFF;

  private KeyCodec() {}

  /** The encoding of {@code key}. */
  public static byte[] encode(KvKey key) {
    return key.encode();
  }

  /** The number of bytes {@code key} encodes to. */
  public static int encodedLength(KvKey key) {
    return key.encodedBytes().length;
  }

  /** The key encoded in {@code bytes}; an empty array is the empty key. */
  public static KvKey decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** The key encoded in {@code bytes[from..to)}; offsets in error messages are relative to {@code from}. */
  public static KvKey decode(byte[] bytes, int from, int to) {
    if (from < 0 || to > bytes.length || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + bytes.length + " bytes");
    }
    return new Decoder(bytes, from, to).key();
  }

  /**
   * The key encoded in {@code bytes}, as {@link #decode(byte[])} reads it, where {@code bytes} is
   * expected to start with the encoding of {@code prefix} (as every key a prefix listing returns
   * does): the prefix's parts are then taken as they are and only the rest is decoded.
   */
  public static KvKey decode(KvKey prefix, byte[] bytes) {
    if (prefix.isEmpty() || !prefix.isPrefixOf(bytes)) {
      return decode(bytes);
    }
    return new Decoder(bytes, 0, bytes.length).key(prefix);
  }

  // ---------------------------------------------------------------------------------- encoding

  /** Encodes normalized parts (see {@link KeyParts#normalize}) in one pass into an exactly sized array. */
  static byte[] encodeParts(Object[] parts) {
    int length = 0;
    for (Object part : parts) {
      length += partLength(part);
    }
    byte[] out = new byte[length];
    int pos = 0;
    for (Object part : parts) {
      pos = writePart(part, out, pos);
    }
    return out;
  }

  static int partLength(Object part) {
    if (part instanceof String s) {
      return 2 + escapedUtf8Length(s);
    }
    if (part instanceof Double) {
      return 9;
    }
    if (part instanceof BigInteger b) {
      int n = magnitudeLength(b);
      return 1 + (n > SHORT_BIGINT_MAX_BYTES ? 1 : 0) + n;
    }
    if (part instanceof Boolean) {
      return 1;
    }
    byte[] bytes = (byte[]) part;
    int length = 2 + bytes.length;
    for (byte b : bytes) {
      if (b == 0) {
        length++;
      }
    }
    return length;
  }

  private static int writePart(Object part, byte[] out, int pos) {
    if (part instanceof String s) {
      out[pos++] = STRING;
      pos = writeEscapedUtf8(s, out, pos);
      out[pos++] = 0;
      return pos;
    }
    if (part instanceof Double d) {
      out[pos++] = NUMBER;
      long bits = Double.doubleToRawLongBits(d);
      bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
      for (int shift = 56; shift >= 0; shift -= 8) {
        out[pos++] = (byte) (bits >>> shift);
      }
      return pos;
    }
    if (part instanceof BigInteger b) {
      return writeBigint(b, out, pos);
    }
    if (part instanceof Boolean b) {
      out[pos++] = (byte) (b ? TRUE : FALSE);
      return pos;
    }
    out[pos++] = BYTES;
    for (byte b : (byte[]) part) {
      out[pos++] = b;
      if (b == 0) {
        out[pos++] = (byte) ESCAPE;
      }
    }
    out[pos++] = 0;
    return pos;
  }

  private static int magnitudeLength(BigInteger b) {
    return (b.abs().bitLength() + 7) / 8;
  }

  private static int writeBigint(BigInteger value, byte[] out, int pos) {
    int sign = value.signum();
    if (sign == 0) {
      out[pos++] = BIGINT_ZERO;
      return pos;
    }
    byte[] magnitude = value.abs().toByteArray();
    int skip = magnitude[0] == 0 ? 1 : 0;
    int n = magnitude.length - skip;
    if (n <= SHORT_BIGINT_MAX_BYTES) {
      out[pos++] = (byte) (BIGINT_ZERO + sign * n);
    } else if (sign > 0) {
      out[pos++] = POSITIVE_BIGINT_LONG;
      out[pos++] = (byte) n;
    } else {
      out[pos++] = NEGATIVE_BIGINT_LONG;
      out[pos++] = (byte) (n ^ 0xFF);
    }
    int flip = sign < 0 ? 0xFF : 0;
    for (int i = skip; i < magnitude.length; i++) {
      out[pos++] = (byte) (magnitude[i] ^ flip);
    }
    return pos;
  }

  /** UTF-8 length of a well-formed string, counting one extra byte per escaped NUL. */
  private static int escapedUtf8Length(String s) {
    int length = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0) {
        length += 2;
      } else if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }

  /** Writes a well-formed string (no lone surrogates, see {@link KeyParts#wellFormed}). */
  private static int writeEscapedUtf8(String s, byte[] out, int pos) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[pos++] = (byte) c;
        if (c == 0) {
          out[pos++] = (byte) ESCAPE;
        }
      } else if (c < 0x800) {
        out[pos++] = (byte) (0xC0 | (c >> 6));
        out[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[pos++] = (byte) (0xF0 | (cp >> 18));
        out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        out[pos++] = (byte) (0xE0 | (c >> 12));
        out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return pos;
  }

  // ---------------------------------------------------------------------------------- decoding

  /** One decoding pass over {@code bytes[start..end)}. */
  private static final class Decoder {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private int pos;

    Decoder(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.start = start;
      this.end = end;
      this.pos = start;
    }

    KvKey key() {
      return partsFrom(new Object[4], 0);
    }

    /** The key, whose encoding starts with {@code prefix}'s: only the parts after it are decoded. */
    KvKey key(KvKey prefix) {
      Object[] known = prefix.partsArray();
      pos = start + prefix.encodedBytes().length;
      return partsFrom(Arrays.copyOf(known, known.length + 2), known.length);
    }

    /** Decodes the parts from {@link #pos} to the end into {@code parts}, after its first {@code n}. */
    private KvKey partsFrom(Object[] parts, int n) {
      while (pos < end) {
        if (n == parts.length) {
          parts = Arrays.copyOf(parts, n * 2);
        }
        parts[n++] = part();
      }
      byte[] encoded = Arrays.copyOfRange(bytes, start, end);
      return KvKey.ofNormalized(n == parts.length ? parts : Arrays.copyOf(parts, n), encoded);
    }

    private Object part() {
      int tagOffset = pos;
      int tag = bytes[pos++] & 0xFF;
      switch (tag) {
        case BYTES:
          return unescape(tagOffset, "byte");
        case STRING: {
          String ascii = plainAscii();
          return ascii != null ? ascii : utf8(unescape(tagOffset, "string"), tagOffset);
        }
        case NUMBER:
          return number(tagOffset);
        case FALSE:
          return Boolean.FALSE;
        case TRUE:
          return Boolean.TRUE;
        default:
          if (tag >= NEGATIVE_BIGINT_LONG && tag <= POSITIVE_BIGINT_LONG) {
            return bigint(tag, tagOffset);
          }
          throw error("unknown key part tag 0x" + hex(tag), tagOffset);
      }
    }

    /**
     * The string part at {@code pos} (after its tag) when it is plain ASCII without escapes, the
     * common case, read without an intermediate array; null (nothing consumed) otherwise.
     */
    private @Nullable String plainAscii() {
      for (int i = pos; i < end; i++) {
        byte b = bytes[i];
        if (b == 0) {
          if (i + 1 < end && (bytes[i + 1] & 0xFF) == ESCAPE) {
            return null;
          }
          String s = new String(bytes, pos, i - pos, StandardCharsets.ISO_8859_1);
          pos = i + 1;
          return s;
        }
        if (b < 0) {
          return null;
        }
      }
      return null;
    }

    private byte[] unescape(int tagOffset, String kind) {
      int escapes = 0;
      int i = pos;
      while (true) {
        if (i >= end) {
          throw error("unterminated " + kind + " part", tagOffset);
        }
        if (bytes[i] == 0) {
          if (i + 1 < end && (bytes[i + 1] & 0xFF) == ESCAPE) {
            escapes++;
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      byte[] out = new byte[i - pos - escapes];
      int o = 0;
      for (int j = pos; j < i; j++) {
        out[o++] = bytes[j];
        if (bytes[j] == 0) {
          j++;
        }
      }
      pos = i + 1;
      return out;
    }

    private String utf8(byte[] utf8, int tagOffset) {
      if (isAscii(utf8)) {
        return new String(utf8, StandardCharsets.US_ASCII);
      }
      try {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(utf8));
        return chars.toString();
      } catch (CharacterCodingException e) {
        throw error("invalid UTF-8 in string part", tagOffset);
      }
    }

    private static boolean isAscii(byte[] bytes) {
      for (byte b : bytes) {
        if (b < 0) {
          return false;
        }
      }
      return true;
    }

    private Double number(int tagOffset) {
      if (end - pos < 8) {
        throw error("truncated number part: needs 8 bytes, " + (end - pos) + " left", tagOffset);
      }
      long t = 0;
      for (int i = 0; i < 8; i++) {
        t = (t << 8) | (bytes[pos++] & 0xFF);
      }
      long bits = t < 0 ? t ^ Long.MIN_VALUE : ~t;
      double value = Double.longBitsToDouble(bits);
      if (Double.isNaN(value) && Double.doubleToRawLongBits(KeyParts.number(value)) != bits) {
        throw error("non-canonical NaN in number part", tagOffset);
      }
      return value;
    }

    private BigInteger bigint(int tag, int tagOffset) {
      if (tag == BIGINT_ZERO) {
        return BigInteger.ZERO;
      }
      boolean negative = tag < BIGINT_ZERO;
      int n;
      if (tag == POSITIVE_BIGINT_LONG || tag == NEGATIVE_BIGINT_LONG) {
        if (pos >= end) {
          throw error("truncated bigint part: missing length byte", tagOffset);
        }
        n = (bytes[pos++] & 0xFF) ^ (negative ? 0xFF : 0);
        if (n <= SHORT_BIGINT_MAX_BYTES) {
          throw error("bad bigint length " + n + ": lengths up to " + SHORT_BIGINT_MAX_BYTES
              + " use the short form", tagOffset);
        }
      } else {
        n = Math.abs(tag - BIGINT_ZERO);
      }
      byte[] magnitude = take(n, tagOffset, "bigint");
      if (negative) {
        for (int i = 0; i < n; i++) {
          magnitude[i] = (byte) ~magnitude[i];
        }
      }
      if (magnitude[0] == 0) {
        throw error("bad bigint length " + n + ": the magnitude has a leading zero byte", tagOffset);
      }
      BigInteger value = new BigInteger(1, magnitude);
      return negative ? value.negate() : value;
    }

    private byte[] take(int n, int tagOffset, String kind) {
      if (end - pos < n) {
        throw error("truncated " + kind + " part: needs " + n + " bytes, " + (end - pos) + " left", tagOffset);
      }
      byte[] out = Arrays.copyOfRange(bytes, pos, pos + n);
      pos += n;
      return out;
    }

    private KvCodecException error(String problem, int offset) {
      return new KvCodecException("invalid key encoding: " + problem + " at offset " + (offset - start));
    }

    private static String hex(int b) {
      return String.format("%02X", b);
    }
  }
}
