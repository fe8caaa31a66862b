package dev.denokv.cli.json;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.Versionstamp;
import dev.denokv.value.JsArray;
import dev.denokv.value.JsArrayBuffer;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsBoolean;
import dev.denokv.value.JsDate;
import dev.denokv.value.JsError;
import dev.denokv.value.JsMap;
import dev.denokv.value.JsNull;
import dev.denokv.value.JsNumber;
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
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes entries, keys and values in the JSON form of Deno's {@code @deno/kv-utils} (its
 * {@code json} module), character for character as that library's {@code JSON.stringify} output:
 * every key part and value is an object {@code {"type": …, "value": …}}; an entry is
 * {@code {"key": [...], "value": {...}, "versionstamp": "…"}}; an export is one entry per line.
 *
 * <p>The format's own rules are kept: typed arrays, {@code DataView}s and {@code ArrayBuffer}s
 * carry their whole buffer in unpadded base64url with the view's {@code byteLength}; a Date is its
 * ISO string ({@code null} when invalid); an Error carries {@code message} and, when present,
 * {@code cause} and {@code stack}; array holes are {@code null}; wrapper objects are written as
 * objects of their own enumerable properties; {@code -0} is written as {@code 0}.
 */
public final class KvJsonWriter {

  private KvJsonWriter() {}

