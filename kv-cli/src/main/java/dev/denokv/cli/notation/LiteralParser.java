package dev.denokv.cli.notation;

import dev.denokv.cli.json.IsoDates;
import dev.denokv.key.KvKey;
import dev.denokv.value.JsArray;
import dev.denokv.value.JsArrayBuffer;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsBoolean;
import dev.denokv.value.JsDate;
import dev.denokv.value.JsMap;
import dev.denokv.value.JsNull;
import dev.denokv.value.JsNumber;
import dev.denokv.value.JsObject;
import dev.denokv.value.JsSet;
import dev.denokv.value.JsString;
import dev.denokv.value.JsUndefined;
import dev.denokv.value.JsValue;
import dev.denokv.value.JsViewKind;
import dev.denokv.value.KvU64;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads keys and values written in Deno's notation, the JavaScript literals a Deno program would
 * write: {@code ["users", 1n, true, new Uint8Array([1])]} for a key; strings, numbers, bigints,
 * booleans, {@code null}, {@code undefined}, arrays, objects, {@code new Date(…)},
 * {@code new Map([…])}, {@code new Set([…])}, typed arrays and {@code new Deno.KvU64(…n)} for a
 * value. Errors name the 1-based column.
 */
public final class LiteralParser {

  private final String text;
  private final String what;
  private int pos;

  private LiteralParser(String text, String what) {
    this.text = text;
    this.what = what;
  }

  /** Reads a whole key, such as {@code ["users", 1n]}. */
  public static KvKey key(String text) {
    LiteralParser p = new LiteralParser(text, "key");
    KvKey key = p.readKey();
    p.expectEnd();
    return key;
  }

  /**
   * Reads a whole value: a {@link JsValue}, or a {@link KvU64} when the text is
   * {@code new Deno.KvU64(…n)}.
   */
  public static Object value(String text) {
    LiteralParser p = new LiteralParser(text, "value");
    Object value = p.readTopValue();
    p.expectEnd();
    return value;
  }

  /** A key followed by {@code =} and a value, as in {@code ["a"]=1}: the two parts. */
  public static KeyAndText keyThenValue(String text) {
    LiteralParser p = new LiteralParser(text, "key");
    KvKey key = p.readKey();
    p.skipSpace();
    if (!p.peekIs('=')) {
      throw p.error("expected '=' after the key");
    }
    return new KeyAndText(key, text.substring(p.pos + 1).strip());
  }

  /** A key and the text after its {@code =}. */
  public record KeyAndText(KvKey key, String rest) {}

  private KvKey readKey() {
    skipSpace();
    if (!peekIs('[')) {
      throw error("a key is an array such as [\"users\", 1n]; expected '['");
    }
    pos++;
    List<Object> parts = new ArrayList<>();
    skipSpace();
    if (peekIs(']')) {
      pos++;
      return KvKey.of(parts);
    }
    while (true) {
      skipSpace();
      int column = pos + 1;
      Object value = readTopValue();
      parts.add(keyPart(value, column));
      skipSpace();
      if (peekIs(',')) {
        pos++;
        skipSpace();
        if (peekIs(']')) {
          pos++;
          break;
        }
      } else if (peekIs(']')) {
        pos++;
        break;
      } else {
        throw error("expected ',' or ']'");
      }
    }
    return KvKey.of(parts);
  }

  private Object keyPart(Object value, int column) {
    if (value instanceof JsString s) {
      return s.value();
    } else if (value instanceof JsNumber n) {
      return n.value();
    } else if (value instanceof JsBigInt b) {
      return b.value();
    } else if (value instanceof JsBoolean b) {
      return b.value();
    } else if (value instanceof JsArrayBufferView v && v.kind() == JsViewKind.UINT8_ARRAY) {
      return v.bytes();
    }
    throw new NotationException(what, column,
        "a key part is a string, number, bigint, boolean or Uint8Array");
  }

  private Object readTopValue() {
    skipSpace();
    int start = pos;
    if (tryWord("new")) {
      skipSpace();
      if (tryWord("Deno.KvU64") || tryWord("KvU64")) {
        List<JsValue> args = arguments();
        if (args.size() == 1 && args.get(0) instanceof JsBigInt b) {
          try {
            return KvU64.of(b.value());
          } catch (RuntimeException e) {
            throw new NotationException(what, start + 1, "a KvU64 holds 0 to 2^64-1");
          }
        }
        throw new NotationException(what, start + 1, "KvU64 takes one bigint, as in new Deno.KvU64(5n)");
      }
      pos = start;
    }
    return readValue();
  }

