package dev.denokv.cli.json;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.value.JsArray;
import dev.denokv.value.JsArrayBuffer;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsBoolean;
import dev.denokv.value.JsDate;
import dev.denokv.value.JsError;
import dev.denokv.value.JsErrorType;
import dev.denokv.value.JsMap;
import dev.denokv.value.JsNull;
import dev.denokv.value.JsNumber;
import dev.denokv.value.JsObject;
import dev.denokv.value.JsRegExp;
import dev.denokv.value.JsSet;
import dev.denokv.value.JsString;
import dev.denokv.value.JsUndefined;
import dev.denokv.value.JsValue;
import dev.denokv.value.JsViewKind;
import dev.denokv.value.KvU64;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON form of {@code @deno/kv-utils} that {@link KvJsonWriter} writes, as that library's
 * import does: typed arrays and {@code DataView}s span their whole decoded buffer, a Date is
 * parsed from its ISO string, a RegExp from {@code /source/flags}. A {@code KvU64} inside another
 * value becomes the plain object holding a bigint that Deno stores for it. Malformed input raises
 * {@link KvInvalidArgumentException} naming the problem.
 */
public final class KvJsonReader {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private KvJsonReader() {}

  /** An entry read from one line of an export; the versionstamp is empty when the line has none. */
  public record Entry(KvKey key, Object value, String versionstamp) {}

  /** Parses one export line. */
  public static Entry entry(String line) {
    JsonNode node = parse(line);
    if (!node.isObject() || !node.has("key") || !node.has("value")) {
      throw new KvInvalidArgumentException("an entry is an object with \"key\" and \"value\"");
    }
    JsonNode versionstamp = node.path("versionstamp");
    return new Entry(key(node.get("key")), topValue(node.get("value")),
        versionstamp.isString() ? versionstamp.stringValue() : "");
  }

  /** Parses a key written as an array of typed parts. */
  public static KvKey key(String text) {
    return key(parse(text));
  }

