package dev.denokv.value.jackson;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** JS {@code Number.prototype.toString()} for property keys written as numbers. */
final class JsNumbers {

  private JsNumbers() {}

  /** The canonical JS string of {@code value}: 10 → "10", 1.5 → "1.5", 1e21 → "1e+21", -0 → "0". */
  static String toJsString(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return "0";
    }
    if (value == Math.rint(value) && Math.abs(value) <= 0x1p53) {
      return Long.toString((long) value);
    }
    // The shortest digits that read back as the value (the closest such), then ECMAScript's
    // layout rules (Number::toString).
    double magnitude = Math.abs(value);
    BigDecimal exact = new BigDecimal(magnitude);
    BigDecimal d = exact;
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == magnitude) {
        d = rounded;
        break;
      }
    }
    d = d.stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int k = digits.length();
    int n = k - d.scale(); // value = 0.digits × 10^n
    StringBuilder sb = new StringBuilder(value < 0 ? "-" : "");
    if (k <= n && n <= 21) {
      sb.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      sb.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int e = n - 1;
      sb.append(digits.charAt(0));
      if (k > 1) {
        sb.append('.').append(digits, 1, k);
      }
      sb.append('e').append(e >= 0 ? "+" : "-").append(Math.abs(e));
    }
    return sb.toString();
  }
}
