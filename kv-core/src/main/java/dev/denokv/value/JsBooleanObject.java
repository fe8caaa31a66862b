package dev.denokv.value;

/** A JS {@code Boolean} wrapper object ({@code new Boolean(…)}). */
public final class JsBooleanObject implements JsObjectValue {

  private final boolean value;

  public JsBooleanObject(boolean value) {
    this.value = value;
  }

  /** The wrapped primitive. */
  public boolean value() {
    return value;
  }

  @Override
  public String typeName() {
    return "BooleanObject";
  }

  @Override
  public String toString() {
    return "[Boolean: " + Boolean.toString(value) + "]";
  }
}
