package dev.denokv.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvCodecException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding a key under a known prefix (what a prefix listing does) gives exactly the key that
 * decoding all its bytes gives: on Deno's key vectors, split at every part boundary, and on random
 * keys; and rejects the same malformed suffixes with the same messages.
 */
class KeyPrefixDecodeTest {

  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.denokv.key.KeyVectorsTest#vectors")
  void everyPrefixOfEveryDenoVectorDecodesAlike(String name, String hex, List<Object> expectedParts) {
    byte[] bytes = HEX.parseHex(hex);
    KvKey whole = KeyCodec.decode(bytes);
    for (int split = 0; split <= whole.size(); split++) {
      KvKey prefix = KvKey.of(whole.parts().subList(0, split));
      assertSame(KeyCodec.decode(prefix, bytes), whole);
    }
  }

  @Test
  void randomKeysUnderRandomPrefixesDecodeAlike() {
    RandomKeys random = new RandomKeys(42, false);
    List<KvKey> keys = random.keys(500);
    for (KvKey key : keys) {
      byte[] bytes = key.encode();
      for (int split = 0; split <= key.size(); split++) {
        KvKey prefix = KvKey.of(key.parts().subList(0, split));
        assertSame(KeyCodec.decode(prefix, bytes), key);
      }
      // A prefix the key is not under is ignored: the whole key is decoded.
      assertSame(KeyCodec.decode(KvKey.of("\u0000other", 1), bytes), key);
    }
  }

  @Test
  void stringPartsWithEscapesAndNonAsciiUnderAPrefix() {
    List<KvKey> keys = new ArrayList<>();
    keys.add(KvKey.of("p", "a\u0000b"));
    keys.add(KvKey.of("p", "Zoë", "日本", "😀"));
    keys.add(KvKey.of("p", "", "\u0000", "x\u0000"));
    keys.add(KvKey.of("p", new byte[] {0, 1, 0, (byte) 0xff}, "tail"));
    for (KvKey key : keys) {
      assertSame(KeyCodec.decode(KvKey.of("p"), key.encode()), key);
    }
  }

  @Test
  void malformedSuffixesFailAsAWholeDecodeFails() {
    KvKey prefix = KvKey.of("users");
    byte[] encodedPrefix = prefix.encode();
    for (String suffix : List.of("0261", "21000000", "99", "02ff00", "15", "0261ff")) {
      byte[] bytes = concat(encodedPrefix, HEX.parseHex(suffix));
      String expected = catchMessage(() -> KeyCodec.decode(bytes));
      assertThat(expected).as(suffix).isNotNull();
      assertThatThrownBy(() -> KeyCodec.decode(prefix, bytes)).isInstanceOf(KvCodecException.class)
          .hasMessage(expected);
    }
  }

  private static void assertSame(KvKey actual, KvKey expected) {
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.encode()).isEqualTo(expected.encode());
    assertThat(actual.size()).isEqualTo(expected.size());
    assertThat(actual.toString()).isEqualTo(expected.toString());
    List<Object> a = actual.parts();
    List<Object> e = expected.parts();
    for (int i = 0; i < e.size(); i++) {
      if (e.get(i) instanceof byte[] bytes) {
        assertThat((byte[]) a.get(i)).isEqualTo(bytes);
      } else {
        assertThat(a.get(i)).isEqualTo(e.get(i));
        assertThat(a.get(i).getClass()).isEqualTo(e.get(i).getClass());
      }
    }
  }

  private static String catchMessage(Runnable r) {
    try {
      r.run();
      return null;
    } catch (KvCodecException e) {
      return e.getMessage();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
