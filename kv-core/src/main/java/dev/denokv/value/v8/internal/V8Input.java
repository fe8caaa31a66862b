package dev.denokv.value.v8.internal;

import dev.denokv.error.KvCodecException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked reader of the V8 serialization format's primitive encodings. Every malformed
 * or truncated input raises {@link KvCodecException} naming the problem and the offset.
 */
public final class V8Input {

  private final byte[] buf;
  private final int end;
  private int pos;

  public V8Input(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public V8Input(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  public int position() {
    return pos;
  }

  public void position(int position) {
    this.pos = position;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  public int remaining() {
    return end - pos;
  }

  public KvCodecException error(String problem) {
    return new KvCodecException("Invalid V8 value at offset " + pos + ": " + problem);
  }

  private void need(long n) {
    if (n < 0 || n > end - pos) {
      throw error("truncated input (needs " + n + " more bytes, has " + (end - pos) + ")");
    }
  }

  /**
   * Reads the {@code ff <version>} header and returns the version; rejects versions Deno does not
   * read (below 13 or above 16).
   */
  public int readHeader() {
    if (!hasRemaining() || buf[pos] != V8Tags.VERSION) {
      throw error("missing version header");
    }
    pos++;
    int version = readVarint32();
    if (version < V8Tags.MIN_READ_VERSION || version > V8Tags.VERSION_16) {
      throw error("unsupported format version " + version);
    }
    return version;
  }

  public byte readByte() {
    need(1);
    return buf[pos++];
  }

  public byte peekByte() {
    need(1);
    return buf[pos];
  }

  /**
   * Skips padding bytes and returns the next tag (0–255) without consuming it, or -1 at the end.
   */
  public int peekTag() {
    while (pos < end && buf[pos] == V8Tags.PADDING) {
      pos++;
    }
    return pos < end ? buf[pos] & 0xFF : -1;
  }

  /** Skips padding bytes and consumes the next tag. */
  public byte readTag() {
    if (peekTag() < 0) {
      throw error("truncated input (expected a tag)");
    }
    return buf[pos++];
  }

  /**
   * A varint read as V8 reads 32-bit fields: bits above 32 are dropped, and, as in V8, any number
   * of continuation bytes is consumed.
   */
  public int readVarint32() {
    int result = 0;
    for (int shift = 0; ; shift += 7) {
      need(1);
      byte b = buf[pos++];
      if (shift < 32) {
        result |= (b & 0x7F) << shift;
      }
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }

  /**
   * A size field of the given format version: a u64 varint from version 16 on, a u32 varint
   * before. Rejects sizes that do not fit an {@code int}.
   */
  public int readSize(int version) {
    long n = version >= V8Tags.VERSION_16 ? readVarint64() : Integer.toUnsignedLong(readVarint32());
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw error("size " + Long.toUnsignedString(n) + " is too large");
    }
    return (int) n;
  }

  /** A 64-bit varint: bits above 64 are dropped and any number of continuation bytes consumed. */
  public long readVarint64() {
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      need(1);
      byte b = buf[pos++];
      if (shift < 64) {
        result |= (long) (b & 0x7F) << shift;
      }
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }

  /** A length or count: an unsigned varint that must fit the remaining input when {@code bytesPerUnit} > 0. */
  public int readLength(int bytesPerUnit) {
    long n = Integer.toUnsignedLong(readVarint32());
    if (bytesPerUnit > 0 && n * bytesPerUnit > end - pos) {
      throw error("length " + n + " exceeds the remaining input");
    }
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  public int readZigZag32() {
    int u = readVarint32();
    return (u >>> 1) ^ -(u & 1);
  }

  public double readDouble() {
    need(8);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return Double.longBitsToDouble(bits);
  }

  public byte[] readBytes(int n) {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** The payload of a one-byte string (after its tag): Latin-1 characters. */
  public String readOneByteString() {
    int n = readLength(1);
    String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
    pos += n;
    return s;
  }

  /** The payload of a two-byte string (after its tag): UTF-16LE code units. */
  public String readTwoByteString() {
    int byteLength = readLength(1);
    if ((byteLength & 1) != 0) {
      throw error("odd two-byte string length " + byteLength);
    }
    char[] chars = new char[byteLength / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ((buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8);
      pos += 2;
    }
    return new String(chars);
  }

  /**
   * The payload of a UTF-8 string (after its tag). Invalid sequences become U+FFFD exactly as V8
   * (and the WHATWG decoder) replace them: one U+FFFD per maximal invalid subpart.
   */
  public String readUtf8String() {
    int n = readLength(1);
    int stop = pos + n;
    StringBuilder sb = new StringBuilder(n);
    int needed = 0;
    int seen = 0;
    int codePoint = 0;
    int lower = 0x80;
    int upper = 0xBF;
    while (pos < stop) {
      int b = buf[pos] & 0xFF;
      if (needed == 0) {
        pos++;
        if (b <= 0x7F) {
          sb.append((char) b);
        } else if (b >= 0xC2 && b <= 0xDF) {
          needed = 1;
          codePoint = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
          lower = b == 0xE0 ? 0xA0 : 0x80;
          upper = b == 0xED ? 0x9F : 0xBF;
          needed = 2;
          codePoint = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
          lower = b == 0xF0 ? 0x90 : 0x80;
          upper = b == 0xF4 ? 0x8F : 0xBF;
          needed = 3;
          codePoint = b & 0x07;
        } else {
          sb.append('\uFFFD');
        }
        continue;
      }
      if (b < lower || b > upper) {
        // The invalid byte is not consumed: it starts the next sequence.
        sb.append('\uFFFD');
        needed = 0;
        seen = 0;
        lower = 0x80;
        upper = 0xBF;
        continue;
      }
      pos++;
      lower = 0x80;
      upper = 0xBF;
      codePoint = (codePoint << 6) | (b & 0x3F);
      if (++seen == needed) {
        sb.appendCodePoint(codePoint);
        needed = 0;
        seen = 0;
      }
    }
    if (needed != 0) {
      sb.append('\uFFFD');
    }
    return sb.toString();
  }

  /** Reads a string value, tag included (padding skipped); rejects any other value. */
  public String readStringValue() {
    byte tag = readTag();
    return switch (tag) {
      case V8Tags.ONE_BYTE_STRING -> readOneByteString();
      case V8Tags.TWO_BYTE_STRING -> readTwoByteString();
      case V8Tags.UTF8_STRING -> readUtf8String();
      default -> throw error("expected a string, found tag 0x" + Integer.toHexString(tag & 0xFF));
    };
  }

  /** The payload of a BigInt (after its tag): bitfield, then little-endian magnitude bytes. */
  public BigInteger readBigIntPayload() {
    int bitfield = readVarint32();
    boolean negative = (bitfield & 1) != 0;
    int byteLength = (bitfield >>> 1) & 0x3FFF_FFFF;
    if (negative && byteLength == 0) {
      throw error("BigInt negative zero");
    }
    need(byteLength);
    byte[] be = new byte[byteLength];
    for (int i = 0; i < byteLength; i++) {
      be[byteLength - 1 - i] = buf[pos++];
    }
    BigInteger magnitude = new BigInteger(1, be);
    return negative ? magnitude.negate() : magnitude;
  }
}
