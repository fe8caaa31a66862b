package dev.denokv.value.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/** Malformed and hostile input raises StreamReadException naming the problem. */
class V8MalformedInputTest {

  private final V8Mapper mapper = new V8Mapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "''                          | missing version header",
      "54                          | missing version header",
      "ff0c54                      | unsupported format version 12",
      "ff1154                      | unsupported format version 17",
      "ff0f                        | truncated input",
      "ff0f220561                  | exceeds the remaining input",
      "ff0f6f220161490 27b02       | object property count 2 does not match the 1 read",
      "ff0f41054902                | exceeds the remaining input",
      "ff0f4102490224000 2         | unexpected tag 0x24",
      "ff0f410149022400 03         | dense array length 3 does not match",
      "ff0f57                      | unexpected tag 0x57",
      "ff0f41015e0524 0001         | reference to unknown object id 5",
      "ff0f2d                      | hole tag outside a dense array",
      "ff0f61ffffffff0f4000ffffffff0f | exceeds the limit of 1048576 elements",
      "ff0f6303610062              | odd two-byte string length 3",
      "ff0f5a01                    | BigInt negative zero",
      "ff0f420201025677010100      | not a multiple of its element size 2",
      "ff0f4202010256420103 00     | outside its buffer of 2 bytes",
      "ff0f56420000 00             | array buffer view without a buffer",
      "ff0f6f54490 27b01           | an object key must be a string or a number",
      "ff0f3b6f7b00 49013a02       | a Map key must be",
      "ff0f3b2201614901 3a03       | Map entry count 3 does not match the 2 read",
      "ff0f2749012c02              | Set element count 2 does not match the 1 read",
      "ff0f720100                  | unknown Error sub-tag 0x1",
      "ff0f5c ffffffff0f 6f7b00    | host object",
      "ff0f5222016140              | invalid RegExp flags 0x40",
  })
  void rejectsMalformedInput(String hex, String problem) {
    byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
    assertThatThrownBy(() -> mapper.readValue(bytes, Object.class))
        .isInstanceOf(StreamReadException.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ff0d42020102564200 02        | 0102",
      "ff0e4202010256420002 00      | 0102",
      "ff0f 00 00 3f 01 4202010256420002 00 | 0102",
      "ff10420201025642 00 02 00    | 0102",
  })
  void readsFormatVersions13To16AndSkipsPadding(String hex, String bytes) {
    byte[] input = HexFormat.of().parseHex(hex.replace(" ", ""));
    assertThat(mapper.readValue(input, byte[].class)).isEqualTo(HexFormat.of().parseHex(bytes));
  }

  @Test
  void boundsNestingDepth() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xff, 0x0f});
    for (int i = 0; i < 100_000; i++) {
      b.writeBytes(new byte[] {0x41, 0x01});
    }
    assertThatThrownBy(() -> mapper.readValue(b.toByteArray(), Object.class))
        .isInstanceOf(StreamReadException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void boundsTheExpansionOfBackReferences() {
    // a0 = [1 x 16]; a(n+1) = [a(n) x 16] written with back-references: 16^7 elements in ~150 bytes.
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(HexFormat.of().parseHex("ff0f41"));
    b.write(8);
    b.writeBytes(HexFormat.of().parseHex("4110"));
    for (int i = 0; i < 16; i++) {
      b.writeBytes(HexFormat.of().parseHex("4902"));
    }
    b.writeBytes(HexFormat.of().parseHex("240010"));
    for (int level = 1; level < 8; level++) {
      b.writeBytes(HexFormat.of().parseHex("4110"));
      for (int i = 0; i < 16; i++) {
        b.write(0x5e);
        b.write(level);
      }
      b.writeBytes(HexFormat.of().parseHex("240010"));
    }
    b.writeBytes(HexFormat.of().parseHex("240008"));
    assertThatThrownBy(() -> mapper.readValue(b.toByteArray(), Object.class))
        .isInstanceOf(StreamReadException.class)
        .hasMessageContaining("back-references expand to more than");
  }

  @Test
  void resolvesBackReferencesByReplayingTheObject() {
    // [{a: 1}, ^1, new Uint8Array([7]), ^3 (the view)]
    byte[] bytes = HexFormat.of().parseHex("ff0f41046f22016149027b015e01420107564200010 05e03240004".replace(" ", ""));
    assertThat(mapper.readValue(bytes, Object.class)).asList()
        .containsExactly(java.util.Map.of("a", 1), java.util.Map.of("a", 1), new byte[] {7}, new byte[] {7});
  }

  @Test
  void resolvesAReferenceToAViewOnAnEarlierBuffer() {
    // [new Uint8Array(buf), new Uint8Array(buf, 1, 1), the second view again]
    byte[] bytes = HexFormat.of().parseHex("ff0f4103420201025642000200" + "5e0156420101 00" .replace(" ", "") + "5e03240003");
    assertThat(mapper.readValue(bytes, Object.class)).asList()
        .containsExactly(new byte[] {1, 2}, new byte[] {2}, new byte[] {2});
  }

  @Test
  void mutatedVectorsNeverEscapeAsAnythingButJacksonExceptions() {
    V8Mapper limited = V8Mapper.builder()
        .factory(V8Factory.builder().maxSparseArrayLength(10_000).maxReferenceBytes(100_000).build())
        .build();
    Random random = new Random(42);
    int failures = 0;
    for (V8Vectors.Vector v : V8Vectors.v8()) {
      byte[] original = v.bytes();
      for (int round = 0; round < 60; round++) {
        byte[] bytes = original.clone();
        if (round % 5 == 0) {
          bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        } else {
          for (int k = 0; k < 1 + random.nextInt(3) && bytes.length > 2; k++) {
            bytes[2 + random.nextInt(bytes.length - 2)] = (byte) random.nextInt(256);
          }
        }
        try {
          limited.readValue(bytes, Object.class);
        } catch (JacksonException e) {
          failures++;
        } catch (RuntimeException | Error e) {
          throw new AssertionError("mutated " + v.name() + " " + HexFormat.of().formatHex(bytes) + " escaped as " + e, e);
        }
      }
    }
    assertThat(failures).isPositive();
  }
}
