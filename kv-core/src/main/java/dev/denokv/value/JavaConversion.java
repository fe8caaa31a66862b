package dev.denokv.value;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Implements {@link JsValue#toJava()}, keeping shared references shared. */
final class JavaConversion {

  private final IdentityHashMap<JsObjectValue, Object> seen = new IdentityHashMap<>();

  private JavaConversion() {}

  static @Nullable Object toJava(JsValue value) {
    return new JavaConversion().convert(value);
  }

  private @Nullable Object convert(JsValue value) {
    if (value instanceof JsUndefined || value instanceof JsNull) {
      return null;
    }
    if (value instanceof JsBoolean b) {
      return b.value();
    }
    if (value instanceof JsNumber n) {
      return n.value();
    }
    if (value instanceof JsBigInt b) {
      return b.value();
    }
    if (value instanceof JsString s) {
      return s.value();
    }
    JsObjectValue object = (JsObjectValue) value;
    Object known = seen.get(object);
    if (known != null) {
      return known;
    }
    if (object instanceof JsObject o) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      seen.put(o, out);
      o.entries().forEach(e -> out.put(e.getKey(), convert(e.getValue())));
      return out;
    }
    if (object instanceof JsArray a) {
      List<@Nullable Object> out = new ArrayList<>();
      seen.put(a, out);
      for (JsValue e : a.toList()) {
        out.add(convert(e));
      }
      return out;
    }
    if (object instanceof JsMap m) {
      Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
      seen.put(m, out);
      m.entries().forEach((k, v) -> out.put(convert(k), convert(v)));
      return out;
    }
    if (object instanceof JsSet s) {
      Set<@Nullable Object> out = new LinkedHashSet<>();
      seen.put(s, out);
      s.values().forEach(v -> out.add(convert(v)));
      return out;
    }
    if (object instanceof JsDate d) {
      return d.toInstant();
    }
    if (object instanceof JsArrayBuffer b) {
      return b.data().clone();
    }
    if (object instanceof JsArrayBufferView v) {
      return v.bytes();
    }
    if (object instanceof JsBooleanObject b) {
      return b.value();
    }
    if (object instanceof JsNumberObject n) {
      return n.value();
    }
    if (object instanceof JsBigIntObject b) {
      return b.value();
    }
    if (object instanceof JsStringObject s) {
      return s.value();
    }
    return object;
  }
}
