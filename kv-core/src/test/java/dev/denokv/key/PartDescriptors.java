package dev.denokv.key;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An exact, JSON-friendly description of key parts shared with the Deno side of the interop tests:
 * {@code ["s", text]}, {@code ["n", 16 hex digits of the float64 bits]}, {@code ["b", decimal]},
 * {@code ["u", hex bytes]}, {@code ["t"]}, {@code ["f"]}; Deno describes any NaN as {@code ["n", "NaN"]}. Two parts are the same part exactly when
 * their descriptors are equal, which also makes it a precise way to compare parts in assertions.
 */
final class PartDescriptors {

  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PartDescriptors() {}

  /** A descriptor string per part, for assertions (bytes by content, numbers by raw bits). */
  static List<String> describe(List<Object> parts) {
    return parts.stream().map(part -> toJson(part).toString()).toList();
  }

  static List<String> describe(KvKey key) {
    return describe(key.parts());
  }

  static ArrayNode toJson(KvKey key) {
    ArrayNode array = JSON.arrayNode();
    key.parts().forEach(part -> array.add(toJson(part)));
    return array;
  }

  static ArrayNode toJson(Object part) {
    ArrayNode d = JSON.arrayNode();
    if (part instanceof String s) {
      d.add("s").add(s);
    } else if (part instanceof Double x) {
      d.add("n").add(HEX.toHexDigits(Double.doubleToRawLongBits(x)));
    } else if (part instanceof BigInteger b) {
      d.add("b").add(b.toString());
    } else if (part instanceof byte[] bytes) {
      d.add("u").add(HEX.formatHex(bytes));
    } else if (part instanceof Boolean b) {
      d.add(b ? "t" : "f");
    } else {
      throw new IllegalArgumentException("not a normalized key part: " + part);
    }
    return d;
  }

  static KvKey keyFromJson(JsonNode key) {
    Object[] parts = new Object[key.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = partFromJson(key.get(i));
    }
    return KvKey.of(parts);
  }

  static Object partFromJson(JsonNode d) {
    String type = d.get(0).asString();
    return switch (type) {
      case "s" -> d.get(1).asString();
      case "n" -> "NaN".equals(d.get(1).asString())
          ? Double.NaN : Double.longBitsToDouble(Long.parseUnsignedLong(d.get(1).asString(), 16));
      case "b" -> new BigInteger(d.get(1).asString());
      case "u" -> HEX.parseHex(d.get(1).asString());
      case "t" -> true;
      case "f" -> false;
      default -> throw new IllegalArgumentException("unknown part descriptor " + d);
    };
  }
}
