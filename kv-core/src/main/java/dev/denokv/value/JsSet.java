package dev.denokv.value;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A JS {@code Set}: values in insertion order; primitives compared by value ({@code -0} stored as
 * {@code 0}), objects by identity.
 */
public final class JsSet implements JsObjectValue {

  private final LinkedHashSet<JsValue> values = new LinkedHashSet<>();

  public JsSet() {}

  /** A set of these values. */
  public static JsSet of(JsValue... values) {
    JsSet set = new JsSet();
    for (JsValue v : values) {
      set.add(v);
    }
    return set;
  }

  /** Adds a value. Returns this set. */
  public JsSet add(JsValue value) {
    values.add(JsMap.normalize(value));
    return this;
  }

  public boolean contains(JsValue value) {
    return values.contains(JsMap.normalize(value));
  }

  public boolean remove(JsValue value) {
    return values.remove(JsMap.normalize(value));
  }

  public int size() {
    return values.size();
  }

  /** The values in insertion order (read-only view). */
  public Set<JsValue> values() {
    return Collections.unmodifiableSet(values);
  }

  @Override
  public String typeName() {
    return "Set";
  }

  @Override
  public String toString() {
    return JsValues.inspect(this);
  }
}
