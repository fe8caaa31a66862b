package dev.denokv.value;

/** The JS {@code undefined} value. */
public record JsUndefined() implements JsPrimitive {

  /** The value. */
  public static final JsUndefined INSTANCE = new JsUndefined();

  @Override
  public String typeName() {
    return "undefined";
  }

  @Override
  public String toString() {
    return "undefined";
  }
}
