package dev.denokv.value.v8;

import dev.denokv.value.JsArray;
import dev.denokv.value.JsArrayBuffer;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsBigIntObject;
import dev.denokv.value.JsBoolean;
import dev.denokv.value.JsBooleanObject;
import dev.denokv.value.JsDate;
import dev.denokv.value.JsError;
import dev.denokv.value.JsHostObject;
import dev.denokv.value.JsMap;
import dev.denokv.value.JsNull;
import dev.denokv.value.JsNumber;
import dev.denokv.value.JsNumberObject;
import dev.denokv.value.JsObject;
import dev.denokv.value.JsObjectValue;
import dev.denokv.value.JsRegExp;
import dev.denokv.value.JsSet;
import dev.denokv.value.JsString;
import dev.denokv.value.JsStringObject;
import dev.denokv.value.JsUndefined;
import dev.denokv.value.JsValue;
import dev.denokv.value.JsViewKind;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Compares a {@link JsValue} with a value descriptor in the format of the Deno-generated test
 * vectors ({@code {"type": …}}, objects numbered by V8 object id, {@code ref} for repeats).
 * Mismatches fail with the path of the first difference.
 */
final class Descriptors {

  private final Map<Integer, JsObjectValue> byId = new HashMap<>();
  private final IdentityHashMap<JsObjectValue, Integer> idOf = new IdentityHashMap<>();

  private Descriptors() {}

  /** Fails unless {@code actual} matches the descriptor {@code expected}. */
  static void assertMatches(JsonNode expected, JsValue actual) {
    new Descriptors().match(expected, actual, "$");
  }

  private static AssertionError fail(String path, String problem) {
    return new AssertionError(path + ": " + problem);
  }

  private static void check(boolean ok, String path, String problem) {
    if (!ok) {
      throw fail(path, problem);
    }
  }

  private <T> T as(Class<T> type, JsValue actual, String path) {
    check(type.isInstance(actual), path, "expected a " + type.getSimpleName() + ", got " + actual.typeName() + " " + actual);
    return type.cast(actual);
  }

  private void match(JsonNode expected, JsValue actual, String path) {
    String type = expected.get("type").asString();
    switch (type) {
      case "undefined" -> as(JsUndefined.class, actual, path);
      case "null" -> as(JsNull.class, actual, path);
      case "boolean" -> check(as(JsBoolean.class, actual, path).value() == expected.get("value").asBoolean(), path, "boolean differs");
      case "number" -> matchNumber(expected.get("value"), as(JsNumber.class, actual, path).value(), path);
      case "bigint" -> check(as(JsBigInt.class, actual, path).value().toString().equals(expected.get("value").asString()), path, "bigint differs: " + actual);
      case "string" -> check(as(JsString.class, actual, path).value().equals(expected.get("value").asString()), path, "string differs: " + actual);
      case "ref" -> {
        JsObjectValue target = byId.get(expected.get("id").asInt());
        check(target != null && target == actual, path, "expected a reference to object " + expected.get("id") + ", got " + actual);
      }
      default -> matchObject(type, expected, as(JsObjectValue.class, actual, path), path);
    }
  }

  private static void matchNumber(JsonNode expected, double actual, String path) {
    double want = expected.isString() ? switch (expected.asString()) {
      case "-0" -> -0.0;
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> throw fail(path, "bad number descriptor " + expected);
    } : expected.asDouble();
    check(Double.compare(want, actual) == 0, path, "number " + actual + " != " + expected);
  }

  private void register(JsonNode expected, JsObjectValue actual, String path) {
    int id = expected.get("id").asInt();
    check(!byId.containsKey(id), path, "object id " + id + " seen twice");
    check(!idOf.containsKey(actual), path, "one object appears as ids " + idOf.get(actual) + " and " + id);
    byId.put(id, actual);
    idOf.put(actual, id);
  }

