package dev.denokv.value;

import java.util.ArrayList;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A plain JS object: own enumerable string-keyed properties. As in JS, array-index keys
 * ({@code "0"}, {@code "42"}) are kept apart from other string keys and always come first in
 * ascending order; other keys keep their insertion order. This is exactly V8's key order, and the
 * V8 writer encodes index keys as numbers.
 */
public final class JsObject implements JsObjectValue {

  private final TreeMap<Long, JsValue> indexed = new TreeMap<>();
  private final LinkedHashMap<String, JsValue> named = new LinkedHashMap<>();

  /** An empty object. */
  public JsObject() {}

  /** An empty object. */
  public static JsObject create() {
    return new JsObject();
  }

  /** A builder that adds properties in order. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets property {@code key}; an existing key keeps its position. Returns this object. */
  public JsObject put(String key, JsValue value) {
    long index = JsNumbers.arrayIndex(key);
    if (index >= 0) {
      indexed.put(index, value);
    } else {
      named.put(key, value);
    }
    return this;
  }

  /** Sets the array-index property {@code index} (0 … 2^32-2). Returns this object. */
  public JsObject put(long index, JsValue value) {
    if (index < 0 || index > JsNumbers.MAX_ARRAY_INDEX) {
      return put(Long.toString(index), value);
    }
    indexed.put(index, value);
    return this;
  }

  /** The value of property {@code key}, or {@code null} when absent. */
  public @Nullable JsValue get(String key) {
    long index = JsNumbers.arrayIndex(key);
    return index >= 0 ? indexed.get(index) : named.get(key);
  }

  public boolean has(String key) {
    return get(key) != null;
  }

  /** Removes property {@code key}; returns its former value or {@code null}. */
  public @Nullable JsValue remove(String key) {
    long index = JsNumbers.arrayIndex(key);
    return index >= 0 ? indexed.remove(index) : named.remove(key);
  }

  /** The number of properties. */
  public int size() {
    return indexed.size() + named.size();
  }

  /** The keys in JS order ({@code Object.keys}). */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(size());
    indexed.keySet().forEach(i -> keys.add(Long.toString(i)));
    keys.addAll(named.keySet());
    return keys;
  }

  /** The properties in JS order, index keys as their decimal strings. */
  public List<Map.Entry<String, JsValue>> entries() {
    List<Map.Entry<String, JsValue>> entries = new ArrayList<>(size());
    indexed.forEach((i, v) -> entries.add(new SimpleImmutableEntry<>(Long.toString(i), v)));
    named.forEach((k, v) -> entries.add(new SimpleImmutableEntry<>(k, v)));
    return entries;
  }

  /** The array-index properties, ascending (read-only view). */
  public NavigableMap<Long, JsValue> indexedProperties() {
    return Collections.unmodifiableNavigableMap(indexed);
  }

  /** The other properties in insertion order (read-only view). */
  public Map<String, JsValue> namedProperties() {
    return Collections.unmodifiableMap(named);
  }

  @Override
  public String typeName() {
    return "Object";
  }

  @Override
  public String toString() {
    return JsValues.inspect(this);
  }

  /** Adds properties to a new {@link JsObject}. */
  public static final class Builder {
    private final JsObject object = new JsObject();

    private Builder() {}

    public Builder put(String key, JsValue value) {
      object.put(key, value);
      return this;
    }

    public Builder put(String key, String value) {
      return put(key, new JsString(value));
    }

    public Builder put(String key, double value) {
      return put(key, new JsNumber(value));
    }

    public Builder put(String key, boolean value) {
      return put(key, JsBoolean.of(value));
    }

    /** Adds a property converted with {@link JsValues#fromJava}. */
    public Builder putJava(String key, @Nullable Object value) {
      return put(key, JsValues.fromJava(value));
    }

    public JsObject build() {
      return object;
    }
  }
}
