package dev.denokv.value.v8;

import dev.denokv.value.JsArray;
import dev.denokv.value.JsArrayBuffer;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsBigIntObject;
import dev.denokv.value.JsBoolean;
import dev.denokv.value.JsBooleanObject;
import dev.denokv.value.JsDate;
import dev.denokv.value.JsError;
import dev.denokv.value.JsErrorType;
import dev.denokv.value.JsHostObject;
import dev.denokv.value.JsMap;
import dev.denokv.value.JsNull;
import dev.denokv.value.JsNumber;
import dev.denokv.value.JsNumberObject;
import dev.denokv.value.JsObject;
import dev.denokv.value.JsRegExp;
import dev.denokv.value.JsSet;
import dev.denokv.value.JsString;
import dev.denokv.value.JsStringObject;
import dev.denokv.value.JsUndefined;
import dev.denokv.value.JsValue;
import dev.denokv.value.JsValues;
import dev.denokv.value.JsViewKind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A broad set of values built in Java, for the interoperability tests. */
final class JavaSamples {

  private JavaSamples() {}

  static Map<String, JsValue> all() {
    Map<String, JsValue> s = new LinkedHashMap<>();
    s.put("undefined", JsUndefined.INSTANCE);
    s.put("null", JsNull.INSTANCE);
    s.put("true", JsBoolean.TRUE);
    s.put("false", JsBoolean.FALSE);
    double[] numbers = {0, -0.0, 42, -1, 2147483647, -2147483648, 2147483648.0, 1.5, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE, 9007199254740993.0};
    for (int i = 0; i < numbers.length; i++) {
      s.put("number " + i, new JsNumber(numbers[i]));
    }
    for (String b : List.of("0", "-1", "18446744073709551616", "-10000000000000000000000000000000000000000")) {
      s.put("bigint " + b, new JsBigInt(new BigInteger(b)));
    }
    s.put("empty string", JsString.of(""));
    s.put("latin-1 string", JsString.of("café\u00ff"));
    s.put("two-byte string with padding", JsString.of("Ω".repeat(100)));
    s.put("surrogate pair", JsString.of("a😮b"));
    s.put("lone surrogate", JsString.of("x\ud800"));
    s.put("long string", JsString.of("x".repeat(300)));
    s.put("object", JsObject.builder().put("a", 1).put("b", "two").put("c", true)
        .put("n", JsNull.INSTANCE).put("u", JsUndefined.INSTANCE).build());
    s.put("object key order", JsObject.builder().put("b", 1).put("2", "x").put("a", 2).put("0", "z")
        .put("4294967294", "max index").put("4294967295", "not an index").put("-1", 3).put("01", 4).build());
    s.put("object from Java map", JsValues.fromJava(Map.of("k", List.of(1, "two", 3.5))));
    JsObject shared = JsObject.builder().put("z", 1).build();
    s.put("shared reference", JsObject.builder().put("a", shared).put("b", shared).build());
    JsObject self = JsObject.builder().put("name", "self").build();
    self.put("self", self);
    s.put("cycle", self);
    s.put("dense array", JsArray.of(new JsNumber(1), JsString.of("a"), JsNull.INSTANCE, JsUndefined.INSTANCE, new JsNumber(1.5)));
    s.put("empty array", new JsArray());
    JsArray holes = JsArray.of(new JsNumber(1), new JsNumber(2), new JsNumber(3)).delete(1);
    s.put("array with a hole", holes);
    s.put("new Array(4)", JsArray.withLength(4));
    s.put("huge sparse array", new JsArray().set(1_000_000, JsString.of("x")));
    s.put("dense array with property", JsArray.of(new JsNumber(1)).putProperty("extra", JsString.of("e")));
    s.put("sparse array with property", JsArray.withLength(2).set(1, JsString.of("b")).putProperty("p", new JsNumber(1)));
    s.put("dense array with hole tag", JsArray.of(JsString.of("a"), JsString.of("b")).delete(1).setForm(JsArray.Form.DENSE));
    JsArray selfArray = JsArray.of(new JsNumber(1));
    selfArray.add(selfArray);
    s.put("recursive array", selfArray);
    s.put("date", JsDate.of(Instant.ofEpochMilli(1_700_000_000_123L)));
    s.put("invalid date", JsDate.invalid());
    s.put("negative date", new JsDate(-86_400_000));
    s.put("regexp", new JsRegExp("a+b", "gi"));
    s.put("regexp all flags", new JsRegExp("a", "ydgimsu"));
    s.put("regexp v", new JsRegExp("[\\p{L}--[a-z]]", "v"));
    s.put("regexp two-byte", new JsRegExp("é😀", "u"));
    JsObject key = JsObject.builder().put("k", 1).build();
    s.put("map", new JsMap().put(JsString.of("a"), new JsNumber(1)).put(key, JsArray.of(key)).put(new JsNumber(-0.0), JsString.of("zero")));
    s.put("set", JsSet.of(new JsNumber(1), JsString.of("a"), new JsObject(), new JsBigInt(BigInteger.ONE)));
    s.put("array buffer", JsArrayBuffer.of(new byte[] {1, 2, 3}));
    s.put("empty array buffer", JsArrayBuffer.of(new byte[0]));
    s.put("immutable array buffer", JsArrayBuffer.immutable(new byte[] {5, 6}));
    s.put("resizable array buffer", JsArrayBuffer.resizable(new byte[] {9, 8, 7, 6}, 16));
    byte[] eight = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    for (JsViewKind kind : JsViewKind.values()) {
      s.put("view " + kind.jsName(), JsArray.of(JsArrayBufferView.of(kind, JsArrayBuffer.of(eight.clone()), 8, 8)));
    }
    s.put("top-level DataView", JsArrayBufferView.of(JsViewKind.DATA_VIEW, JsArrayBuffer.of(new byte[] {10, 11, 12, 13}), 1, 2));
    JsArrayBuffer common = JsArrayBuffer.of(new byte[] {1, 2, 3, 4});
    JsArrayBufferView whole = JsArrayBufferView.of(JsViewKind.UINT8_ARRAY, common);
    s.put("views sharing a buffer", JsArray.of(whole, JsArrayBufferView.of(JsViewKind.UINT16_ARRAY, common, 2, 2), whole, common));
    JsArrayBuffer growable = JsArrayBuffer.resizable(new byte[] {1, 2, 3, 4}, 8);
    s.put("views on a resizable buffer", JsArray.of(
        JsArrayBufferView.lengthTracking(JsViewKind.UINT8_ARRAY, growable, 1),
        JsArrayBufferView.of(JsViewKind.INT16_ARRAY, growable, 2, 2)));
    s.put("Uint8Array from bytes", JsObject.builder().put("u8", JsValues.fromJava(new byte[] {0, 1, (byte) 255})).build());
    s.put("Boolean objects", JsArray.of(new JsBooleanObject(true), new JsBooleanObject(false)));
    JsNumberObject numberObject = new JsNumberObject(-0.0);
    s.put("Number object twice", JsArray.of(numberObject, numberObject));
    s.put("BigInt object", new JsBigIntObject(BigInteger.TEN.pow(30)));
    s.put("String object", new JsStringObject("s😀"));
    s.put("error", JsError.of("boom").setStack("Error: boom\n    at fixed"));
    for (JsErrorType type : JsErrorType.values()) {
      s.put("error " + type.jsName(), new JsError(type, "m").setStack(type.jsName()));
    }
    s.put("error without message or stack", new JsError(JsErrorType.ERROR, null));
    s.put("error with undefined cause", JsError.of("u").setStack("S").setCause(JsUndefined.INSTANCE));
    s.put("error with error cause", JsError.of("outer").setStack("E")
        .setCause(new JsError(JsErrorType.TYPE_ERROR, "inner").setStack("T")));
    JsError selfCause = JsError.of("self").setStack("s");
    selfCause.setCause(selfCause);
    s.put("error caused by itself", selfCause);
    s.put("DOMException", new JsHostObject(JsObject.builder().put("type", "DOMException")
        .put("message", "msg").put("name", "AbortError").put("stack", "fixed").build()));
    return s;
  }
}
