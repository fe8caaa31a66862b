package dev.denokv.value;

/** A JS boolean primitive. */
public record JsBoolean(boolean value) implements JsPrimitive {

  public static final JsBoolean TRUE = new JsBoolean(true);
  public static final JsBoolean FALSE = new JsBoolean(false);

  /** The shared instance for {@code value}. */
  public static JsBoolean of(boolean value) {
    return value ? TRUE : FALSE;
  }

  @Override
  public String typeName() {
    return "boolean";
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
