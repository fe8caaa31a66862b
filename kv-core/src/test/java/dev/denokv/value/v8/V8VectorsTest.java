package dev.denokv.value.v8;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.value.JsValue;
import dev.denokv.value.JsValues;
import dev.denokv.value.KvU64;
import dev.denokv.value.v8.V8Vectors.Vector;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value Deno 2.9.6 stored in the vectors decodes, re-encodes and round-trips. */
class V8VectorsTest {

  static List<Vector> v8Vectors() {
    return V8Vectors.v8();
  }

  static Stream<Vector> reproducible() {
    return V8Vectors.v8().stream().filter(Vector::reproducible);
  }

  @Test
  void everyReproducibleVectorReEncodesAndSoDoTwoMoreThanTheSpecificationPromises() {
    long reproduced = V8Vectors.v8().stream()
        .filter(v -> Arrays.equals(V8Codec.encode(V8Codec.decode(v.bytes()), 16), v.bytes()))
        .count();
    assertThat(reproduced).isEqualTo(reproducible().count() + 2);
  }

  @Test
  void vectorFileHoldsEveryEncoding() {
    assertThat(V8Vectors.all()).hasSizeGreaterThan(130);
    assertThat(V8Vectors.all()).extracting(Vector::vEncoding).contains(1, 2, 3);
    assertThat(reproducible().count()).isEqualTo(129);
  }

  /**
   * For each vector: it decodes to what Deno read; when reproducible, it re-encodes (version 16)
   * byte for byte; decode, encode, decode gives an equal value that encodes to the same bytes; and
   * version 15 differs only in the header.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("v8Vectors")
  void decodesReEncodesAndRoundTrips(Vector vector) {
    JsValue decoded = V8Codec.decode(vector.bytes());
    Descriptors.assertMatches(vector.expected(), decoded);

    byte[] encoded = V8Codec.encode(decoded, 16);
    if (vector.reproducible()) {
      assertThat(HexFormat.of().formatHex(encoded)).as("re-encoding").isEqualTo(HexFormat.of().formatHex(vector.bytes()));
    }

    JsValue again = V8Codec.decode(encoded);
    assertThat(JsValues.structurallyEqual(decoded, again)).as("decode(encode(v)) equals v").isTrue();
    Descriptors.assertMatches(vector.expected(), again);
    assertThat(V8Codec.encode(again, 16)).as("second re-encoding").isEqualTo(encoded);

    byte[] v15 = V8Codec.encode(decoded);
    assertThat(v15[1]).isEqualTo((byte) 15);
    assertThat(Arrays.copyOfRange(v15, 2, v15.length)).as("version 15 body").isEqualTo(Arrays.copyOfRange(encoded, 2, encoded.length));
  }

  @Test
  void lengthTrackingViewReproducesBecauseTheModelKeepsTheFlag() {
    Vector vector = V8Vectors.named("resizable_length_tracking_view");
    assertThat(V8Codec.encode(V8Codec.decode(vector.bytes()), 16)).isEqualTo(vector.bytes());
  }

  @Test
  void denseArrayWithHoleTagReproducesBecauseTheModelKeepsTheForm() {
    Vector vector = V8Vectors.named("array_dense_hole_tag");
    assertThat(V8Codec.encode(V8Codec.decode(vector.bytes()), 16)).isEqualTo(vector.bytes());
  }

  @Test
  void bytesVectorsHoldTheRawUint8ArrayContent() {
    List<Vector> bytes = V8Vectors.all().stream().filter(v -> v.vEncoding() == 3).toList();
    assertThat(bytes).isNotEmpty();
    for (Vector v : bytes) {
      assertThat(HexFormat.of().formatHex(v.bytes())).isEqualTo(v.expected().get("hex").asString());
      assertThat(v.expected().get("type").asString()).isEqualTo("Uint8Array(raw bytes)");
    }
  }

  @Test
  void le64VectorsAreKvU64LittleEndian() {
    List<Vector> le64 = V8Vectors.all().stream().filter(v -> v.vEncoding() == 2).toList();
    assertThat(le64).isNotEmpty();
    for (Vector v : le64) {
      KvU64 value = KvU64.fromLittleEndian(v.bytes());
      assertThat(value.value().toString()).isEqualTo(v.expected().get("value").asString());
      assertThat(value.toLittleEndian()).isEqualTo(v.bytes());
    }
  }
}
