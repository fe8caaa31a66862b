package dev.denokv.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.denokv.error.KvCodecException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties of the key encoding over seeded random keys (each seed is a reproducible run). */
class KeyPropertiesTest {

  private static final int KEYS = 1500;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20261125})
  void decodingAnEncodingGivesBackTheSameKey(long seed) {
    for (KvKey key : new RandomKeys(seed, true).keys(KEYS)) {
      byte[] encoded = key.encode();
      KvKey decoded = KvKey.decode(encoded);

      assertThat(PartDescriptors.describe(decoded)).as("%s", key).isEqualTo(PartDescriptors.describe(key));
      assertThat(decoded).isEqualTo(key).hasSameHashCodeAs(key);
      assertThat(decoded.encode()).isEqualTo(encoded);
      assertThat(KvKey.of(decoded.parts())).isEqualTo(key);
      assertThat(KeyCodec.encodedLength(key)).isEqualTo(encoded.length);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20261125})
  void byteOrderOfEncodingsIsSemanticKeyOrder(long seed) {
    List<KvKey> keys = new RandomKeys(seed, true).keys(KEYS);

    List<KvKey> byBytes = new ArrayList<>(keys);
    byBytes.sort(Comparator.comparing(KvKey::encode, java.util.Arrays::compareUnsigned));
    List<KvKey> bySemantics = new ArrayList<>(keys);
    bySemantics.sort(SemanticOrder.INSTANCE);
    assertThat(descriptors(byBytes)).isEqualTo(descriptors(bySemantics));

    for (int i = 0; i + 1 < keys.size(); i++) {
      KvKey a = keys.get(i);
      KvKey b = keys.get(i + 1);
      int semantic = Integer.signum(SemanticOrder.INSTANCE.compare(a, b));
      assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b).isEqualTo(semantic);
      assertThat(a.equals(b)).isEqualTo(semantic == 0);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void prefixesParentsAndAppendAgree(long seed) {
    RandomKeys random = new RandomKeys(seed, true);
    for (KvKey key : random.keys(KEYS / 3)) {
      Object extra = random.part();
      KvKey child = key.append(extra);

      assertThat(child.startsWith(key)).isTrue();
      assertThat(child.parent()).isEqualTo(key);
      assertThat(child).isGreaterThan(key);
      assertThat(child.size()).isEqualTo(key.size() + 1);
      assertThat(key.startsWith(child)).isFalse();
      assertThat(KvKey.of(child.parts().subList(0, key.size()))).isEqualTo(key);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void theDecoderAcceptsOnlyCanonicalEncodingsAndFailsOnlyWithCodecErrors(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<KvKey> keys = new RandomKeys(seed, true).keys(KEYS);
    int accepted = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] bytes = mutated(keys.get(random.nextInt(keys.size())).encode(), random);
      try {
        KvKey key = KvKey.decode(bytes);
        assertThat(key.encode()).as(HexFormat.of().formatHex(bytes)).isEqualTo(bytes);
        accepted++;
      } catch (KvCodecException expected) {
        assertThat(expected).hasMessageStartingWith("invalid key encoding: ").hasMessageContaining(" at offset ");
      }
    }
    assertThat(accepted).isBetween(100, 9_900);
    assertThatCode(() -> KvKey.decode(new byte[0])).doesNotThrowAnyException();
  }

  /** A valid encoding truncated, with a byte changed, or with random bytes appended. */
  private static byte[] mutated(byte[] valid, SplittableRandom random) {
    byte[] out = valid.clone();
    switch (random.nextInt(3)) {
      case 0 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length + 1));
      case 1 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
      default -> {
        out = java.util.Arrays.copyOf(out, out.length + 1 + random.nextInt(4));
        for (int i = valid.length; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
      }
    }
    return out;
  }

  private static List<List<String>> descriptors(List<KvKey> keys) {
    return keys.stream().map(PartDescriptors::describe).toList();
  }
}
