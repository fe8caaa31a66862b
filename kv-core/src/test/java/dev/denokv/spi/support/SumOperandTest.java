package dev.denokv.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SumOperandTest {

  private static EncodedValue v8(String hex) {
    return new EncodedValue(ValueEncoding.V8, HexFormat.of().parseHex(hex));
  }

  @Test
  void readsEveryNumberTagAndBigInts() {
    assertThat(SumOperand.of(v8("ff0f4906"))).isEqualTo(new SumOperand.Number(3.0));
    assertThat(SumOperand.of(v8("ff0f4905"))).isEqualTo(new SumOperand.Number(-3.0));
    assertThat(SumOperand.of(v8("ff0f55ffffffff0f"))).isEqualTo(new SumOperand.Number(4294967295.0));
    assertThat(SumOperand.of(v8("ff104e000000000000f83f"))).isEqualTo(new SumOperand.Number(1.5));
    assertThat(SumOperand.of(v8("ff0f5a10ffffffffffffffff")))
        .isEqualTo(new SumOperand.BigInt(new BigInteger("18446744073709551615")));
    assertThat(SumOperand.of(v8("ff0f5a110100000000000000"))).isEqualTo(new SumOperand.BigInt(BigInteger.valueOf(-1)));
    assertThat(SumOperand.of(v8("ff0f5a00"))).isEqualTo(new SumOperand.BigInt(BigInteger.ZERO));
  }

  @Test
  void otherValuesAndMalformedBytesAreNotNumbers() {
    assertThat(SumOperand.of(v8("ff0f220161"))).isNull();
    assertThat(SumOperand.of(v8("ff0f4e0000"))).isNull();
    assertThat(SumOperand.of(v8("4906"))).isNull();
    assertThat(SumOperand.of(v8(""))).isNull();
    assertThat(SumOperand.of(new EncodedValue(ValueEncoding.BYTES, new byte[] {1}))).isNull();
  }

  @Test
  void writesDoublesAndBigIntsWithAVersion15HeaderAndKvU64LittleEndian() {
    assertThat(HexFormat.of().formatHex(new SumOperand.Number(1.5).encode().data())).isEqualTo("ff0f4e000000000000f83f");
    assertThat(HexFormat.of().formatHex(new SumOperand.BigInt(BigInteger.valueOf(-1)).encode().data()))
        .isEqualTo("ff0f5a110100000000000000");
    assertThat(HexFormat.of().formatHex(new SumOperand.BigInt(BigInteger.ZERO).encode().data())).isEqualTo("ff0f5a00");
    EncodedValue u64 = new SumOperand.U64(258).encode();
    assertThat(u64.encoding()).isEqualTo(ValueEncoding.LE64);
    assertThat(HexFormat.of().formatHex(u64.data())).isEqualTo("0201000000000000");
  }
}
