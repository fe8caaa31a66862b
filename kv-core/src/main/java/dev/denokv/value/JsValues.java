package dev.denokv.value;

import dev.denokv.error.KvInvalidArgumentException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Conversion from plain Java data, structural comparison and printing of {@link JsValue}s. */
public final class JsValues {

  private JsValues() {}

  /**
   * The JS value for plain Java data: {@code null} → null; {@link JsValue} as is; {@link String},
   * {@link Character} → string; {@link Boolean} → boolean; {@link Integer}, {@link Short},
   * {@link Byte}, {@link Float}, {@link Double} and {@link Long} within ±(2^53-1) → number;
   * {@link BigInteger} → bigint; {@link Instant}, {@link Date} → Date; {@code byte[]} →
   * Uint8Array; {@link KvU64} → {@code {value: bigint}} (as Deno stores a nested KvU64); a
   * {@link Map} with only string keys → object, any other Map → Map; {@link Set} → Set; other
   * {@link Collection}s and object arrays → array. Shared and cyclic references stay shared.
   *
   * @throws KvInvalidArgumentException for any other type, or a long that a number cannot hold
   */
  public static JsValue fromJava(@Nullable Object value) {
    return new JavaToJs().convert(value);
  }

  /**
   * Whether two values are equal as JS data: primitives by value, objects by kind and content,
   * with the same sharing structure (a reference shared or cyclic in one is so in the other).
   * Array form, buffer flags and view flags count.
   */
  public static boolean structurallyEqual(JsValue a, JsValue b) {
    return new StructuralEquality().equal(a, b);
  }

  /** A readable, JS-like rendering of a value; cycles print as {@code [Circular]}. */
  public static String inspect(JsValue value) {
    StringBuilder sb = new StringBuilder();
    Inspector.append(sb, value, new IdentityHashMap<>());
    return sb.toString();
  }

  /** {@code s} as a double-quoted JS string literal. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
