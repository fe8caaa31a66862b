package dev.denokv.value;

/** A JS {@code String} wrapper object ({@code new String(…)}). */
public final class JsStringObject implements JsObjectValue {

  private final String value;

  public JsStringObject(String value) {
    this.value = value;
  }

  /** The wrapped primitive. */
  public String value() {
    return value;
  }

  @Override
  public String typeName() {
    return "StringObject";
  }

  @Override
  public String toString() {
    return "[String: " + JsValues.quote(value) + "]";
  }
}