  private void matchObject(String type, JsonNode e, JsObjectValue actual, String path) {
    JsViewKind viewKind = JsViewKind.ofJsName(type);
    if (viewKind != null) {
      JsArrayBufferView view = as(JsArrayBufferView.class, actual, path);
      check(view.kind() == viewKind, path, "view kind " + view.kind() + " != " + type);
      match(e.get("buffer"), view.buffer(), path + ".buffer");
      register(e, actual, path);
      check(view.byteOffset() == e.get("byteOffset").asInt(), path, "byteOffset " + view.byteOffset());
      check(view.byteLength() == e.get("byteLength").asInt(), path, "byteLength " + view.byteLength());
      if (e.has("length")) {
        check(view.length() == e.get("length").asInt(), path, "length " + view.length());
      }
      return;
    }
    if (!type.equals("hostObject")) {
      register(e, actual, path);
    }
    switch (type) {
      case "Object" -> matchProperties(e.get("properties"), as(JsObject.class, actual, path).entries(), path);
      case "Array" -> matchArray(e, as(JsArray.class, actual, path), path);
      case "Date" -> matchNumber(e.get("value"), as(JsDate.class, actual, path).epochMillis(), path);
      case "RegExp" -> {
        JsRegExp r = as(JsRegExp.class, actual, path);
        check(r.source().equals(e.get("source").asString()) && r.flags().equals(e.get("flags").asString()), path, "RegExp " + r);
      }
      case "Map" -> {
        JsMap m = as(JsMap.class, actual, path);
        check(m.size() == e.get("entries").size(), path, "Map size " + m.size());
        int i = 0;
        for (Map.Entry<JsValue, JsValue> entry : m.entries().entrySet()) {
          JsonNode pair = e.get("entries").get(i);
          match(pair.get(0), entry.getKey(), path + ".key" + i);
          match(pair.get(1), entry.getValue(), path + ".value" + i);
          i++;
        }
      }
      case "Set" -> {
        JsSet s = as(JsSet.class, actual, path);
        check(s.size() == e.get("values").size(), path, "Set size " + s.size());
        int i = 0;
        for (JsValue v : s.values()) {
          match(e.get("values").get(i), v, path + "[" + i++ + "]");
        }
      }
      case "ArrayBuffer" -> {
        JsArrayBuffer b = as(JsArrayBuffer.class, actual, path);
        check(b.byteLength() == e.get("byteLength").asInt(), path, "byteLength " + b.byteLength());
        check(HexFormat.of().formatHex(b.data()).equals(e.get("hex").asString()), path, "bytes " + b);
        boolean resizable = e.has("resizable") && e.get("resizable").asBoolean();
        check(b.isResizable() == resizable, path, "resizable " + b.isResizable());
        if (resizable) {
          check(b.maxByteLength() == e.get("maxByteLength").asLong(), path, "maxByteLength " + b.maxByteLength());
        }
      }
      case "NumberObject" -> matchNumber(e.get("value"), as(JsNumberObject.class, actual, path).value(), path);
      case "StringObject" -> check(as(JsStringObject.class, actual, path).value().equals(e.get("value").asString()), path, "String object " + actual);
      case "BooleanObject" -> check(as(JsBooleanObject.class, actual, path).value() == e.get("value").asBoolean(), path, "Boolean object " + actual);
      case "BigIntObject" -> check(as(JsBigIntObject.class, actual, path).value().toString().equals(e.get("value").asString()), path, "BigInt object " + actual);
      case "Error" -> matchError(e, as(JsError.class, actual, path), path);
      case "hostObject" -> {
        JsHostObject h = as(JsHostObject.class, actual, path);
        register(e, actual, path);
        check(e.get("class").asString().equals(h.type()), path, "host object type " + h.type());
        match(e.get("metadata"), h.metadata(), path + ".metadata");
      }
      default -> throw fail(path, "unknown descriptor type " + type);
    }
  }

  private void matchProperties(JsonNode expected, List<Map.Entry<String, JsValue>> actual, String path) {
    check(expected.size() == actual.size(), path, "property count " + actual.size() + " != " + expected.size() + ": " + actual);
    Iterator<Map.Entry<String, JsValue>> it = actual.iterator();
    for (JsonNode pair : expected.values()) {
      Map.Entry<String, JsValue> entry = it.next();
      String key = pair.get(0).asString();
      check(entry.getKey().equals(key), path, "key " + entry.getKey() + " != " + key);
      match(pair.get(1), entry.getValue(), path + "." + key);
    }
  }

  private void matchArray(JsonNode e, JsArray a, String path) {
    check(a.length() == e.get("length").asLong(), path, "length " + a.length());
    if (e.has("elements")) {
      JsonNode elements = e.get("elements");
      check(elements.size() == a.length(), path, "descriptor lists " + elements.size() + " elements");
      for (int i = 0; i < elements.size(); i++) {
        JsonNode el = elements.get(i);
        if (el.get("type").asString().equals("hole")) {
          check(a.isHole(i), path + "[" + i + "]", "expected a hole, got " + a.element(i));
        } else {
          JsValue v = a.element(i);
          check(v != null, path + "[" + i + "]", "unexpected hole");
          match(el, v, path + "[" + i + "]");
        }
      }
    } else {
      JsonNode sparse = e.get("sparseElements");
      check(sparse.size() == a.elements().size(), path, "present element count " + a.elements().size());
      for (JsonNode pair : sparse.values()) {
        long index = pair.get(0).asLong();
        JsValue v = a.element(index);
        check(v != null, path + "[" + index + "]", "missing element");
        match(pair.get(1), v, path + "[" + index + "]");
      }
    }
    matchProperties(e.get("properties"), List.copyOf(a.properties().entrySet()), path);
  }

  private void matchError(JsonNode e, JsError err, String path) {
    check(err.name().equals(e.get("name").asString()), path, "error name " + err.name());
    if (e.has("prototype")) {
      check(err.type().jsName().equals(e.get("prototype").asString()), path, "error prototype " + err.type());
    }
    check(e.has("message") == (err.message() != null), path, "message presence: " + err.message());
    if (e.has("message")) {
      check(e.get("message").asString().equals(err.message()), path, "message " + err.message());
    }
    check(e.has("stack") == (err.stack() != null), path, "stack presence: " + err.stack());
    if (e.has("stack")) {
      check(e.get("stack").asString().equals(err.stack()), path, "stack " + err.stack());
    }
    check(e.has("cause") == err.hasCause(), path, "cause presence");
    JsValue cause = err.cause();
    if (cause != null) {
      match(e.get("cause"), cause, path + ".cause");
    }
  }
}
