package dev.denokv.cli.notation;

import dev.denokv.cli.json.IsoDates;
import dev.denokv.cli.json.Surrogates;
import dev.denokv.key.KvKey;
import dev.denokv.value.JsArray;
import dev.denokv.value.JsArrayBuffer;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsBigIntObject;
import dev.denokv.value.JsBoolean;
import dev.denokv.value.JsBooleanObject;
import dev.denokv.value.JsDate;
import dev.denokv.value.JsError;
import dev.denokv.value.JsHostObject;
import dev.denokv.value.JsMap;
import dev.denokv.value.JsNull;
import dev.denokv.value.JsNumber;
import dev.denokv.value.JsNumberObject;
import dev.denokv.value.JsNumbers;
import dev.denokv.value.JsObject;
import dev.denokv.value.JsRegExp;
import dev.denokv.value.JsSet;
import dev.denokv.value.JsString;
import dev.denokv.value.JsStringObject;
import dev.denokv.value.JsUndefined;
import dev.denokv.value.JsValue;
import dev.denokv.value.JsViewKind;
import dev.denokv.value.KvU64;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes keys and values as the JavaScript literals {@link LiteralParser} reads, so that printed
 * keys and values can be pasted back into a command: {@code ["users", 1n, new Uint8Array([1])]},
 * {@code { name: "Ada", born: new Date("1815-12-10T00:00:00.000Z") }}.
 */
public final class LiteralPrinter {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private LiteralPrinter() {}

  /** A key in Deno's notation. */
  public static String key(KvKey key) {
    StringBuilder sb = new StringBuilder("[");
    String sep = "";
    for (Object part : key.parts()) {
      sb.append(sep);
      sep = ", ";
      if (part instanceof String s) {
        quote(sb, s);
      } else if (part instanceof Double d) {
        number(sb, d);
      } else if (part instanceof BigInteger b) {
        sb.append(b).append('n');
      } else if (part instanceof Boolean b) {
        sb.append(b);
      } else {
        uint8Array(sb, (byte[]) part);
      }
    }
    return sb.append(']').toString();
  }

  /** A value ({@link JsValue} or {@link KvU64}) as a JavaScript literal. */
  public static String value(Object value) {
    if (value instanceof KvU64 u) {
      return "new Deno.KvU64(" + u.value() + "n)";
    }
    StringBuilder sb = new StringBuilder();
    append(sb, (JsValue) value, new IdentityHashMap<>());
    return sb.toString();
  }

  private static void append(StringBuilder sb, JsValue v, IdentityHashMap<JsValue, Boolean> path) {
    if (v instanceof JsString s) {
      quote(sb, s.value());
    } else if (v instanceof JsNumber n) {
      number(sb, n.value());
    } else if (v instanceof JsBigInt b) {
      sb.append(b.value()).append('n');
    } else if (v instanceof JsBoolean b) {
      sb.append(b.value());
    } else if (v instanceof JsNull) {
      sb.append("null");
    } else if (v instanceof JsUndefined) {
      sb.append("undefined");
    } else if (path.put(v, Boolean.TRUE) != null) {
      sb.append("[Circular]");
    } else {
      appendObject(sb, v, path);
      path.remove(v);
    }
  }

