package dev.denokv.value;

import dev.denokv.error.KvInvalidArgumentException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Conversion from plain Java data, structural comparison and printing of {@link JsValue}s. */
public final class JsValues {

  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

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
    return new FromJava().convert(value);
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

  private static final class FromJava {
    private final IdentityHashMap<Object, JsValue> seen = new IdentityHashMap<>();

    JsValue convert(@Nullable Object value) {
      if (value == null) {
        return JsNull.INSTANCE;
      }
      if (value instanceof JsValue v) {
        return v;
      }
      if (value instanceof String s) {
        return new JsString(s);
      }
      if (value instanceof Character c) {
        return new JsString(c.toString());
      }
      if (value instanceof Boolean b) {
        return JsBoolean.of(b);
      }
      if (value instanceof Integer || value instanceof Short || value instanceof Byte
          || value instanceof Double || value instanceof Float) {
        return new JsNumber(((Number) value).doubleValue());
      }
      if (value instanceof Long l) {
        if (Math.abs(l) > MAX_SAFE_INTEGER) {
          throw new KvInvalidArgumentException(
              "The long " + l + " is not a safe JS number; use a BigInteger for a bigint");
        }
        return new JsNumber(l);
      }
      if (value instanceof BigInteger b) {
        return new JsBigInt(b);
      }
      if (value instanceof Instant i) {
        return JsDate.of(i);
      }
      if (value instanceof Date d) {
        return new JsDate(d.getTime());
      }
      if (value instanceof KvU64 u) {
        return JsObject.builder().put("value", new JsBigInt(u.value())).build();
      }
      if (value instanceof byte[] bytes) {
        return JsArrayBufferView.uint8Array(bytes.clone());
      }
      JsValue known = seen.get(value);
      if (known != null) {
        return known;
      }
      if (value instanceof Map<?, ?> map) {
        return convertMap(map);
      }
      if (value instanceof Set<?> set) {
        JsSet out = new JsSet();
        seen.put(value, out);
        set.forEach(e -> out.add(convert(e)));
        return out;
      }
      if (value instanceof Collection<?> list) {
        JsArray out = new JsArray();
        seen.put(value, out);
        list.forEach(e -> out.add(convert(e)));
        return out;
      }
      if (value instanceof Object[] array) {
        JsArray out = new JsArray();
        seen.put(value, out);
        for (Object e : array) {
          out.add(convert(e));
        }
        return out;
      }
      throw new KvInvalidArgumentException(
          "Cannot convert a " + value.getClass().getName() + " to a JS value");
    }

    private JsValue convertMap(Map<?, ?> map) {
      boolean stringKeys = map.keySet().stream().allMatch(k -> k instanceof String);
      if (stringKeys) {
        JsObject out = new JsObject();
        seen.put(map, out);
        map.forEach((k, v) -> out.put((String) k, convert(v)));
        return out;
      }
      JsMap out = new JsMap();
      seen.put(map, out);
      map.forEach((k, v) -> out.put(convert(k), convert(v)));
      return out;
    }
  }

  private static final class StructuralEquality {
    private final IdentityHashMap<JsObjectValue, JsObjectValue> forward = new IdentityHashMap<>();
    private final IdentityHashMap<JsObjectValue, JsObjectValue> backward = new IdentityHashMap<>();

    boolean equal(@Nullable JsValue a, @Nullable JsValue b) {
      if (a == null || b == null) {
        return a == b;
      }
      if (a instanceof JsPrimitive || b instanceof JsPrimitive) {
        return a.equals(b);
      }
      JsObjectValue x = (JsObjectValue) a;
      JsObjectValue y = (JsObjectValue) b;
      if (x.getClass() != y.getClass()) {
        return false;
      }
      JsObjectValue mapped = forward.get(x);
      if (mapped != null || backward.containsKey(y)) {
        return mapped == y;
      }
      forward.put(x, y);
      backward.put(y, x);
      return contentEqual(x, y);
    }

