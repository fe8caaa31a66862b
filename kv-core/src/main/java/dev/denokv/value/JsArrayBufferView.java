package dev.denokv.value;

import dev.denokv.error.KvInvalidArgumentException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A typed array or {@code DataView} on a {@link JsArrayBuffer}: kind, buffer, byte offset and
 * byte length. A length-tracking view (only on a resizable buffer) always spans from its offset to
 * the end of the buffer.
 */
public final class JsArrayBufferView implements JsObjectValue {

  private final JsViewKind kind;
  private final JsArrayBuffer buffer;
  private final int byteOffset;
  private final int byteLength;
  private final boolean lengthTracking;

  private JsArrayBufferView(JsViewKind kind, JsArrayBuffer buffer, long byteOffset, long byteLength, boolean lengthTracking) {
    String problem = problem(kind, buffer, byteOffset, byteLength, lengthTracking);
    if (problem != null) {
      throw new KvInvalidArgumentException(problem);
    }
    this.kind = kind;
    this.buffer = buffer;
    this.byteOffset = (int) byteOffset;
    this.byteLength = (int) byteLength;
    this.lengthTracking = lengthTracking;
  }

  /** A view of {@code byteLength} bytes from {@code byteOffset}. */
  public static JsArrayBufferView of(JsViewKind kind, JsArrayBuffer buffer, long byteOffset, long byteLength) {
    return new JsArrayBufferView(kind, buffer, byteOffset, byteLength, false);
  }

  /** A view of the whole buffer. */
  public static JsArrayBufferView of(JsViewKind kind, JsArrayBuffer buffer) {
    return of(kind, buffer, 0, buffer.byteLength());
  }

  /** A length-tracking view from {@code byteOffset} on a resizable buffer. */
  public static JsArrayBufferView lengthTracking(JsViewKind kind, JsArrayBuffer buffer, long byteOffset) {
    return new JsArrayBufferView(kind, buffer, byteOffset, buffer.byteLength() - byteOffset, true);
  }

  /** A {@code Uint8Array} on a new buffer holding {@code bytes} (not copied). */
  public static JsArrayBufferView uint8Array(byte[] bytes) {
    return of(JsViewKind.UINT8_ARRAY, JsArrayBuffer.of(bytes));
  }

  /**
   * Why these view parameters are invalid (as V8 judges them when reading), or {@code null} when
   * they are valid.
   */
  public static @Nullable String problem(JsViewKind kind, JsArrayBuffer buffer, long byteOffset, long byteLength, boolean lengthTracking) {
    if (byteOffset < 0 || byteLength < 0 || byteOffset > buffer.byteLength() || byteLength > buffer.byteLength() - byteOffset) {
      return "view (offset " + byteOffset + ", length " + byteLength + ") is outside its buffer of "
          + buffer.byteLength() + " bytes";
    }
    int size = kind.elementSize();
    if (byteOffset % size != 0 || (!lengthTracking && byteLength % size != 0)) {
      return kind.jsName() + " offset " + byteOffset + " and length " + byteLength
          + " must be multiples of " + size;
    }
    if (lengthTracking && !buffer.isResizable()) {
      return "a length-tracking view needs a resizable buffer";
    }
    return null;
  }

  public JsViewKind kind() {
    return kind;
  }

  public JsArrayBuffer buffer() {
    return buffer;
  }

  public int byteOffset() {
    return byteOffset;
  }

  /** The byte length (for a length-tracking view, from the offset to the buffer's end). */
  public int byteLength() {
    return lengthTracking ? Math.max(0, buffer.byteLength() - byteOffset) : byteLength;
  }

  /** The number of elements (bytes for a DataView). */
  public int length() {
    return byteLength() / kind.elementSize();
  }

  public boolean isLengthTracking() {
    return lengthTracking;
  }

  /** A copy of the bytes this view covers. */
  public byte[] bytes() {
    return Arrays.copyOfRange(buffer.data(), byteOffset, byteOffset + byteLength());
  }

  @Override
  public String typeName() {
    return kind.jsName();
  }

  @Override
  public String toString() {
    return kind.jsName() + "(offset " + byteOffset + ", length " + byteLength() + " bytes of " + buffer + ")";
  }
}
