package dev.denokv.value;

import java.math.BigInteger;

/** A JS bigint primitive. */
public record JsBigInt(BigInteger value) implements JsPrimitive {

  public static JsBigInt of(long value) {
    return new JsBigInt(BigInteger.valueOf(value));
  }

  public static JsBigInt of(BigInteger value) {
    return new JsBigInt(value);
  }

  @Override
  public String typeName() {
    return "bigint";
  }

  @Override
  public String toString() {
    return value + "n";
  }
}
