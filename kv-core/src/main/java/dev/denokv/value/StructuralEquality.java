package dev.denokv.value;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Implements {@link JsValues#structurallyEqual}: a bijection between the two object graphs. */
final class StructuralEquality {
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
      return Arrays.equals(o.data(), p.data()) && o.isResizable() == p.isResizable()
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
