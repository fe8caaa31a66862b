package dev.denokv.value.v8.internal;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitive encodings of the V8 serialization format: varints,
 * zigzag integers, little-endian doubles, strings (one-byte or two-byte with V8's alignment
 * padding) and BigInt digits. Not thread-safe.
 */
public final class V8Output {

  private byte[] buf;
  private int pos;

  public V8Output(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public V8Output() {
    this(64);
  }

  /** Number of bytes written so far (the header included). */
  public int position() {
    return pos;
  }

  /** Forgets everything written, keeping the buffer for reuse. */
  public void reset() {
    pos = 0;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  /** The byte at {@code index} (below {@link #position()}). */
  public byte byteAt(int index) {
    if (index < 0 || index >= pos) {
      throw new IndexOutOfBoundsException("index " + index + " outside [0, " + pos + ")");
    }
    return buf[index];
  }

  /** A copy of the bytes in {@code [from, to)}. */
  public byte[] copyOfRange(int from, int to) {
    if (from < 0 || to > pos || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [0, " + pos + ")");
    }
    return Arrays.copyOfRange(buf, from, to);
  }

  /** Drops every byte from {@code newPosition} on, so that writing continues there. */
  public void truncate(int newPosition) {
    if (newPosition < 0 || newPosition > pos) {
      throw new IndexOutOfBoundsException("position " + newPosition + " outside [0, " + pos + "]");
    }
    pos = newPosition;
  }

  /**
   * Overwrites the varint stored at {@code position}; the new value must take exactly
   * {@code varintSize(value)} bytes there, as many as the bytes it replaces.
   */
  public void overwriteVarint(int position, long value) {
    int size = varintSize(value);
    if (position < 0 || position + size > pos) {
      throw new IndexOutOfBoundsException("varint at " + position + " does not fit below " + pos);
    }
    int saved = pos;
    pos = position;
    writeVarint(value);
    pos = saved;
  }

  private void ensure(int extra) {
    if (pos + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
    }
  }

  public void writeHeader(int version) {
    writeByte(V8Tags.VERSION);
    writeVarint(version);
  }

  public void writeByte(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  public void writeBytes(byte[] bytes, int off, int len) {
    ensure(len);
    System.arraycopy(bytes, off, buf, pos, len);
    pos += len;
  }

  /** Unsigned LEB128 of {@code value} (treated as unsigned 64-bit), minimal form. */
  public void writeVarint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[pos++] = (byte) value;
  }

  /** Number of bytes {@link #writeVarint} takes for {@code value}. */
  public static int varintSize(long value) {
    int n = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      n++;
    }
    return n;
  }

  public void writeZigZag32(int value) {
    writeVarint(Integer.toUnsignedLong((value << 1) ^ (value >> 31)));
  }

  /** Eight bytes of IEEE-754 binary64, little-endian, bits unchanged. */
  public void writeDouble(double value) {
    long bits = Double.doubleToRawLongBits(value);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (bits >>> (8 * i));
    }
  }

  /**
   * Writes a JS number the way V8 does for ordinary values: {@code I} for integral values in the
   * int32 range other than -0, {@code N} otherwise.
   */
  public void writeNumber(double value) {
    int i = (int) value;
    if (i == value && !(i == 0 && Double.doubleToRawLongBits(value) != 0)) {
      writeByte(V8Tags.INT32);
      writeZigZag32(i);
    } else {
      writeByte(V8Tags.DOUBLE);
      writeDouble(value);
    }
  }

  /**
   * Writes a string value with its tag: one-byte (Latin-1) when every UTF-16 code unit is at most
   * 0xFF, else two-byte, preceded by a padding byte when needed so that the UTF-16 payload starts at
   * an even offset, as V8 does.
   */
  public void writeString(String s) {
    int n = s.length();
    boolean oneByte = true;
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) > 0xFF) {
        oneByte = false;
        break;
      }
    }
    if (oneByte) {
      writeByte(V8Tags.ONE_BYTE_STRING);
      writeVarint(n);
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[pos++] = (byte) s.charAt(i);
      }
    } else {
      long byteLength = 2L * n;
      if (((pos + 1 + varintSize(byteLength)) & 1) != 0) {
        writeByte(V8Tags.PADDING);
      }
      writeByte(V8Tags.TWO_BYTE_STRING);
      writeVarint(byteLength);
      ensure(2 * n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        buf[pos++] = (byte) c;
        buf[pos++] = (byte) (c >>> 8);
      }
    }
  }

  /**
   * Writes the payload of a BigInt (without its tag): the bitfield varint and the magnitude as
   * little-endian whole 64-bit words.
   */
  public void writeBigIntPayload(BigInteger value) {
    int sign = value.signum() < 0 ? 1 : 0;
    BigInteger magnitude = value.abs();
    int words = (magnitude.bitLength() + 63) / 64;
    int byteLength = words * 8;
    writeVarint(((long) byteLength << 1) | sign);
    byte[] be = magnitude.toByteArray();
    ensure(byteLength);
    for (int i = 0; i < byteLength; i++) {
      int src = be.length - 1 - i;
      buf[pos++] = src >= 0 ? be[src] : 0;
    }
  }
}
