package dev.denokv.value;

import org.jspecify.annotations.Nullable;

/** The kinds of {@code ArrayBufferView}: every typed array, and {@code DataView}. */
public enum JsViewKind {
  INT8_ARRAY('b', 1, "Int8Array"),
  UINT8_ARRAY('B', 1, "Uint8Array"),
  UINT8_CLAMPED_ARRAY('C', 1, "Uint8ClampedArray"),
  INT16_ARRAY('w', 2, "Int16Array"),
  UINT16_ARRAY('W', 2, "Uint16Array"),
  INT32_ARRAY('d', 4, "Int32Array"),
  UINT32_ARRAY('D', 4, "Uint32Array"),
  FLOAT16_ARRAY('h', 2, "Float16Array"),
  FLOAT32_ARRAY('f', 4, "Float32Array"),
  FLOAT64_ARRAY('F', 8, "Float64Array"),
  BIGINT64_ARRAY('q', 8, "BigInt64Array"),
  BIGUINT64_ARRAY('Q', 8, "BigUint64Array"),
  DATA_VIEW('?', 1, "DataView");

  private final byte tag;
  private final int elementSize;
  private final String jsName;

  JsViewKind(char tag, int elementSize, String jsName) {
    this.tag = (byte) tag;
    this.elementSize = elementSize;
    this.jsName = jsName;
  }

  /** The V8 sub-tag byte. */
  public byte tag() {
    return tag;
  }

  /** Bytes per element (1 for DataView). */
  public int elementSize() {
    return elementSize;
  }

  /** The JS constructor name. */
  public String jsName() {
    return jsName;
  }

  public boolean isTypedArray() {
    return this != DATA_VIEW;
  }

  /** The kind with V8 sub-tag {@code tag}, or {@code null}. */
  public static @Nullable JsViewKind ofTag(byte tag) {
    for (JsViewKind k : values()) {
      if (k.tag == tag) {
        return k;
      }
    }
    return null;
  }

  /** The kind with JS constructor name {@code jsName}, or {@code null}. */
  public static @Nullable JsViewKind ofJsName(String jsName) {
    for (JsViewKind k : values()) {
      if (k.jsName.equals(jsName)) {
        return k;
      }
    }
    return null;
  }
}
