package dev.denokv.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.value.KvU64;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KvKeyTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String INVALID_PART = "expected string, number, bigint, ArrayBufferView, boolean";
  /** {@code ["users", 42]} as Deno encodes it. */
  private static final String USERS_42 = "027573657273002" + "1c045000000000000";

  @Test
  void javaIntegersAndDecimalsAddressTheSameNumberKeyAsJavaScript() {
    List<KvKey> keys = List.of(
        KvKey.of("users", 42), KvKey.of("users", 42L), KvKey.of("users", (short) 42),
        KvKey.of("users", (byte) 42), KvKey.of("users", 42f), KvKey.of("users", 42.0),
        KvKey.of("users", new BigDecimal("42.000")), KvKey.of(List.of("users", 42)));

    for (KvKey key : keys) {
      assertThat(HEX.formatHex(key.encode())).isEqualTo(USERS_42);
      assertThat(key.get(1)).isEqualTo(42.0);
      assertThat(key).isEqualTo(keys.get(0)).hasSameHashCodeAs(keys.get(0));
    }
  }

  @Test
  void aBigIntegerIsABigintPartNotANumber() {
    KvKey bigint = KvKey.of("users", BigInteger.valueOf(42));

    assertThat(HEX.formatHex(bigint.encode())).isEqualTo("0275736572730015" + "2a");
    assertThat(bigint).isNotEqualTo(KvKey.of("users", 42));
    assertThat(bigint.get(1)).isEqualTo(BigInteger.valueOf(42));
  }

  @Test
  void longsThatAreExactDoublesAreAccepted() {
    assertThat(KvKey.of(1L << 53).get(0)).isEqualTo(0x1p53);
    assertThat(KvKey.of(Long.MIN_VALUE).get(0)).isEqualTo(-0x1p63);
    assertThat(KvKey.of(1L << 62).get(0)).isEqualTo(0x1p62);
  }

  @Test
  void longsThatAreNotExactDoublesAreRejectedWithAHintToUseBigInteger() {
    for (long value : new long[] {(1L << 53) + 1, Long.MAX_VALUE, -(1L << 53) - 1, Long.MIN_VALUE + 1}) {
      assertThatThrownBy(() -> KvKey.of("k", value))
          .isInstanceOf(KvInvalidArgumentException.class)
          .hasMessageContaining(Long.toString(value))
          .hasMessageContaining("not exactly representable")
          .hasMessageContaining("BigInteger");
    }
  }

  @Test
  void decimalsThatAreNotExactDoublesAreRejected() {
    for (String value : new String[] {"0.1", "1e400", "9007199254740993"}) {
      assertThatThrownBy(() -> KvKey.of(new BigDecimal(value)))
          .isInstanceOf(KvInvalidArgumentException.class)
          .hasMessageContaining("not exactly representable");
    }
    assertThat(KvKey.of(new BigDecimal("0.5")).get(0)).isEqualTo(0.5);
  }

  static Stream<Arguments> unsupportedParts() {
    return Stream.of(new Date(0), Instant.EPOCH, UUID.randomUUID(), KvU64.of(1), 'c', new Object(),
            new AtomicInteger(1), List.of("a"), new int[] {1}, new Object[] {"a"}, KvKey.of("a"))
        .map(part -> Arguments.of((Object) part));
  }

  @ParameterizedTest
  @MethodSource("unsupportedParts")
  void otherTypesAreRejectedWithDenosMessage(Object part) {
    assertThatThrownBy(() -> KvKey.of("k", part))
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessageStartingWith(INVALID_PART);
    assertThatThrownBy(() -> KvKey.of("k").append(part))
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessageStartingWith(INVALID_PART);
  }

  @Test
  void theMessageNamesThePartItsJavaTypeAndTheJavaTypesThatAreKeyParts() {
    assertThatThrownBy(() -> KvKey.of("k", new Object()))
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessage(INVALID_PART + ": key part 1 is a java.lang.Object; a key part must be one of String, Integer, "
            + "Long, Short, Byte, Double, Float, BigDecimal (numbers), BigInteger (bigint), Boolean, byte[] (Uint8Array)");
    assertThatThrownBy(() -> KvKey.of("a", "b").append(java.util.UUID.randomUUID()))
        .hasMessageContaining("key part 2 is a java.util.UUID;");
    assertThatThrownBy(() -> KvKey.of((Object) null)).hasMessageContaining("key part 0 is null;");
  }

  @Test
  void nullIsRejectedWithDenosMessage() {
    assertThatThrownBy(() -> KvKey.of("k", null)).isInstanceOf(KvInvalidArgumentException.class).hasMessageStartingWith(INVALID_PART);
    assertThatThrownBy(() -> KvKey.of(Arrays.asList("k", null))).isInstanceOf(KvInvalidArgumentException.class).hasMessageStartingWith(INVALID_PART);
  }

  @Test
  void bigintsUpTo255MagnitudeBytesAreAccepted() {
    BigInteger largest = BigInteger.ONE.shiftLeft(8 * 255).subtract(BigInteger.ONE);

    assertThat(KvKey.of(largest).encode()).hasSize(2 + 255).startsWith(0x1d, 0xff);
    assertThat(KvKey.of(largest.negate()).encode()).hasSize(2 + 255).startsWith(0x0b, 0x00);
    for (BigInteger tooLarge : List.of(largest.add(BigInteger.ONE), largest.add(BigInteger.ONE).negate())) {
      assertThatThrownBy(() -> KvKey.of(tooLarge))
          .isInstanceOf(KvInvalidArgumentException.class)
          .hasMessage("BigUint requires more than 255 bytes to be represented");
    }
  }

  @Test
  void loneSurrogatesBecomeTheReplacementCharacterAsInDeno() {
    KvKey key = KvKey.of("a\uD800b", "\uDC00\uD800", "\uD83D\uDE00", "x\uD83D");

    assertThat(key.parts()).containsExactly("a\uFFFDb", "\uFFFD\uFFFD", "\uD83D\uDE00", "x\uFFFD");
    assertThat(HEX.formatHex(KvKey.of("a\uD800b").encode())).isEqualTo("0261efbfbd6200");
    assertThat(KvKey.decode(key.encode())).isEqualTo(key);
    assertThat(PartDescriptors.describe(KvKey.decode(key.encode()))).isEqualTo(PartDescriptors.describe(key));
  }

  @Test
  void nanIsCanonicalizedKeepingItsSign() {
    double payloadNan = Double.longBitsToDouble(0x7ff0000000000001L);
    double negativePayloadNan = Double.longBitsToDouble(0xfff0000000000abcL);

    assertThat(HEX.formatHex(KvKey.of(payloadNan).encode())).isEqualTo("21fff8000000000000");
    assertThat(HEX.formatHex(KvKey.of(Float.NaN).encode())).isEqualTo("21fff8000000000000");
    assertThat(HEX.formatHex(KvKey.of(negativePayloadNan).encode())).isEqualTo("210007ffffffffffff");
    assertThat(Double.doubleToRawLongBits((Double) KvKey.of(payloadNan).get(0))).isEqualTo(0x7ff8000000000000L);
    assertThat(KvKey.of(payloadNan)).isEqualTo(KvKey.of(Double.NaN)).isNotEqualTo(KvKey.of(negativePayloadNan));
  }

  @Test
  void negativeZeroIsADistinctKeyThatDecodesBackToNegativeZero() {
    KvKey negativeZero = KvKey.of(-0.0);

    assertThat(negativeZero).isNotEqualTo(KvKey.of(0.0)).isLessThan(KvKey.of(0.0));
    Object decoded = KvKey.decode(negativeZero.encode()).get(0);
    assertThat(Double.doubleToRawLongBits((Double) decoded)).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(KvKey.of(-0.0f)).isEqualTo(negativeZero);
  }

  @Test
  void bytePartsAreCopiedInAndOut() {
    byte[] input = {1, 2};
    KvKey key = KvKey.of(input);
    input[0] = 9;

    ((byte[]) key.get(0))[1] = 9;
    ((byte[]) key.parts().get(0))[1] = 9;

    assertThat((byte[]) key.get(0)).containsExactly(1, 2);
    assertThat(HEX.formatHex(key.encode())).isEqualTo("01010200");
  }

  @Test
  void partsAreUnmodifiableAndTheEncodingIsACopy() {
    KvKey key = KvKey.of("a", 1);

    assertThatThrownBy(() -> key.parts().add("b")).isInstanceOf(UnsupportedOperationException.class);
    key.encode()[0] = 0x7f;
    assertThat(key.encode()[0]).isEqualTo((byte) 0x02);
  }

  @Test
  void theEmptyKey() {
    assertThat(KvKey.of()).isSameAs(KvKey.EMPTY);
    assertThat(KvKey.of(new ArrayList<>())).isSameAs(KvKey.EMPTY);
    assertThat(KvKey.decode(new byte[0])).isSameAs(KvKey.EMPTY);
    assertThat(KvKey.EMPTY.size()).isZero();
    assertThat(KvKey.EMPTY.isEmpty()).isTrue();
    assertThat(KvKey.EMPTY.encode()).isEmpty();
    assertThat(KvKey.EMPTY.parts()).isEmpty();
    assertThat(KvKey.EMPTY).hasToString("[]").isLessThan(KvKey.of(new byte[0]));
    assertThatThrownBy(KvKey.EMPTY::parent)
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessage("the empty key has no parent");
  }

  @Test
  void appendParentAndStartsWith() {
    KvKey users = KvKey.of("users");
    KvKey alice = users.append("alice");
    KvKey post = alice.append("posts", 3, BigInteger.TWO, new byte[] {0}, true);

    assertThat(post).isEqualTo(KvKey.of("users", "alice", "posts", 3, BigInteger.TWO, new byte[] {0}, true));
    assertThat(post.size()).isEqualTo(7);
    assertThat(users.append(KvKey.of("alice", "posts"))).isEqualTo(KvKey.of("users", "alice", "posts"));
    assertThat(users.append(KvKey.EMPTY)).isSameAs(users);
    assertThat(users.append()).isSameAs(users);
    assertThat(KvKey.EMPTY.append(users)).isEqualTo(users);

    KvKey walked = post;
    for (int i = 0; i < 5; i++) {
      walked = walked.parent();
    }
    assertThat(walked).isEqualTo(alice);
    assertThat(walked.encode()).isEqualTo(alice.encode());
    assertThat(users.parent()).isSameAs(KvKey.EMPTY);

    assertThat(post.startsWith(alice)).isTrue();
    assertThat(post.startsWith(post)).isTrue();
    assertThat(post.startsWith(KvKey.EMPTY)).isTrue();
    assertThat(alice.startsWith(post)).isFalse();
    assertThat(KvKey.of("ab").startsWith(KvKey.of("a"))).isFalse();
    assertThat(KvKey.of("users", "alice").startsWith(KvKey.of("use"))).isFalse();
    assertThat(KvKey.of(new byte[] {0, 1}).startsWith(KvKey.of(new byte[] {0}))).isFalse();
  }

  @Test
  void displaysLikeDeno() {
    KvKey key = KvKey.of("users", 42, BigInteger.ONE, true, new byte[] {1, 2});
    assertThat(key).hasToString("[\"users\", 42, 1n, true, Uint8Array(2) [1, 2]]");

    KvKey odd = KvKey.of("a\u0000\"\\\n", -0.0, 0.5, 1e21, 1e-7, -1.5e300, Double.NaN,
        Double.NEGATIVE_INFINITY, 0x1p53, BigInteger.valueOf(-5), false, new byte[] {(byte) 255}, new byte[0]);
    assertThat(odd).hasToString("[\"a\\x00\\\"\\\\\\n\", -0, 0.5, 1e+21, 1e-7, -1.5e+300, NaN, -Infinity, "
        + "9007199254740992, -5n, false, Uint8Array(1) [255], Uint8Array(0) []]");
  }
}
