package dev.denokv.value.v8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.value.JsArray;
import dev.denokv.value.JsError;
import dev.denokv.value.JsString;
import dev.denokv.value.JsValue;
import dev.denokv.value.v8.CraftedInputs.Input;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader's checks, hostile lengths and nesting, and random corruption of valid input. */
class V8ReaderMalformedInputTest {

  static List<Input> crafted() {
    return CraftedInputs.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crafted")
  void givesTheExpectedVerdict(Input input) {
    if (input.problem() == null) {
      JsValue value = V8Codec.decode(input.bytes());
      JsValue again = V8Codec.decode(V8Codec.encode(value, 16));
      assertThat(dev.denokv.value.JsValues.structurallyEqual(value, again)).isTrue();
    } else {
      assertThatThrownBy(() -> V8Codec.decode(input.bytes()))
          .isInstanceOf(KvCodecException.class)
          .hasMessageContaining("Invalid V8 value at offset")
          .hasMessageContaining(input.problem());
    }
  }

  @Test
  void errorSubTagsInAnOlderOrderAreAccepted() {
    JsError error = (JsError) V8Codec.decode(CraftedInputs.ALL.stream()
        .filter(i -> i.name().startsWith("Error sub-tags")).findFirst().orElseThrow().bytes());
    assertThat(error.message()).isEqualTo("x");
    assertThat(error.stack()).isEqualTo("s");
    assertThat(error.hasCause()).isTrue();
    assertThat(error.cause()).isEqualTo(dev.denokv.value.JsUndefined.INSTANCE);
  }

  @Test
  void hugeSparseLengthAllocatesNothing() {
    JsArray array = (JsArray) V8Codec.decode(java.util.HexFormat.of().parseHex("ff1061feffffff0f4000feffffff0f"));
    assertThat(array.length()).isEqualTo(0xFFFF_FFFEL);
    assertThat(array.elements()).isEmpty();
    assertThat(V8Codec.encode(array, 16)).hasSize(15);
  }

  private static byte[] nested(int levels, String open, String leaf, String close) {
    java.util.HexFormat hex = java.util.HexFormat.of();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(hex.parseHex("ff10"));
    for (int i = 0; i < levels; i++) {
      out.writeBytes(hex.parseHex(open));
    }
    out.writeBytes(hex.parseHex(leaf));
    for (int i = 0; i < levels; i++) {
      out.writeBytes(hex.parseHex(close));
    }
    return out.toByteArray();
  }

  @Test
  void nestingUpToTheLimitReads() {
    byte[] bytes = nested(V8Reader.MAX_DEPTH - 1, "4101", "4954", "240001");
    JsValue value = V8Codec.decode(bytes);
    assertThat(V8Codec.encode(value, 16)).isEqualTo(bytes);
  }

  @Test
  void deeperNestingIsRejectedNotOverflowed() {
    for (String[] shape : new String[][] {
        {"4101", "4954", "240001"},            // arrays
        {"6f220161", "4954", "7b01"},          // objects
        {"3b4954", "4954", "3a02"},            // Map values
        {"7263", "5f", "2e"},                  // Error causes
        {"5cffffffff0f6f220474797065", "220178", "7b01"}}) { // host object metadata
      assertThatThrownBy(() -> V8Codec.decode(nested(100_000, shape[0], shape[1], shape[2])))
          .isInstanceOf(KvCodecException.class)
          .hasMessageContaining("nested deeper than " + V8Reader.MAX_DEPTH);
    }
  }

  @Test
  void theWriterRejectsTooDeepValues() {
    JsArray root = new JsArray();
    JsArray current = root;
    for (int i = 0; i < V8Reader.MAX_DEPTH + 5; i++) {
      JsArray next = new JsArray();
      current.add(next);
      current = next;
    }
    assertThatThrownBy(() -> V8Codec.encode(root)).isInstanceOf(KvInvalidArgumentException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void randomCorruptionOfValidInputOnlyEverRaisesCodecExceptions() {
    Random random = new Random(20261125L);
    List<byte[]> seeds = V8Vectors.v8().stream().map(V8Vectors.Vector::bytes).toList();
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        JsValue value = V8Codec.decode(bytes);
        V8Codec.decode(V8Codec.encode(value, 16));
      } catch (KvCodecException e) {
        rejected++;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("input " + java.util.HexFormat.of().formatHex(bytes) + " raised " + e, e);
      }
    }
    assertThat(rejected).isBetween(1_000, 19_000);
  }

  @Test
  void randomBytesAfterTheHeaderOnlyEverRaiseCodecExceptions() {
    Random random = new Random(42);
    byte[] alphabet = "_0TF-IUNZ\"cS^o{A$a@Dyxnzs;:',B~CVr\\?.mE".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[2 + random.nextInt(24)];
      bytes[0] = (byte) 0xFF;
      bytes[1] = 16;
      for (int j = 2; j < bytes.length; j++) {
        bytes[j] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
      }
      try {
        V8Codec.decode(bytes);
      } catch (KvCodecException e) {
        // expected for most inputs
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("input " + java.util.HexFormat.of().formatHex(bytes) + " raised " + e, e);
      }
    }
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int kind = random.nextInt(4);
      if (b.length <= 2) {
        break;
      }
      int at = 2 + random.nextInt(b.length - 2);
      switch (kind) {
        case 0 -> b[at] = (byte) random.nextInt(256);
        case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 2 -> b = java.util.Arrays.copyOf(b, at);
        default -> {
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = (byte) random.nextInt(256);
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
      }
    }
    return b;
  }

  @Test
  void varintsDropBitsAbove32AsV8Does() {
    assertThat(V8Codec.decode(java.util.HexFormat.of().parseHex("ff10498080808010"))).isEqualTo(new dev.denokv.value.JsNumber(0));
    assertThat(V8Codec.decode(java.util.HexFormat.of().parseHex("ff1049848080808080808000"))).isEqualTo(new dev.denokv.value.JsNumber(2));
  }

  @Test
  void stringsKeepEveryCodeUnit() {
    assertThat(V8Codec.decode(java.util.HexFormat.of().parseHex("ff106304780000d8"))).isEqualTo(JsString.of("x\ud800"));
  }
}