  private JsValue readValue() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    if (c == '"' || c == '\'') {
      return JsString.of(readString());
    }
    if (c == '[') {
      return readArray();
    }
    if (c == '{') {
      return readObject();
    }
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
      return readNumber();
    }
    int start = pos;
    if (tryWord("true")) {
      return JsBoolean.TRUE;
    } else if (tryWord("false")) {
      return JsBoolean.FALSE;
    } else if (tryWord("null")) {
      return JsNull.INSTANCE;
    } else if (tryWord("undefined")) {
      return JsUndefined.INSTANCE;
    } else if (tryWord("NaN")) {
      return JsNumber.of(Double.NaN);
    } else if (tryWord("Infinity")) {
      return JsNumber.of(Double.POSITIVE_INFINITY);
    } else if (tryWord("new")) {
      skipSpace();
      return readConstruction(start);
    }
    throw error("expected a value");
  }

  private JsValue readConstruction(int start) {
    int nameStart = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    String name = text.substring(nameStart, pos);
    List<JsValue> args = arguments();
    JsViewKind kind = JsViewKind.ofJsName(name);
    if (kind != null && kind.isTypedArray()) {
      return typedArray(kind, args, start);
    }
    switch (name) {
      case "Date" -> {
        if (args.size() == 1 && args.get(0) instanceof JsString s) {
          double millis = IsoDates.parse(s.value());
          if (Double.isNaN(millis)) {
            throw new NotationException(what, start + 1, "a date is an ISO-8601 string such as \"2024-01-31T12:00:00.000Z\"");
          }
          return new JsDate(millis);
        }
        if (args.size() == 1 && args.get(0) instanceof JsNumber n) {
          return new JsDate(n.value());
        }
        throw new NotationException(what, start + 1, "Date takes an ISO-8601 string or milliseconds");
      }
      case "Map" -> {
        JsMap map = new JsMap();
        for (JsValue entry : iterable(args, start, "Map")) {
          if (!(entry instanceof JsArray pair) || pair.length() != 2) {
            throw new NotationException(what, start + 1, "Map takes an array of [key, value] pairs");
          }
          map.put(pair.get(0), pair.get(1));
        }
        return map;
      }
      case "Set" -> {
        JsSet set = new JsSet();
        iterable(args, start, "Set").forEach(set::add);
        return set;
      }
      default -> throw new NotationException(what, start + 1,
          "unknown constructor '" + name + "' (Date, Map, Set, Uint8Array and the other typed arrays, Deno.KvU64)");
    }
  }

  private List<JsValue> iterable(List<JsValue> args, int start, String name) {
    if (args.isEmpty()) {
      return List.of();
    }
    if (args.size() == 1 && args.get(0) instanceof JsArray array) {
      return array.toList();
    }
    throw new NotationException(what, start + 1, name + " takes one array");
  }

  private JsValue typedArray(JsViewKind kind, List<JsValue> args, int start) {
    List<JsValue> elements = iterable(args, start, kind.jsName());
    ByteBuffer buffer = ByteBuffer.allocate(elements.size() * kind.elementSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (JsValue e : elements) {
      if (kind == JsViewKind.BIGINT64_ARRAY || kind == JsViewKind.BIGUINT64_ARRAY) {
        if (!(e instanceof JsBigInt b)) {
          throw new NotationException(what, start + 1, kind.jsName() + " takes bigints");
        }
        buffer.putLong(b.value().longValue());
        continue;
      }
      if (!(e instanceof JsNumber n)) {
        throw new NotationException(what, start + 1, kind.jsName() + " takes numbers");
      }
      double d = n.value();
      switch (kind) {
        case INT8_ARRAY, UINT8_ARRAY -> buffer.put((byte) toInt(d));
        case UINT8_CLAMPED_ARRAY -> buffer.put((byte) (Double.isNaN(d) ? 0 : (int) Math.rint(Math.max(0, Math.min(255, d)))));
        case INT16_ARRAY, UINT16_ARRAY -> buffer.putShort((short) toInt(d));
        case INT32_ARRAY, UINT32_ARRAY -> buffer.putInt((int) toInt(d));
        case FLOAT32_ARRAY -> buffer.putFloat((float) d);
        case FLOAT64_ARRAY -> buffer.putDouble(d);
        default -> throw new NotationException(what, start + 1, kind.jsName() + " cannot be written in this notation");
      }
    }
    return JsArrayBufferView.of(kind, JsArrayBuffer.of(buffer.array()));
  }

  /** ToInt32-like truncation modulo 2^32, as typed arrays store numbers. */
  private static long toInt(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return 0;
    }
    return new java.math.BigDecimal(d).toBigInteger().longValue();
  }

  private List<JsValue> arguments() {
    skipSpace();
    if (!peekIs('(')) {
      throw error("expected '('");
    }
    pos++;
    List<JsValue> args = new ArrayList<>();
    skipSpace();
    if (peekIs(')')) {
      pos++;
      return args;
    }
    while (true) {
      args.add(readValue());
      skipSpace();
      if (peekIs(',')) {
        pos++;
      } else if (peekIs(')')) {
        pos++;
        return args;
      } else {
        throw error("expected ',' or ')'");
      }
    }
  }

  private JsArray readArray() {
    pos++;
    JsArray array = new JsArray();
    long index = 0;
    while (true) {
      skipSpace();
      if (peekIs(']')) {
        pos++;
        array.setLength(index);
        return array;
      }
      if (peekIs(',')) {
        pos++;
        index++;
        continue;
      }
      array.set(index++, readValue());
      skipSpace();
      if (peekIs(',')) {
        pos++;
      } else if (peekIs(']')) {
        pos++;
        array.setLength(index);
        return array;
      } else {
        throw error("expected ',' or ']'");
      }
    }
  }

  private JsObject readObject() {
    pos++;
    JsObject object = JsObject.create();
    while (true) {
      skipSpace();
      if (peekIs('}')) {
        pos++;
        return object;
      }
      String name = readPropertyName();
      skipSpace();
      if (!peekIs(':')) {
        throw error("expected ':'");
      }
      pos++;
      object.put(name, readValue());
      skipSpace();
      if (peekIs(',')) {
        pos++;
      } else if (peekIs('}')) {
        pos++;
        return object;
      } else {
        throw error("expected ',' or '}'");
      }
    }
  }

  private String readPropertyName() {
    if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
      return readString();
    }
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        pos++;
      } else {
        break;
      }
    }
    if (pos == start) {
      throw error("expected a property name");
    }
    String name = text.substring(start, pos);
    if (Character.isDigit(name.charAt(0))) {
      try {
        return dev.denokv.value.JsNumbers.toJsString(Double.parseDouble(name));
      } catch (NumberFormatException e) {
        throw new NotationException(what, start + 1, "bad property name '" + name + "'");
      }
    }
    return name;
  }

  private String readString() {
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000b');
        case '0' -> sb.append('\0');
        case 'x' -> sb.append((char) hex(2));
        case 'u' -> {
          if (peekIs('{')) {
            pos++;
            int end = text.indexOf('}', pos);
            if (end < 0) {
              throw error("unterminated \\u{...} escape");
            }
            try {
              sb.appendCodePoint(Integer.parseInt(text.substring(pos, end), 16));
            } catch (IllegalArgumentException ex) {
              throw error("bad \\u{...} escape");
            }
            pos = end + 1;
          } else {
            sb.append((char) hex(4));
          }
        }
        default -> sb.append(e);
      }
    }
  }

  private int hex(int digits) {
    if (pos + digits > text.length()) {
      throw error("bad escape");
    }
    try {
      int v = Integer.parseInt(text.substring(pos, pos + digits), 16);
      pos += digits;
      return v;
    } catch (NumberFormatException e) {
      throw error("bad escape");
    }
  }

  private JsValue readNumber() {
    int start = pos;
    boolean negative = false;
    if (peekIs('-') || peekIs('+')) {
      negative = text.charAt(pos) == '-';
      pos++;
    }
    if (tryWord("Infinity")) {
      return JsNumber.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (tryWord("NaN")) {
      return JsNumber.of(Double.NaN);
    }
    int digitsStart = pos;
    if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
      pos += 2;
      int hexStart = pos;
      while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
        pos++;
      }
      if (pos == hexStart) {
        throw error("bad hexadecimal number");
      }
      BigInteger v = new BigInteger(text.substring(hexStart, pos), 16);
      if (negative) {
        v = v.negate();
      }
      if (peekIs('n')) {
        pos++;
        return JsBigInt.of(v);
      }
      return JsNumber.of(v.doubleValue());
    }
    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (peekIs('n')) {
      String digits = text.substring(digitsStart, pos).replace("_", "");
      if (digits.isEmpty()) {
        throw new NotationException(what, start + 1, "bad bigint");
      }
      pos++;
      BigInteger v = new BigInteger(digits);
      return JsBigInt.of(negative ? v.negate() : v);
    }
    if (peekIs('.')) {
      pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (peekIs('e') || peekIs('E')) {
      pos++;
      if (peekIs('+') || peekIs('-')) {
        pos++;
      }
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    String literal = text.substring(digitsStart, pos).replace("_", "");
    try {
      double v = Double.parseDouble(literal);
      return JsNumber.of(negative ? -v : v);
    } catch (NumberFormatException e) {
      throw new NotationException(what, start + 1, "bad number '" + text.substring(start, pos) + "'");
    }
  }

  private boolean tryWord(String word) {
    if (!text.startsWith(word, pos)) {
      return false;
    }
    int end = pos + word.length();
    if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
      return false;
    }
    pos = end;
    return true;
  }

  private boolean peekIs(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private void expectEnd() {
    skipSpace();
    if (pos < text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "' after the " + what);
    }
  }

  private NotationException error(String problem) {
    return new NotationException(what, pos + 1, problem);
  }
}
