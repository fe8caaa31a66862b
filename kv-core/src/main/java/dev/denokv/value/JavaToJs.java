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

/** Implements {@link JsValues#fromJava}, keeping shared and cyclic references shared. */
final class JavaToJs {

  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
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
