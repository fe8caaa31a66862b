package dev.denokv.value;

import dev.denokv.error.KvInvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A JS array: a length, the present elements (absent indices below the length are holes), extra
 * named properties, and the {@link Form} V8 writes it in. Like V8's elements kinds, an array
 * becomes {@link Form#SPARSE} ("holey") as soon as a hole is made and stays so.
 */
public final class JsArray implements JsObjectValue {

  /** The largest array length, 2^32 - 1. */
  public static final long MAX_LENGTH = 0xFFFF_FFFFL;

  /** The two V8 array encodings. */
  public enum Form {
    /** {@code A}: every slot written in order (a hole as the hole tag). */
    DENSE,
    /** {@code a}: only present elements, as index/value pairs. */
    SPARSE
  }

  private final TreeMap<Long, JsValue> elements = new TreeMap<>();
  private final LinkedHashMap<String, JsValue> named = new LinkedHashMap<>();
  private long length;
  private Form form = Form.DENSE;

  /** An empty dense array. */
  public JsArray() {}

  /** A dense array of these elements. */
  public static JsArray of(JsValue... values) {
    return of(List.of(values));
  }

  /** A dense array of these elements. */
  public static JsArray of(List<? extends JsValue> values) {
    JsArray array = new JsArray();
    values.forEach(array::add);
    return array;
  }

  /** {@code new Array(length)}: a sparse array of holes. */
  public static JsArray withLength(long length) {
    JsArray array = new JsArray();
    array.setLength(length);
    return array;
  }

  public long length() {
    return length;
  }

  /** Sets the length: shrinking drops elements, growing adds holes (making the array sparse). */
  public JsArray setLength(long newLength) {
    if (newLength < 0 || newLength > MAX_LENGTH) {
      throw new KvInvalidArgumentException("Invalid array length: " + newLength);
    }
    if (newLength > length) {
      form = Form.SPARSE;
    } else {
      elements.tailMap(newLength, true).clear();
    }
    length = newLength;
    return this;
  }

  public Form form() {
    return form;
  }

  /** Chooses the V8 encoding explicitly (a dense array writes its holes as hole tags). */
  public JsArray setForm(Form form) {
    this.form = form;
    return this;
  }

  /** The element at {@code index}, or {@code undefined} for a hole or an index past the end. */
  public JsValue get(long index) {
    JsValue v = elements.get(index);
    return v != null ? v : JsUndefined.INSTANCE;
  }

  /** The element at {@code index}, or {@code null} for a hole or an index past the end. */
  public @Nullable JsValue element(long index) {
    return elements.get(index);
  }

  /** Whether {@code index} is below the length and has no element. */
  public boolean isHole(long index) {
    return index >= 0 && index < length && !elements.containsKey(index);
  }

  /** Whether any index below the length is a hole. */
  public boolean hasHoles() {
    return elements.size() < length;
  }

  /** Sets element {@code index} (0 … 2^32-2), growing the length (and leaving holes) if needed. */
  public JsArray set(long index, JsValue value) {
    if (index < 0 || index > JsNumbers.MAX_ARRAY_INDEX) {
      throw new KvInvalidArgumentException("Invalid array index: " + index);
    }
    if (index > length) {
      setLength(index + 1);
    } else if (index == length) {
      length++;
    }
    elements.put(index, value);
    return this;
  }

  /** Appends an element ({@code push}). */
  public JsArray add(JsValue value) {
    if (length >= MAX_LENGTH) {
      throw new KvInvalidArgumentException("Invalid array length: " + (length + 1));
    }
    elements.put(length, value);
    length++;
    return this;
  }

  /** Removes element {@code index}, leaving a hole ({@code delete a[i]}); the array becomes sparse. */
  public JsArray delete(long index) {
    if (elements.remove(index) != null) {
      form = Form.SPARSE;
    }
    return this;
  }

  /** The present elements by index, ascending (read-only view). */
  public NavigableMap<Long, JsValue> elements() {
    return Collections.unmodifiableNavigableMap(elements);
  }

  /** All slots as a list, holes as {@code undefined}. */
  public List<JsValue> toList() {
    if (length > Integer.MAX_VALUE - 8) {
      throw new KvInvalidArgumentException("Array too long for a list: " + length);
    }
    List<JsValue> list = new ArrayList<>((int) length);
    for (long i = 0; i < length; i++) {
      list.add(get(i));
    }
    return list;
  }

  /** A named (non-index) property, or {@code null}. An index key reads the element. */
  public @Nullable JsValue property(String key) {
    long index = JsNumbers.arrayIndex(key);
    return index >= 0 ? elements.get(index) : named.get(key);
  }

  /** Sets a property; an index key sets the element. Returns this array. */
  public JsArray putProperty(String key, JsValue value) {
    long index = JsNumbers.arrayIndex(key);
    if (index >= 0) {
      return set(index, value);
    }
    if (key.equals("length")) {
      throw new KvInvalidArgumentException("Use setLength to change an array's length");
    }
    named.put(key, value);
    return this;
  }

  /** Removes a named property; returns its former value or {@code null}. */
  public @Nullable JsValue removeProperty(String key) {
    return named.remove(key);
  }

  /** The named (non-index) properties in insertion order (read-only view). */
  public Map<String, JsValue> properties() {
    return Collections.unmodifiableMap(named);
  }

  @Override
  public String typeName() {
    return "Array";
  }

  @Override
  public String toString() {
    return JsValues.inspect(this);
  }
}