    private boolean contentEqual(JsObjectValue x, JsObjectValue y) {
      if (x instanceof JsObject o) {
        JsObject p = (JsObject) y;
        return mapsEqual(o.indexedProperties(), p.indexedProperties())
            && mapsEqual(o.namedProperties(), p.namedProperties());
      }
      if (x instanceof JsArray o) {
        JsArray p = (JsArray) y;
        return o.length() == p.length() && o.form() == p.form()
            && mapsEqual(o.elements(), p.elements()) && mapsEqual(o.properties(), p.properties());
      }
      if (x instanceof JsDate o) {
        return Double.compare(o.epochMillis(), ((JsDate) y).epochMillis()) == 0;
      }
      if (x instanceof JsRegExp o) {
        JsRegExp p = (JsRegExp) y;
        return o.source().equals(p.source()) && o.flagBits() == p.flagBits();
      }
      if (x instanceof JsMap o) {
        JsMap p = (JsMap) y;
        return o.size() == p.size() && entriesEqual(o.entries(), p.entries());
      }
      if (x instanceof JsSet o) {
        JsSet p = (JsSet) y;
        if (o.size() != p.size()) {
          return false;
        }
        Iterator<JsValue> it = p.values().iterator();
        for (JsValue v : o.values()) {
          if (!equal(v, it.next())) {
            return false;
          }
        }
        return true;
      }
      if (x instanceof JsArrayBuffer o) {
        JsArrayBuffer p = (JsArrayBuffer) y;
        return java.util.Arrays.equals(o.data(), p.data()) && o.isResizable() == p.isResizable()
            && o.maxByteLength() == p.maxByteLength() && o.isImmutable() == p.isImmutable();
      }
      if (x instanceof JsArrayBufferView o) {
        JsArrayBufferView p = (JsArrayBufferView) y;
        return o.kind() == p.kind() && o.byteOffset() == p.byteOffset()
            && o.byteLength() == p.byteLength() && o.isLengthTracking() == p.isLengthTracking()
            && equal(o.buffer(), p.buffer());
      }
      if (x instanceof JsBooleanObject o) {
        return o.value() == ((JsBooleanObject) y).value();
      }
      if (x instanceof JsNumberObject o) {
        return Double.compare(o.value(), ((JsNumberObject) y).value()) == 0;
      }
      if (x instanceof JsBigIntObject o) {
        return o.value().equals(((JsBigIntObject) y).value());
      }
      if (x instanceof JsStringObject o) {
        return o.value().equals(((JsStringObject) y).value());
      }
      if (x instanceof JsError o) {
        JsError p = (JsError) y;
        return o.type() == p.type() && Objects.equals(o.message(), p.message())
            && Objects.equals(o.stack(), p.stack()) && equal(o.cause(), p.cause());
      }
      JsHostObject o = (JsHostObject) x;
      return equal(o.metadata(), ((JsHostObject) y).metadata());
    }

    private <K> boolean mapsEqual(Map<K, JsValue> a, Map<K, JsValue> b) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<K, JsValue>> it = b.entrySet().iterator();
      for (Map.Entry<K, JsValue> e : a.entrySet()) {
        Map.Entry<K, JsValue> f = it.next();
        if (!e.getKey().equals(f.getKey()) || !equal(e.getValue(), f.getValue())) {
          return false;
        }
      }
      return true;
    }

    private boolean entriesEqual(Map<JsValue, JsValue> a, Map<JsValue, JsValue> b) {
      Iterator<Map.Entry<JsValue, JsValue>> it = b.entrySet().iterator();
      for (Map.Entry<JsValue, JsValue> e : a.entrySet()) {
        Map.Entry<JsValue, JsValue> f = it.next();
        if (!equal(e.getKey(), f.getKey()) || !equal(e.getValue(), f.getValue())) {
          return false;
        }
      }
      return true;
    }
  }

  private static final class Inspector {
    static void append(StringBuilder sb, JsValue v, IdentityHashMap<JsValue, Boolean> path) {
      if (!(v instanceof JsObject || v instanceof JsArray || v instanceof JsMap || v instanceof JsSet)) {
        sb.append(v);
        return;
      }
      if (path.put(v, Boolean.TRUE) != null) {
        sb.append("[Circular]");
        return;
      }
      if (v instanceof JsObject o) {
        sb.append('{');
        appendEntries(sb, o.entries(), path);
        sb.append('}');
      } else if (v instanceof JsArray a) {
        sb.append('[');
        String sep = "";
        long previous = -1;
        for (Map.Entry<Long, JsValue> e : a.elements().entrySet()) {
          sb.append(sep);
          if (e.getKey() > previous + 1) {
            sb.append("<").append(e.getKey() - previous - 1).append(" empty>, ");
          }
          append(sb, e.getValue(), path);
          previous = e.getKey();
          sep = ", ";
        }
        if (a.length() > previous + 1) {
          sb.append(sep).append("<").append(a.length() - previous - 1).append(" empty>");
          sep = ", ";
        }
        if (!a.properties().isEmpty()) {
          sb.append(sep);
          appendEntries(sb, List.copyOf(a.properties().entrySet()), path);
        }
        sb.append(']');
      } else if (v instanceof JsMap m) {
        sb.append("Map{");
        String sep = "";
        for (Map.Entry<JsValue, JsValue> e : m.entries().entrySet()) {
          sb.append(sep);
          append(sb, e.getKey(), path);
          sb.append(" => ");
          append(sb, e.getValue(), path);
          sep = ", ";
        }
        sb.append('}');
      } else {
        sb.append("Set{");
        String sep = "";
        for (JsValue e : ((JsSet) v).values()) {
          sb.append(sep);
          append(sb, e, path);
          sep = ", ";
        }
        sb.append('}');
      }
      path.remove(v);
    }

    private static void appendEntries(StringBuilder sb, List<Map.Entry<String, JsValue>> entries, IdentityHashMap<JsValue, Boolean> path) {
      String sep = "";
      for (Map.Entry<String, JsValue> e : entries) {
        sb.append(sep).append(quote(e.getKey())).append(": ");
        append(sb, e.getValue(), path);
        sep = ", ";
      }
    }
  }
}
