package dev.denokv.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvCodecException;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      03                          | unknown key part tag 0x03 at offset 0
      02610000                    | unknown key part tag 0x00 at offset 3
      026100fe                    | unknown key part tag 0xFE at offset 3
      026100ff                    | unterminated string part at offset 0
      2728                        | unknown key part tag 0x28 at offset 1
      0261                        | unterminated string part at offset 0
      0261626300ff                | unterminated string part at offset 0
      27010100ff                  | unterminated byte part at offset 1
      01                          | unterminated byte part at offset 0
      21                          | truncated number part: needs 8 bytes, 0 left at offset 0
      26218000                    | truncated number part: needs 8 bytes, 2 left at offset 1
      16ff                        | truncated bigint part: needs 2 bytes, 1 left at offset 0
      0275736572730012fe          | truncated bigint part: needs 2 bytes, 1 left at offset 7
      1d                          | truncated bigint part: missing length byte at offset 0
      0b                          | truncated bigint part: missing length byte at offset 0
      1d0901                      | truncated bigint part: needs 9 bytes, 1 left at offset 0
      1d08ffffffffffffffff        | bad bigint length 8: lengths up to 8 use the short form at offset 0
      0bf7000000000000000000      | bad bigint length 8: lengths up to 8 use the short form at offset 0
      1d00                        | bad bigint length 0: lengths up to 8 use the short form at offset 0
      1500                        | bad bigint length 1: the magnitude has a leading zero byte at offset 0
      160001                      | bad bigint length 2: the magnitude has a leading zero byte at offset 0
      13ff                        | bad bigint length 1: the magnitude has a leading zero byte at offset 0
      1d09000000000000000001      | bad bigint length 9: the magnitude has a leading zero byte at offset 0
      02c32800                    | invalid UTF-8 in string part at offset 0
      02ff00                      | invalid UTF-8 in string part at offset 0
      02c08000                    | invalid UTF-8 in string part at offset 0
      02eda08000                  | invalid UTF-8 in string part at offset 0
      0261000280                  | unterminated string part at offset 3
      020280ff00                  | invalid UTF-8 in string part at offset 0
      21fff8000000000001          | non-canonical NaN in number part at offset 0
      21fff0000000000001          | non-canonical NaN in number part at offset 0
      21000fffffffffffff2100000000000000fe | non-canonical NaN in number part at offset 9
      """)
  void rejectsMalformedEncodingsNamingTheProblemAndOffset(String hex, String problem) {
    assertThatThrownBy(() -> KeyCodec.decode(HEX.parseHex(hex)))
        .isInstanceOf(KvCodecException.class)
        .hasMessage("invalid key encoding: " + problem);
  }

  @Test
  void decodesASliceWithOffsetsRelativeToIt() {
    byte[] framed = HEX.parseHex("ffff" + "026100" + "21bff0000000000000" + "eeee");

    assertThat(KeyCodec.decode(framed, 2, framed.length - 2)).isEqualTo(KvKey.of("a", 1));
    assertThatThrownBy(() -> KeyCodec.decode(framed, 2, framed.length - 1))
        .isInstanceOf(KvCodecException.class)
        .hasMessage("invalid key encoding: unknown key part tag 0xEE at offset 12");
    assertThatThrownBy(() -> KeyCodec.decode(framed, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void encodesEveryBigintLengthBoundaryMinimally() {
    for (int bytes = 1; bytes <= 255; bytes++) {
      BigInteger smallest = BigInteger.ONE.shiftLeft(8 * (bytes - 1));
      BigInteger largest = BigInteger.ONE.shiftLeft(8 * bytes).subtract(BigInteger.ONE);
      for (BigInteger value : new BigInteger[] {smallest, largest, smallest.negate(), largest.negate()}) {
        byte[] encoded = KvKey.of(value).encode();
        int header = bytes > 8 ? 2 : 1;
        assertThat(encoded).hasSize(header + bytes);
        assertThat(KvKey.decode(encoded).get(0)).isEqualTo(value);
      }
    }
  }

  @Test
  void escapesNulInStringsAndBytes() {
    assertThat(HEX.formatHex(KvKey.of("\0\0").encode())).isEqualTo("0200ff00ff00");
    assertThat(HEX.formatHex(KvKey.of(new byte[] {0, (byte) 0xff, 0}).encode())).isEqualTo("0100ffff00ff00");
    assertThat(HEX.formatHex(KvKey.of("\u07ff\u0800\uffff\uD800\uDC00").encode()))
        .isEqualTo("02dfbfe0a080efbfbff090808000");
  }

  @Test
  void encodedLengthMatchesTheEncoding() {
    KvKey key = KvKey.of("\0é日😀", new byte[] {0, 0}, BigInteger.TEN.pow(40), -1.5, true);
    assertThat(KeyCodec.encodedLength(key)).isEqualTo(key.encode().length).isEqualTo(48);
  }
}
