package dev.denokv.cli.notation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.key.KvKey;
import dev.denokv.value.KvU64;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Keys and values in Deno's notation: read, printed, and read back. */
class NotationTest {

  @Test
  void keysOfEveryPartTypeAreReadAndPrintedBack() {
    KvKey key = LiteralParser.key("[ 'users', 1n, -0.5, true, new Uint8Array([1, 255]), \"a\\\"b\\u00e9\\n\", 0x10, 1_000, Infinity ]");

    assertThat(key.parts()).containsExactly("users", BigInteger.ONE, -0.5, true, new byte[] {1, (byte) 255}, "a\"bé\n",
        16.0, 1000.0, Double.POSITIVE_INFINITY);
    String printed = LiteralPrinter.key(key);
    assertThat(printed).isEqualTo("[\"users\", 1n, -0.5, true, new Uint8Array([1, 255]), \"a\\\"bé\\n\", 16, 1000, Infinity]");
    assertThat(LiteralParser.key(printed)).isEqualTo(key);
  }

  @Test
  void valuesArePrintedAsTheLiteralsTheyWereReadFrom() {
    String[] literals = {
        "{ 7: null, name: \"Ada\", \"two words\": [1, , 3], trailing: [,], u: undefined }",
        "new Map([[1n, new Set([NaN, 1e+21, 1.5e-7])], [0, [-0]]])",
        "new Date(\"-000001-01-01T00:00:00.000Z\")",
        "new Int16Array([1, -2, 300])",
        "new BigUint64Array([18446744073709551615n])",
        "\"\\u0000 \\ud800 😀\"",
    };
    for (String literal : literals) {
      Object value = LiteralParser.value(literal);
      assertThat(LiteralPrinter.value(value)).isEqualTo(literal);
    }
    assertThat(LiteralParser.value("new Deno.KvU64(18446744073709551615n)")).isEqualTo(KvU64.of(new BigInteger("18446744073709551615")));
  }

  @Test
  void errorsNameTheColumn() {
    assertThatThrownBy(() -> LiteralParser.key("[\"a\", {}]"))
        .isInstanceOf(NotationException.class)
        .hasMessage("bad key at column 7: a key part is a string, number, bigint, boolean or Uint8Array");
    assertThatThrownBy(() -> LiteralParser.value("{ a: 1 } x"))
        .hasMessage("bad value at column 10: unexpected 'x' after the value");
    assertThatThrownBy(() -> LiteralParser.value("new Foo(1)"))
        .hasMessageStartingWith("bad value at column 1: unknown constructor 'Foo'");
    assertThatThrownBy(() -> LiteralParser.value("\"open"))
        .hasMessage("bad value at column 6: unterminated string");
  }
}
