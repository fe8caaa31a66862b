package dev.denokv.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number helpers with JS semantics: int32 detection, {@code Number::toString}, array indices. */
public final class JsNumbers {

  /** The largest array index, 2^32 - 2. */
  public static final long MAX_ARRAY_INDEX = 0xFFFF_FFFEL;

  private JsNumbers() {}

  /** Whether {@code value} is an integer in [-2^31, 2^31-1] and not -0. */
  public static boolean isInt32(double value) {
    int i = (int) value;
    return i == value && !(i == 0 && Double.doubleToRawLongBits(value) != 0);
  }

  /**
   * The array index a property key denotes (canonical decimal integer in [0, 2^32-2]), or -1 when
   * the key is an ordinary string key ({@code "01"}, {@code "-1"}, {@code "4294967295"}).
   */
  public static long arrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= MAX_ARRAY_INDEX ? v : -1;
  }

  /** The string JS gives for {@code value} ({@code String(value)}): shortest round-trip digits. */
  public static String toJsString(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (value == 0) {
      return "0";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value < 0) {
      return "-" + toJsString(-value);
    }
    if (value == Math.rint(value) && value <= 0x1p53) {
      return Long.toString((long) value);
    }
    BigDecimal exact = new BigDecimal(value);
    BigDecimal shortest = exact;
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == value) {
        shortest = candidate;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale();
    StringBuilder sb = new StringBuilder();
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
      sb.append('e').append(e >= 0 ? '+' : '-').append(Math.abs(e));
    }
    return sb.toString();
  }
}
