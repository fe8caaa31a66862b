package dev.denokv.value;

import org.jspecify.annotations.Nullable;

/**
 * A JavaScript value as Deno KV stores it: a {@link JsPrimitive} (compared by value) or a
 * {@link JsObjectValue} (an object with identity, so shared references and cycles are kept).
 */
public sealed interface JsValue permits JsPrimitive, JsObjectValue {

  /**
   * This value as plain Java data: {@code null} for undefined and null, {@link Boolean},
   * {@link Double}, {@link java.math.BigInteger}, {@link String}, {@link java.util.Map} for objects
   * and Maps, {@link java.util.List} for arrays (holes as {@code null}), {@link java.util.Set},
   * {@link java.time.Instant} for valid dates, {@code byte[]} for buffers and views, the wrapped
   * primitive for wrapper objects; values without a Java counterpart (RegExp, Error, host object,
   * invalid Date as {@code null}) are returned as themselves. Shared references stay shared.
   */
  default @Nullable Object toJava() {
    return JavaConversion.toJava(this);
  }

  /** The JS {@code typeof}-like name of this value's kind, e.g. {@code "number"}, {@code "Map"}. */
  String typeName();
}
