package dev.denokv.value;

/** A JS {@code Number} wrapper object ({@code new Number(…)}). */
public final class JsNumberObject implements JsObjectValue {

  private final double value;

  public JsNumberObject(double value) {
    this.value = value;
  }

  /** The wrapped primitive. */
  public double value() {
    return value;
  }

  @Override
  public String typeName() {
    return "NumberObject";
  }

  @Override
  public String toString() {
    return "[Number: " + JsNumbers.toJsString(value) + "]";
  }
}
