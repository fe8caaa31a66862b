package dev.denokv.value;

import dev.denokv.error.KvInvalidArgumentException;
import java.util.HexFormat;

/**
 * A JS {@code ArrayBuffer}: its bytes, and whether it is resizable (with a
 * {@code maxByteLength}) or immutable. The byte array is held, not copied: it is the buffer's live
 * contents, shared with every view on it.
 */
public final class JsArrayBuffer implements JsObjectValue {

  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final byte[] data;
  private final long maxByteLength;
  private final boolean immutable;

  private JsArrayBuffer(byte[] data, long maxByteLength, boolean immutable) {
    this.data = data;
    this.maxByteLength = maxByteLength;
    this.immutable = immutable;
  }

  /** A fixed-length buffer holding {@code data} (not copied). */
  public static JsArrayBuffer of(byte[] data) {
    return new JsArrayBuffer(data, -1, false);
  }

  /**
   * A resizable buffer ({@code new ArrayBuffer(n, {maxByteLength})}) holding {@code data};
   * {@code maxByteLength} must be at least the length and at most 2^53-1.
   */
  public static JsArrayBuffer resizable(byte[] data, long maxByteLength) {
    if (maxByteLength < data.length || maxByteLength > MAX_SAFE_INTEGER) {
      throw new KvInvalidArgumentException("Invalid maxByteLength " + maxByteLength
          + " for a buffer of " + data.length + " bytes");
    }
    return new JsArrayBuffer(data, maxByteLength, false);
  }

  /**
   * An immutable buffer holding {@code data}. Its V8 tag ({@code C}) is read by Deno 2.9.6 but not
   * by older V8 releases such as Node 20's.
   */
  public static JsArrayBuffer immutable(byte[] data) {
    return new JsArrayBuffer(data, -1, true);
  }

  /** The live contents. */
  public byte[] data() {
    return data;
  }

  public int byteLength() {
    return data.length;
  }

  public boolean isResizable() {
    return maxByteLength >= 0;
  }

  /** The maximum length of a resizable buffer; the byte length otherwise. */
  public long maxByteLength() {
    return isResizable() ? maxByteLength : data.length;
  }

  public boolean isImmutable() {
    return immutable;
  }

  @Override
  public String typeName() {
    return "ArrayBuffer";
  }

  @Override
  public String toString() {
    return "ArrayBuffer(" + HexFormat.of().formatHex(data) + ")";
  }
}