  /** One export line (without its newline). */
  public static String entry(KvKey key, Object value, Versionstamp versionstamp) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"key\":");
    appendKey(sb, key);
    sb.append(",\"value\":");
    appendValue(sb, value);
    sb.append(",\"versionstamp\":");
    string(sb, versionstamp.toHex());
    return sb.append('}').toString();
  }

  /** An entry that may be missing: value and versionstamp {@code null} when it is. */
  public static String entryMaybe(KvKey key, @Nullable Object value, @Nullable Versionstamp versionstamp) {
    if (versionstamp == null || value == null) {
      StringBuilder sb = new StringBuilder("{\"key\":");
      appendKey(sb, key);
      return sb.append(",\"value\":null,\"versionstamp\":null}").toString();
    }
    return entry(key, value, versionstamp);
  }

  /** A key as an array of typed parts. */
  public static String key(KvKey key) {
    StringBuilder sb = new StringBuilder();
    appendKey(sb, key);
    return sb.toString();
  }

  /** A value ({@link JsValue} or {@link KvU64}). */
  public static String value(Object value) {
    StringBuilder sb = new StringBuilder();
    appendValue(sb, value);
    return sb.toString();
  }

  private static void appendKey(StringBuilder sb, KvKey key) {
    sb.append('[');
    String sep = "";
    for (Object part : key.parts()) {
      sb.append(sep);
      sep = ",";
      if (part instanceof String s) {
        typed(sb, "string");
        string(sb, s);
        sb.append('}');
      } else if (part instanceof Double d) {
        number(sb, d);
      } else if (part instanceof BigInteger b) {
        bigint(sb, b);
      } else if (part instanceof Boolean b) {
        typed(sb, "boolean");
        sb.append(b).append('}');
      } else {
        byte[] bytes = (byte[]) part;
        binary(sb, "Uint8Array", bytes, bytes.length);
      }
    }
    sb.append(']');
  }

  private static void appendValue(StringBuilder sb, Object value) {
    if (value instanceof KvU64 u) {
      typed(sb, "KvU64");
      string(sb, u.value().toString());
      sb.append('}');
      return;
    }
    append(sb, (JsValue) value, new IdentityHashMap<>());
  }

  private static void append(StringBuilder sb, JsValue v, IdentityHashMap<JsValue, Boolean> path) {
    if (v instanceof JsString s) {
      typed(sb, "string");
      string(sb, s.value());
      sb.append('}');
    } else if (v instanceof JsNumber n) {
      number(sb, n.value());
    } else if (v instanceof JsBigInt b) {
      bigint(sb, b.value());
    } else if (v instanceof JsBoolean b) {
      typed(sb, "boolean");
      sb.append(b.value()).append('}');
    } else if (v instanceof JsNull) {
      sb.append("{\"type\":\"null\",\"value\":null}");
    } else if (v instanceof JsUndefined) {
      sb.append("{\"type\":\"undefined\"}");
    } else {
      if (path.put(v, Boolean.TRUE) != null) {
        throw new KvInvalidArgumentException("A value that contains itself cannot be written as JSON");
      }
      appendObject(sb, v, path);
      path.remove(v);
    }
  }

  private static void appendObject(StringBuilder sb, JsValue v, IdentityHashMap<JsValue, Boolean> path) {
    if (v instanceof JsArray a) {
      typed(sb, "Array");
      sb.append('[');
      for (long i = 0; i < a.length(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        JsValue element = a.element(i);
        if (element == null) {
          sb.append("null");
        } else {
          append(sb, element, path);
        }
      }
      sb.append("]}");
    } else if (v instanceof JsArrayBufferView view) {
      if (view.kind() == JsViewKind.DATA_VIEW) {
        binary(sb, "DataView", view.buffer().data(), view.byteLength());
      } else {
        binary(sb, view.kind().jsName(), view.buffer().data(), view.byteLength());
      }
    } else if (v instanceof JsArrayBuffer b) {
      binary(sb, "ArrayBuffer", b.data(), b.byteLength());
    } else if (v instanceof JsDate d) {
      typed(sb, "Date");
      if (d.isValid()) {
        string(sb, IsoDates.format(d.epochMillis()));
      } else {
        sb.append("null");
      }
      sb.append('}');
    } else if (v instanceof JsError e) {
      typed(sb, e.type().jsName());
      sb.append("{\"message\":");
      string(sb, e.message() == null ? "" : e.message());
      JsValue cause = e.cause();
      if (cause != null && truthy(cause)) {
        sb.append(",\"cause\":");
        append(sb, cause, path);
      }
      if (e.stack() != null && !e.stack().isEmpty()) {
        sb.append(",\"stack\":");
        string(sb, e.stack());
      }
      sb.append("}}");
    } else if (v instanceof JsMap m) {
      typed(sb, "Map");
      sb.append('[');
      String sep = "";
      for (Map.Entry<JsValue, JsValue> e : m.entries().entrySet()) {
        sb.append(sep).append('[');
        sep = ",";
        append(sb, e.getKey(), path);
        sb.append(',');
        append(sb, e.getValue(), path);
        sb.append(']');
      }
      sb.append("]}");
    } else if (v instanceof JsRegExp r) {
      typed(sb, "RegExp");
      string(sb, "/" + r.source() + "/" + r.flags());
      sb.append('}');
    } else if (v instanceof JsSet s) {
      typed(sb, "Set");
      sb.append('[');
      String sep = "";
      for (JsValue e : s.values()) {
        sb.append(sep);
        sep = ",";
        append(sb, e, path);
      }
      sb.append("]}");
    } else if (v instanceof JsObject o) {
      typed(sb, "object");
      sb.append('{');
      String sep = "";
      for (Map.Entry<String, JsValue> e : o.entries()) {
        sb.append(sep);
        sep = ",";
        string(sb, e.getKey());
        sb.append(':');
        append(sb, e.getValue(), path);
      }
      sb.append("}}");
    } else if (v instanceof JsStringObject s) {
      // Object.entries of a String object: one property per UTF-16 unit.
      typed(sb, "object");
      sb.append('{');
      for (int i = 0; i < s.value().length(); i++) {
        sb.append(i > 0 ? "," : "");
        string(sb, Integer.toString(i));
        sb.append(":{\"type\":\"string\",\"value\":");
        string(sb, String.valueOf(s.value().charAt(i)));
        sb.append('}');
      }
      sb.append("}}");
    } else if (v instanceof dev.denokv.value.JsHostObject) {
      throw new KvInvalidArgumentException("A Deno host object cannot be written as JSON");
    } else {
      // Number, Boolean and BigInt wrapper objects have no enumerable properties.
      sb.append("{\"type\":\"object\",\"value\":{}}");
    }
  }

  private static boolean truthy(JsValue v) {
    if (v instanceof JsUndefined || v instanceof JsNull) {
      return false;
    } else if (v instanceof JsBoolean b) {
      return b.value();
    } else if (v instanceof JsNumber n) {
      return n.value() != 0 && !Double.isNaN(n.value());
    } else if (v instanceof JsString s) {
      return !s.value().isEmpty();
    } else if (v instanceof JsBigInt b) {
      return b.value().signum() != 0;
    }
    return true;
  }

  private static void typed(StringBuilder sb, String type) {
    sb.append("{\"type\":\"").append(type).append("\",\"value\":");
  }

  private static void number(StringBuilder sb, double d) {
    typed(sb, "number");
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      sb.append('"').append(JsNumbers.toJsString(d)).append('"');
    } else {
      sb.append(JsNumbers.toJsString(d));
    }
    sb.append('}');
  }

  private static void bigint(StringBuilder sb, BigInteger b) {
    typed(sb, "bigint");
    sb.append('"').append(b).append("\"}");
  }

  private static void binary(StringBuilder sb, String type, byte[] buffer, int byteLength) {
    typed(sb, type);
    sb.append('"').append(Base64Url.encode(buffer)).append("\",\"byteLength\":").append(byteLength).append('}');
  }

  /** Appends {@code s} as {@code JSON.stringify} writes a string. */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || (Character.isSurrogate(c) && !Surrogates.paired(s, i))) {
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
