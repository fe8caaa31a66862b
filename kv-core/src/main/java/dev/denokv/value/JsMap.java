package dev.denokv.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JS {@code Map}: entries in insertion order. Keys follow JS rules: primitives by value (with
 * {@code -0} stored as {@code 0}), objects by identity.
 */
public final class JsMap implements JsObjectValue {

  private final LinkedHashMap<JsValue, JsValue> entries = new LinkedHashMap<>();

  public JsMap() {}

  /** Sets an entry; an existing key keeps its position. Returns this map. */
  public JsMap put(JsValue key, JsValue value) {
    entries.put(normalize(key), value);
    return this;
  }

  public @Nullable JsValue get(JsValue key) {
    return entries.get(normalize(key));
  }

  public @Nullable JsValue remove(JsValue key) {
    return entries.remove(normalize(key));
  }

  public int size() {
    return entries.size();
  }

  /** The entries in insertion order (read-only view). */
  public Map<JsValue, JsValue> entries() {
    return Collections.unmodifiableMap(entries);
  }

  static JsValue normalize(JsValue key) {
    return key instanceof JsNumber n && n.value() == 0 ? new JsNumber(0) : key;
  }

  @Override
  public String typeName() {
    return "Map";
  }

  @Override
  public String toString() {
    return JsValues.inspect(this);
  }
}
