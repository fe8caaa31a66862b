package dev.denokv.value;


import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsNumbersFormattingTest {

  /** Expected strings are what {@code String(x)} gives in Deno. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "0, 0", "-0.0, 0", "10, 10", "1.5, 1.5", "-2.25, -2.25", "4294967294, 4294967294",
      "1e21, 1e+21", "1.5e21, 1.5e+21", "123456789012345680000, 123456789012345680000",
      "1e-6, 0.000001", "1e-7, 1e-7", "1.2345e-7, 1.2345e-7", "0.1, 0.1", "5e-324, 5e-324",
      "1.7976931348623157e308, 1.7976931348623157e+308", "NaN, NaN", "Infinity, Infinity",
      "-Infinity, -Infinity",
  })
  void formatsLikeJs(double value, String expected) {
    assertThat(JsNumbers.toJsString(value)).isEqualTo(expected);
  }
}