  private static void appendObject(StringBuilder sb, JsValue v, IdentityHashMap<JsValue, Boolean> path) {
    if (v instanceof JsObject o) {
      if (o.size() == 0) {
        sb.append("{}");
        return;
      }
      sb.append("{ ");
      String sep = "";
      for (Map.Entry<String, JsValue> e : o.entries()) {
        sb.append(sep);
        sep = ", ";
        propertyName(sb, e.getKey());
        sb.append(": ");
        append(sb, e.getValue(), path);
      }
      sb.append(" }");
    } else if (v instanceof JsArray a) {
      sb.append('[');
      for (long i = 0; i < a.length(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        JsValue element = a.element(i);
        if (element != null) {
          append(sb, element, path);
        } else if (i == a.length() - 1) {
          sb.append(',');
        }
      }
      sb.append(']');
    } else if (v instanceof JsMap m) {
      sb.append("new Map([");
      String sep = "";
      for (Map.Entry<JsValue, JsValue> e : m.entries().entrySet()) {
        sb.append(sep).append('[');
        sep = ", ";
        append(sb, e.getKey(), path);
        sb.append(", ");
        append(sb, e.getValue(), path);
        sb.append(']');
      }
      sb.append("])");
    } else if (v instanceof JsSet s) {
      sb.append("new Set([");
      String sep = "";
      for (JsValue e : s.values()) {
        sb.append(sep);
        sep = ", ";
        append(sb, e, path);
      }
      sb.append("])");
    } else if (v instanceof JsDate d) {
      sb.append(d.isValid() ? "new Date(\"" + IsoDates.format(d.epochMillis()) + "\")" : "new Date(NaN)");
    } else if (v instanceof JsArrayBufferView view) {
      view(sb, view);
    } else if (v instanceof JsArrayBuffer b) {
      sb.append("new Uint8Array(");
      bytes(sb, b.data());
      sb.append(").buffer");
    } else if (v instanceof JsRegExp r) {
      sb.append('/').append(r.source()).append('/').append(r.flags());
    } else if (v instanceof JsError e) {
      sb.append("new ").append(e.name()).append('(');
      quote(sb, e.message() == null ? "" : e.message());
      sb.append(')');
    } else if (v instanceof JsNumberObject n) {
      sb.append("new Number(");
      number(sb, n.value());
      sb.append(')');
    } else if (v instanceof JsStringObject s) {
      sb.append("new String(");
      quote(sb, s.value());
      sb.append(')');
    } else if (v instanceof JsBooleanObject b) {
      sb.append("new Boolean(").append(b.value()).append(')');
    } else if (v instanceof JsBigIntObject b) {
      sb.append("Object(").append(b.value()).append("n)");
    } else if (v instanceof JsHostObject) {
      sb.append("[host object]");
    } else {
      sb.append(v);
    }
  }

  private static void view(StringBuilder sb, JsArrayBufferView view) {
    JsViewKind kind = view.kind();
    byte[] data = view.bytes();
    if (kind == JsViewKind.UINT8_ARRAY) {
      uint8Array(sb, data);
      return;
    }
    if (kind == JsViewKind.DATA_VIEW || kind == JsViewKind.FLOAT16_ARRAY) {
      sb.append("new ").append(kind.jsName()).append("(new Uint8Array(");
      bytes(sb, data);
      sb.append(").buffer)");
      return;
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    sb.append("new ").append(kind.jsName()).append("([");
    for (int i = 0; in.remaining() >= kind.elementSize(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      switch (kind) {
        case INT8_ARRAY -> sb.append(in.get());
        case UINT8_CLAMPED_ARRAY -> sb.append(in.get() & 0xFF);
        case INT16_ARRAY -> sb.append(in.getShort());
        case UINT16_ARRAY -> sb.append(in.getShort() & 0xFFFF);
        case INT32_ARRAY -> sb.append(in.getInt());
        case UINT32_ARRAY -> sb.append(in.getInt() & 0xFFFF_FFFFL);
        case FLOAT32_ARRAY -> number(sb, in.getFloat());
        case FLOAT64_ARRAY -> number(sb, in.getDouble());
        case BIGINT64_ARRAY -> sb.append(in.getLong()).append('n');
        default -> sb.append(new BigInteger(Long.toUnsignedString(in.getLong()))).append('n');
      }
    }
    sb.append("])");
  }

  private static void uint8Array(StringBuilder sb, byte[] data) {
    sb.append("new Uint8Array(");
    bytes(sb, data);
    sb.append(')');
  }

  private static void bytes(StringBuilder sb, byte[] data) {
    sb.append('[');
    for (int i = 0; i < data.length; i++) {
      sb.append(i > 0 ? ", " : "").append(data[i] & 0xFF);
    }
    sb.append(']');
  }

  private static void number(StringBuilder sb, double d) {
    if (d == 0 && Double.doubleToRawLongBits(d) != 0) {
      sb.append("-0");
    } else {
      sb.append(JsNumbers.toJsString(d));
    }
  }

  private static void propertyName(StringBuilder sb, String name) {
    if (IDENTIFIER.matcher(name).matches() || JsNumbers.arrayIndex(name) >= 0) {
      sb.append(name);
    } else {
      quote(sb, name);
    }
  }

  /** Appends {@code s} as a double-quoted JavaScript string literal. */
  static void quote(StringBuilder sb, String s) {
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
          if (c < 0x20 || c == 0x7F || (Character.isSurrogate(c) && !Surrogates.paired(s, i))) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
