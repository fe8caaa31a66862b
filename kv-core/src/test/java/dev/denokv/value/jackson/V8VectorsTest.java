package dev.denokv.value.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.value.jackson.V8Vectors.Vector;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.exc.StreamReadException;

/** V8Mapper against the V8 values the real Deno 2.9.6 wrote. */
class V8VectorsTest {

  /** Values a tree of Java objects cannot hold: cycles, object-keyed Maps, Deno host objects. */
  private static final Set<String> UNREADABLE = Set.of("recursive_object", "recursive_array",
      "map_object_keys", "map_shared_key_value", "id_order_mixed", "host_object_id_accounting", "host_domexception");

  private static final V8Mapper MAPPER_16 = V8Mapper.builder().formatVersion(16).build();

  static Stream<Vector> readable() {
    return V8Vectors.v8().stream().filter(v -> !UNREADABLE.contains(v.name()));
  }

  static Stream<Vector> unreadable() {
    return V8Vectors.v8().stream().filter(v -> UNREADABLE.contains(v.name()));
  }

  static Stream<Vector> writable() {
    return V8Vectors.v8().stream().filter(Vector::reproducible).filter(v -> {
      try {
        V8Vectors.toJava(v.expected());
        return true;
      } catch (V8Vectors.NotWritable e) {
        return false;
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readable")
  void readsEveryDenoValueIntoPlainJavaObjects(Vector v) {
    Object value = MAPPER_16.readValue(v.bytes(), Object.class);
    V8Vectors.assertRead(value, v.expected());
  }

  static Stream<Vector> containers() {
    Set<String> types = Set.of("Object", "Map", "Array", "Set", "Date", "ArrayBuffer", "DataView");
    return readable().filter(v -> types.contains(v.expected().get("type").asString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void readsContainersIntoMapsAndLists(Vector v) {
    String type = v.expected().get("type").asString();
    switch (type) {
      case "Object", "Map" -> assertThat(MAPPER_16.readValue(v.bytes(), java.util.Map.class))
          .hasSize(v.expected().has("properties") ? v.expected().get("properties").size() : v.expected().get("entries").size());
      case "Array" -> assertThat(MAPPER_16.readValue(v.bytes(), List.class)).hasSize(v.expected().get("length").asInt());
      case "Set" -> assertThat(MAPPER_16.readValue(v.bytes(), List.class)).hasSize(v.expected().get("values").size());
      case "Date" -> {
        java.time.Instant instant = MAPPER_16.readValue(v.bytes(), java.time.Instant.class);
        java.util.Date date = MAPPER_16.readValue(v.bytes(), java.util.Date.class);
        java.time.OffsetDateTime odt = MAPPER_16.readValue(v.bytes(), java.time.OffsetDateTime.class);
        if (v.expected().get("value").isNumber()) {
          long ms = v.expected().get("value").asLong();
          assertThat(instant.toEpochMilli()).isEqualTo(ms);
          assertThat(date.getTime()).isEqualTo(ms);
          assertThat(odt.toInstant().toEpochMilli()).isEqualTo(ms);
          assertThat(MAPPER_16.readValue(v.bytes(), long.class)).isEqualTo(ms);
        } else {
          assertThat(instant).isNull();
          assertThat(date).isNull();
          assertThat(odt).isNull();
        }
      }
      case "ArrayBuffer", "DataView" -> assertThat(MAPPER_16.readValue(v.bytes(), byte[].class))
          .hasSize(v.expected().get("byteLength").asInt());
      default -> throw new AssertionError("not a container vector: " + type);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadable")
  void rejectsValuesATreeCannotHoldWithAClearMessage(Vector v) {
    assertThatThrownBy(() -> MAPPER_16.readValue(v.bytes(), Object.class))
        .isInstanceOf(StreamReadException.class)
        .hasMessageMatching("(?s).*(cyclic reference|Map key|host object).*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writable")
  void writesTheSameBytesAsDeno(Vector v) {
    Object value = V8Vectors.toJava(v.expected());
    assertThat(HexFormat.of().formatHex(MAPPER_16.writeValueAsBytes(value))).isEqualTo(v.hex());
  }

  @org.junit.jupiter.api.Test
  void coversTheVectorsThatMatter() {
    List<String> names = writable().map(Vector::name).toList();
    assertThat(names).contains("object_mixed_keys_order", "object_big_index_keys", "array_130_ints",
        "string_long_twobyte_100_padded", "array_padding_before_twobyte", "nested_uint8array", "date_ms",
        "bigint_neg_10pow40", "object_simple");
    assertThat(readable().count()).isGreaterThan(120);
  }
}
