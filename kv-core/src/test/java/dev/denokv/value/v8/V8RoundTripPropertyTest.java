package dev.denokv.value.v8;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.value.JsValue;
import dev.denokv.value.JsValues;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Property: for random value trees (seeded, so failures reproduce), decoding the encoding gives a
 * structurally equal value, and encoding that again gives the same bytes, in both versions.
 */
class V8RoundTripPropertyTest {

  private static final int TRIES = 3_000;

  @Test
  void encodeDecodeRoundTripsRandomValues() {
    for (long seed = 1; seed <= TRIES; seed++) {
      JsValue value = new RandomValues(seed).next(5);
      for (int version : new int[] {15, 16}) {
        byte[] bytes = V8Codec.encode(value, version);
        JsValue decoded;
        try {
          decoded = V8Codec.decode(bytes);
        } catch (RuntimeException e) {
          throw new AssertionError("seed " + seed + " v" + version + ": " + HexFormat.of().formatHex(bytes), e);
        }
        assertThat(JsValues.structurallyEqual(value, decoded))
            .as("seed %d v%d: %s", seed, version, value).isTrue();
        assertThat(V8Codec.encode(decoded, version)).as("seed %d v%d re-encoding", seed, version).isEqualTo(bytes);
      }
    }
  }

  @Test
  void structuralEqualityNoticesDifferences() {
    int differing = 0;
    for (long seed = 1; seed <= 300; seed++) {
      JsValue a = new RandomValues(seed).next(4);
      JsValue b = new RandomValues(seed + 100_000).next(4);
      boolean sameBytes = java.util.Arrays.equals(V8Codec.encode(a, 16), V8Codec.encode(b, 16));
      assertThat(JsValues.structurallyEqual(a, b)).as("seed %d", seed).isEqualTo(sameBytes);
      if (!sameBytes) {
        differing++;
      }
    }
    assertThat(differing).isGreaterThan(150);
  }
}
