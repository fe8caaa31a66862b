package dev.denokv.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Deno's key order, spelled out case by case. */
class KeyOrderTest {

  private static void assertStrictlyAscending(List<KvKey> expected) {
    for (int i = 0; i + 1 < expected.size(); i++) {
      assertThat(expected.get(i)).as("%s < %s", expected.get(i), expected.get(i + 1)).isLessThan(expected.get(i + 1));
    }
    List<KvKey> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(7));
    Collections.sort(shuffled);
    assertThat(shuffled).containsExactlyElementsOf(expected);
  }

  @Test
  void acrossTypes() {
    assertStrictlyAscending(List.of(
        KvKey.of(new byte[] {(byte) 0xff}), KvKey.of(""), KvKey.of(BigInteger.valueOf(-1000)),
        KvKey.of(Double.NEGATIVE_INFINITY), KvKey.of(false), KvKey.of(true)));
  }

  @Test
  void withinNumbers() {
    assertStrictlyAscending(List.of(
        KvKey.of(Double.longBitsToDouble(0xfff8000000000000L)), KvKey.of(Double.NEGATIVE_INFINITY),
        KvKey.of(-Double.MAX_VALUE), KvKey.of(-1), KvKey.of(-Double.MIN_VALUE), KvKey.of(-0.0), KvKey.of(0),
        KvKey.of(Double.MIN_VALUE), KvKey.of(1), KvKey.of(1.5), KvKey.of(Double.MAX_VALUE),
        KvKey.of(Double.POSITIVE_INFINITY), KvKey.of(Double.NaN)));
  }

  @Test
  void withinBigints() {
    BigInteger big = BigInteger.TWO.pow(64);
    assertStrictlyAscending(List.of(
        KvKey.of(big.pow(3).negate()), KvKey.of(big.negate()), KvKey.of(big.negate().add(BigInteger.ONE)),
        KvKey.of(BigInteger.valueOf(-256)), KvKey.of(BigInteger.valueOf(-255)), KvKey.of(BigInteger.valueOf(-1)),
        KvKey.of(BigInteger.ZERO), KvKey.of(BigInteger.ONE), KvKey.of(BigInteger.valueOf(255)),
        KvKey.of(BigInteger.valueOf(256)), KvKey.of(big.subtract(BigInteger.ONE)), KvKey.of(big), KvKey.of(big.pow(3))));
  }

  @Test
  void withinStringsAndBytesAndPrefixes() {
    assertStrictlyAscending(List.of(
        KvKey.of(""), KvKey.of("", ""), KvKey.of("\0"), KvKey.of("a"), KvKey.of("a", new byte[0]), KvKey.of("a", "b"),
        KvKey.of("a", 1), KvKey.of("a\0"), KvKey.of("ab"), KvKey.of("\uFFFF"), KvKey.of("\uD800\uDC00")));
    assertStrictlyAscending(List.of(
        KvKey.of(new byte[0]), KvKey.of(new byte[] {0}), KvKey.of(new byte[] {0, 0}), KvKey.of(new byte[] {0, 1}),
        KvKey.of(new byte[] {1}), KvKey.of(new byte[] {(byte) 0xff})));
  }
}
