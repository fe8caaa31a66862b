package dev.denokv.value;

import java.math.BigInteger;

/** A JS {@code BigInt} wrapper object ({@code Object(10n)}). */
public final class JsBigIntObject implements JsObjectValue {

  private final BigInteger value;

  public JsBigIntObject(BigInteger value) {
    this.value = value;
  }

  /** The wrapped primitive. */
  public BigInteger value() {
    return value;
  }

  @Override
  public String typeName() {
    return "BigIntObject";
  }

  @Override
  public String toString() {
    return "[BigInt: " + value + "n]";
  }
}
