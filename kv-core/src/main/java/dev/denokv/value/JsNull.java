package dev.denokv.value;

/** The JS {@code null} value. */
public record JsNull() implements JsPrimitive {

  /** The value. */
  public static final JsNull INSTANCE = new JsNull();

  @Override
  public String typeName() {
    return "null";
  }

  @Override
  public String toString() {
    return "null";
  }
}
