package dev.denokv.key;

import dev.denokv.value.JsNumbers;

import java.math.BigInteger;

/** Formats key parts the way Deno displays them. */
final class KeyDisplay {

  private KeyDisplay() {}

  static String format(Object[] parts) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      appendPart(sb, parts[i]);
    }
    return sb.append(']').toString();
  }

  private static void appendPart(StringBuilder sb, Object part) {
    if (part instanceof String s) {
      appendString(sb, s);
    } else if (part instanceof Double d) {
      sb.append(number(d));
    } else if (part instanceof BigInteger b) {
      sb.append(b).append('n');
    } else if (part instanceof Boolean b) {
      sb.append(b);
    } else {
      byte[] bytes = (byte[]) part;
      sb.append("Uint8Array(").append(bytes.length).append(") [");
      for (int i = 0; i < bytes.length; i++) {
        sb.append(i > 0 ? ", " : "").append(bytes[i] & 0xFF);
      }
      sb.append(']');
    }
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** A JavaScript-like rendering of a float64: {@code 42}, {@code -0}, {@code 0.5}, {@code 1e+21}. */
  static String number(double d) {
    if (d == 0 && Double.doubleToRawLongBits(d) < 0) {
      return "-0";
    }
    return JsNumbers.toJsString(d);
  }
}
