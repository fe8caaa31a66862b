package dev.denokv.value;

/**
 * A JS number (IEEE-754 double). Equality follows {@link Double#compare}: {@code NaN} equals
 * {@code NaN} and {@code -0} differs from {@code 0}, so the value is kept exactly.
 */
public record JsNumber(double value) implements JsPrimitive {

  public static JsNumber of(double value) {
    return new JsNumber(value);
  }

  /** Whether this is an integer in the int32 range other than -0 (V8 writes those as int32). */
  public boolean isInt32() {
    return JsNumbers.isInt32(value);
  }

  @Override
  public String typeName() {
    return "number";
  }

  /** The value as JS prints it ({@code Number.prototype.toString()}). */
  @Override
  public String toString() {
    return JsNumbers.toJsString(value);
  }
}
