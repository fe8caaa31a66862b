package dev.denokv.value;

import org.jspecify.annotations.Nullable;

/** The error prototypes V8 serializes; every other error class is stored as {@link #ERROR}. */
public enum JsErrorType {
  ERROR(0, "Error"),
  EVAL_ERROR('E', "EvalError"),
  RANGE_ERROR('R', "RangeError"),
  REFERENCE_ERROR('F', "ReferenceError"),
  SYNTAX_ERROR('S', "SyntaxError"),
  TYPE_ERROR('T', "TypeError"),
  URI_ERROR('U', "URIError");

  private final byte tag;
  private final String jsName;

  JsErrorType(int tag, String jsName) {
    this.tag = (byte) tag;
    this.jsName = jsName;
  }

  /** The V8 prototype sub-tag, 0 for plain {@code Error} (which has none). */
  public byte tag() {
    return tag;
  }

  /** The JS constructor name. */
  public String jsName() {
    return jsName;
  }

  /** The type with this prototype sub-tag, or {@code null}. */
  public static @Nullable JsErrorType ofTag(byte tag) {
    for (JsErrorType t : values()) {
      if (t.tag == tag && tag != 0) {
        return t;
      }
    }
    return null;
  }

  /** The type V8 stores for an error whose {@code name} is {@code name}: unknown names give {@link #ERROR}. */
  public static JsErrorType ofName(String name) {
    for (JsErrorType t : values()) {
      if (t.jsName.equals(name)) {
        return t;
      }
    }
    return ERROR;
  }
}
