package dev.denokv.value.jackson;

import dev.denokv.value.JsNumbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Deno-generated V8 test vectors and their value descriptors. */
final class V8Vectors {

  record Vector(String name, String hex, String encoding, boolean reproducible, JsonNode expected) {
    byte[] bytes() {
      return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private V8Vectors() {}

  static List<Vector> all() {
    try (InputStream in = V8Vectors.class.getResourceAsStream("/vectors/v8_vectors.json")) {
      JsonNode root = JsonMapper.shared().readTree(in);
      List<Vector> out = new ArrayList<>();
      for (JsonNode v : root) {
        out.add(new Vector(v.get("name").asString(), v.get("hex").asString(), v.get("encoding").asString(),
            v.path("encoder_reproducible").asBoolean(false), v.get("expected")));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Vector> v8() {
    return all().stream().filter(v -> v.encoding().equals("V8")).toList();
  }

  static Vector named(String name) {
    return all().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  /** Thrown for descriptors that have no plain Java counterpart to write. */
  static final class NotWritable extends RuntimeException {
    NotWritable(String type) {
      super(type);
    }
  }

  /** The Java value V8Mapper writes as the described JS value (maps in JS key order). */
  static Object toJava(JsonNode d) {
    String type = d.get("type").asString();
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return d.get("value").asBoolean();
      case "number": {
        double v = number(d.get("value"));
        if (v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE + 1.0 && Double.doubleToRawLongBits(v) != Long.MIN_VALUE
            && (int) v == v) {
          return (int) v;
        }
        return v;
      }
      case "bigint":
        return new BigInteger(d.get("value").asString());
      case "string":
        return d.get("value").asString();
      case "Object": {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonNode p : d.get("properties")) {
          m.put(p.get(0).asString(), toJava(p.get(1)));
        }
        return m;
      }
      case "Array": {
        if (!d.has("elements") || d.get("properties").size() > 0) {
          throw new NotWritable("sparse array");
        }
        List<Object> l = new ArrayList<>();
        for (JsonNode e : d.get("elements")) {
          if (e.get("type").asString().equals("hole")) {
            throw new NotWritable("hole");
          }
          l.add(toJava(e));
        }
        return l;
      }
      case "Date":
        if (!d.get("value").isNumber()) {
          throw new NotWritable("invalid date");
        }
        return Instant.ofEpochMilli(d.get("value").asLong());
      case "Uint8Array": {
        JsonNode buffer = d.get("buffer");
        if (d.get("byteOffset").asInt() != 0 || buffer.get("byteLength").asInt() != d.get("byteLength").asInt()
            || buffer.has("resizable")) {
          throw new NotWritable("partial view");
        }
        return HexFormat.of().parseHex(buffer.get("hex").asString());
      }
      default:
        throw new NotWritable(type);
    }
  }

  static double number(JsonNode value) {
    if (value.isNumber()) {
      return value.asDouble();
    }
    return switch (value.asString()) {
      case "-0" -> -0.0;
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException(value.toString());
    };
  }

  /** Asserts that {@code actual}, read into {@code Object}, is what the descriptor describes. */
  static void assertRead(Object actual, JsonNode d) {
    Map<Integer, JsonNode> ids = new HashMap<>();
    collectIds(d, ids);
    assertRead(actual, d, ids, "$");
  }

  private static void collectIds(JsonNode d, Map<Integer, JsonNode> ids) {
    if (d.isObject()) {
      if (d.has("id") && !d.path("type").asString().equals("ref")) {
        ids.put(d.get("id").asInt(), d);
      }
      for (JsonNode child : d) {
        collectIds(child, ids);
      }
    } else if (d.isArray()) {
      for (JsonNode child : d) {
        collectIds(child, ids);
      }
    }
  }

  private static void assertRead(Object actual, JsonNode d, Map<Integer, JsonNode> ids, String path) {
    String type = d.get("type").asString();
    switch (type) {
      case "ref" -> assertRead(actual, ids.get(d.get("id").asInt()), ids, path);
      case "undefined", "null", "hole" -> assertThat(actual).as(path).isNull();
      case "boolean", "BooleanObject" -> assertThat(actual).as(path).isEqualTo(d.get("value").asBoolean());
      case "number", "NumberObject" -> {
        assertThat(actual).as(path).isInstanceOf(Number.class);
        assertThat(Double.compare(((Number) actual).doubleValue(), number(d.get("value")))).as(path + " = " + actual).isZero();
      }
      case "bigint", "BigIntObject" -> assertThat(actual).as(path).isEqualTo(new BigInteger(d.get("value").asString()));
      case "string", "StringObject" -> assertThat(actual).as(path).isEqualTo(d.get("value").asString());
      case "Object" -> {
        assertThat(actual).as(path).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) actual;
        List<String> keys = new ArrayList<>();
        for (JsonNode p : d.get("properties")) {
          keys.add(p.get(0).asString());
        }
        assertThat(new ArrayList<>(m.keySet())).as(path).isEqualTo(keys);
        for (JsonNode p : d.get("properties")) {
          assertRead(m.get(p.get(0).asString()), p.get(1), ids, path + "." + p.get(0).asString());
        }
      }
      case "Array" -> {
        assertThat(actual).as(path).isInstanceOf(List.class);
        List<?> l = (List<?>) actual;
        assertThat(l).as(path).hasSize(d.get("length").asInt());
        if (d.has("elements")) {
          int i = 0;
          for (JsonNode e : d.get("elements")) {
            assertRead(l.get(i), e, ids, path + "[" + i + "]");
            i++;
          }
        } else {
          Map<Integer, JsonNode> present = new HashMap<>();
          for (JsonNode e : d.get("sparseElements")) {
            present.put(e.get(0).asInt(), e.get(1));
          }
          int nonNull = 0;
          for (int i = 0; i < l.size(); i++) {
            JsonNode e = present.get(i);
            if (e != null) {
              assertRead(l.get(i), e, ids, path + "[" + i + "]");
            } else if (l.get(i) != null) {
              nonNull++;
            }
          }
          assertThat(nonNull).as(path + " holes read as something other than null").isZero();
        }
      }
      case "Date" -> {
        if (d.get("value").isNumber()) {
          assertThat(actual).as(path).isEqualTo(Instant.ofEpochMilli(d.get("value").asLong()));
        } else {
          assertThat(actual).as(path).isNull();
        }
      }
      case "RegExp" -> assertThat(actual).as(path).isEqualTo("/" + d.get("source").asString() + "/" + d.get("flags").asString());
      case "Map" -> {
        assertThat(actual).as(path).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) actual;
        assertThat(m).as(path).hasSize(d.get("entries").size());
        for (JsonNode e : d.get("entries")) {
          JsonNode key = e.get(0);
          // Keys keep their JS type: a number key is a Java number, a string key a string.
          Object k = key.get("type").asString().equals("number")
              ? m.keySet().stream().filter(x -> x instanceof Number n && Double.compare(n.doubleValue(),
                  number(key.get("value"))) == 0).findFirst().orElse(null)
              : key.get("value").asString();
          assertThat(new ArrayList<Object>(m.keySet())).as(path + " has the key " + key).contains(k);
          assertRead(m.get(k), e.get(1), ids, path + "{" + k + "}");
        }
      }
      case "Set" -> {
        assertThat(actual).as(path).isInstanceOf(java.util.Set.class);
        List<?> l = new ArrayList<>((java.util.Set<?>) actual);
        int i = 0;
        for (JsonNode e : d.get("values")) {
          assertRead(l.get(i), e, ids, path + "[" + i + "]");
          i++;
        }
        assertThat(l).as(path).hasSize(i);
      }
      case "ArrayBuffer" -> assertThat(actual).as(path).isEqualTo(HexFormat.of().parseHex(d.get("hex").asString()));
      case "Error" -> {
        String name = d.get("prototype").asString();
        String message = d.path("message").asString("");
        assertThat(actual).as(path).isEqualTo(message.isEmpty() ? name : name + ": " + message);
      }
      default -> {
        // typed arrays and DataView: the view's bytes
        assertThat(d.has("buffer")).as(path + " unknown descriptor " + type).isTrue();
        JsonNode buffer = d.get("buffer");
        if (buffer.get("type").asString().equals("ref")) {
          buffer = ids.get(buffer.get("id").asInt());
        }
        byte[] all = HexFormat.of().parseHex(buffer.get("hex").asString());
        int off = d.get("byteOffset").asInt();
        byte[] view = java.util.Arrays.copyOfRange(all, off, off + d.get("byteLength").asInt());
        assertThat(actual).as(path).isEqualTo(view);
      }
    }
  }
}
