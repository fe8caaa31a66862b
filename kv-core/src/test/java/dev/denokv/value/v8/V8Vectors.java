package dev.denokv.value.v8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Deno-generated V8 test vectors ({@code vectors/v8_vectors.json}). */
final class V8Vectors {

  /** One vector: the stored bytes, their {@code v_encoding}, and what Deno read back. */
  record Vector(String name, String js, byte[] bytes, int vEncoding, JsonNode expected, boolean reproducible) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Vector> ALL = load();

  private V8Vectors() {}

  static List<Vector> all() {
    return ALL;
  }

  static List<Vector> v8() {
    return ALL.stream().filter(v -> v.vEncoding() == 1).toList();
  }

  static Vector named(String name) {
    return ALL.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Vector> load() {
    try (InputStream in = V8Vectors.class.getResourceAsStream("/vectors/v8_vectors.json")) {
      JsonNode root = JsonMapper.builder().build().readTree(in);
      List<Vector> out = new ArrayList<>();
      for (JsonNode v : root.values()) {
        out.add(new Vector(
            v.get("name").asString(),
            v.get("js").asString(),
            HexFormat.of().parseHex(v.get("hex").asString()),
            v.get("v_encoding").asInt(),
            v.get("expected"),
            v.has("encoder_reproducible") && v.get("encoder_reproducible").asBoolean()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