  /** Parses a value ({@link JsValue}, or {@link KvU64} at the top level). */
  public static Object value(String text) {
    return topValue(parse(text));
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new KvInvalidArgumentException("bad JSON: " + e.getOriginalMessage());
    }
  }

  private static KvKey key(JsonNode node) {
    if (!node.isArray()) {
      throw new KvInvalidArgumentException("a key is an array of key parts");
    }
    List<Object> parts = new ArrayList<>();
    for (JsonNode part : node) {
      String type = type(part);
      JsonNode value = part.path("value");
      parts.add(switch (type) {
        case "string" -> text(value, type);
        case "number" -> number(value);
        case "bigint" -> bigint(value);
        case "boolean" -> bool(value);
        case "Uint8Array" -> Base64Url.decode(text(value, type));
        default -> throw new KvInvalidArgumentException("Unexpected key part type: \"" + type + "\"");
      });
    }
    return KvKey.of(parts);
  }

  private static Object topValue(JsonNode node) {
    if ("KvU64".equals(type(node))) {
      return u64(node);
    }
    return value(node);
  }

  private static KvU64 u64(JsonNode node) {
    try {
      return KvU64.of(new BigInteger(text(node.path("value"), "KvU64")));
    } catch (RuntimeException e) {
      throw new KvInvalidArgumentException("a KvU64 value is a decimal string from 0 to 2^64-1");
    }
  }

  private static JsValue value(JsonNode node) {
    String type = type(node);
    JsonNode value = node.path("value");
    JsViewKind view = JsViewKind.ofJsName(type);
    if (view != null) {
      return JsArrayBufferView.of(view, JsArrayBuffer.of(Base64Url.decode(text(value, type))));
    }
    return switch (type) {
      case "string" -> JsString.of(text(value, type));
      case "number" -> JsNumber.of(number(value));
      case "bigint" -> JsBigInt.of(bigint(value));
      case "boolean" -> JsBoolean.of(bool(value));
      case "null" -> JsNull.INSTANCE;
      case "undefined" -> JsUndefined.INSTANCE;
      case "Array" -> array(value);
      case "object" -> object(value);
      case "Map" -> map(value);
      case "Set" -> set(value);
      case "ArrayBuffer" -> JsArrayBuffer.of(Base64Url.decode(text(value, type)));
      case "Date" -> new JsDate(value.isNull() ? Double.NaN : IsoDates.parse(text(value, type)));
      case "RegExp" -> regExp(text(value, type));
      case "KvU64" -> JsObject.create().put("value", JsBigInt.of(u64(node).value()));
      case "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError" ->
          error(JsErrorType.ofName(type), value);
      default -> throw new KvInvalidArgumentException("Unexpected value type: \"" + type + "\"");
    };
  }

  private static JsArray array(JsonNode value) {
    requireArray(value, "Array");
    JsArray array = new JsArray();
    long i = 0;
    for (JsonNode element : value) {
      if (!element.isNull()) {
        array.set(i, value(element));
      }
      i++;
    }
    array.setLength(i);
    return array;
  }

  private static JsObject object(JsonNode value) {
    if (!value.isObject()) {
      throw new KvInvalidArgumentException("an object's \"value\" is a JSON object");
    }
    JsObject object = JsObject.create();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      object.put(e.getKey(), value(e.getValue()));
    }
    return object;
  }

  private static JsMap map(JsonNode value) {
    requireArray(value, "Map");
    JsMap map = new JsMap();
    for (JsonNode pair : value) {
      if (!pair.isArray() || pair.size() != 2) {
        throw new KvInvalidArgumentException("a Map's \"value\" is an array of [key, value] pairs");
      }
      map.put(value(pair.get(0)), value(pair.get(1)));
    }
    return map;
  }

  private static JsSet set(JsonNode value) {
    requireArray(value, "Set");
    JsSet set = new JsSet();
    for (JsonNode element : value) {
      set.add(value(element));
    }
    return set;
  }

  private static JsRegExp regExp(String text) {
    int last = text.lastIndexOf('/');
    if (!text.startsWith("/") || last <= 0) {
      throw new KvInvalidArgumentException("a RegExp is written /source/flags");
    }
    try {
      return new JsRegExp(text.substring(1, last), text.substring(last + 1));
    } catch (RuntimeException e) {
      throw new KvInvalidArgumentException("bad RegExp " + text + ": " + e.getMessage());
    }
  }

  private static JsError error(JsErrorType type, JsonNode value) {
    JsError error = new JsError(type, value.path("message").isString() ? value.path("message").stringValue() : "");
    if (value.has("cause")) {
      error.setCause(value(value.get("cause")));
    }
    if (value.path("stack").isString()) {
      error.setStack(value.path("stack").stringValue());
    }
    return error;
  }

  private static String type(JsonNode node) {
    JsonNode type = node.path("type");
    if (!node.isObject() || !type.isString()) {
      throw new KvInvalidArgumentException("expected an object with a \"type\", got " + node);
    }
    return type.stringValue();
  }

  private static void requireArray(JsonNode value, String type) {
    if (!value.isArray()) {
      throw new KvInvalidArgumentException("a " + type + "'s \"value\" is an array");
    }
  }

  private static String text(JsonNode value, String type) {
    if (!value.isString()) {
      throw new KvInvalidArgumentException("a " + type + "'s \"value\" is a string");
    }
    return value.stringValue();
  }

  private static double number(JsonNode value) {
    if (value.isNumber()) {
      return value.isBigInteger() ? value.bigIntegerValue().doubleValue() : value.doubleValue();
    }
    if (value.isString()) {
      switch (value.stringValue()) {
        case "NaN" -> {
          return Double.NaN;
        }
        case "Infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> { }
      }
    }
    throw new KvInvalidArgumentException("a number's \"value\" is a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
  }

  private static BigInteger bigint(JsonNode value) {
    try {
      return new BigInteger(text(value, "bigint"));
    } catch (NumberFormatException e) {
      throw new KvInvalidArgumentException("a bigint's \"value\" is a decimal string");
    }
  }

  private static boolean bool(JsonNode value) {
    if (!value.isBoolean()) {
      throw new KvInvalidArgumentException("a boolean's \"value\" is true or false");
    }
    return value.booleanValue();
  }
}
