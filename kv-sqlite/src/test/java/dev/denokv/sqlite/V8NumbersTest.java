package dev.denokv.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class V8NumbersTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void readsEveryNumberTagAndBigInts() {
    assertThat(V8Numbers.read(hex("ff0f4906"))).isEqualTo(3.0);
    assertThat(V8Numbers.read(hex("ff0f4905"))).isEqualTo(-3.0);
    assertThat(V8Numbers.read(hex("ff0f55ffffffff0f"))).isEqualTo(4294967295.0);
    assertThat(V8Numbers.read(hex("ff104e000000000000f83f"))).isEqualTo(1.5);
    assertThat(V8Numbers.read(hex("ff0f5a10ffffffffffffffff"))).isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(V8Numbers.read(hex("ff0f5a110100000000000000"))).isEqualTo(BigInteger.valueOf(-1));
    assertThat(V8Numbers.read(hex("ff0f5a00"))).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void otherValuesAndMalformedBytesAreNotNumbers() {
    assertThat(V8Numbers.read(hex("ff0f220161"))).isNull();
    assertThat(V8Numbers.read(hex("ff0f4e0000"))).isNull();
    assertThat(V8Numbers.read(hex("4906"))).isNull();
    assertThat(V8Numbers.read(new byte[0])).isNull();
  }

  @Test
  void writesDoublesAndBigIntsWithAVersion15Header() {
    assertThat(HexFormat.of().formatHex(V8Numbers.writeNumber(1.5))).isEqualTo("ff0f4e000000000000f83f");
    assertThat(HexFormat.of().formatHex(V8Numbers.writeBigInt(BigInteger.valueOf(-1))))
        .isEqualTo("ff0f5a110100000000000000");
    assertThat(HexFormat.of().formatHex(V8Numbers.writeBigInt(BigInteger.ZERO))).isEqualTo("ff0f5a00");
  }
}
