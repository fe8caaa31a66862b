package dev.denokv.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Conversions between JS values and plain Java data. */
class JsJavaConversionTest {

  @Test
  void fromJavaConvertsCommonTypes() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("s", "text");
    map.put("i", 42);
    map.put("l", 9007199254740991L);
    map.put("d", 1.5);
    map.put("b", true);
    map.put("n", null);
    map.put("big", BigInteger.TWO.pow(70));
    map.put("when", Instant.ofEpochMilli(5));
    map.put("bytes", new byte[] {1, 2});
    map.put("list", List.of(1, "x"));
    map.put("set", new LinkedHashSet<>(List.of("a", "b")));
    map.put("u64", KvU64.of(5));
    JsObject o = (JsObject) JsValues.fromJava(map);
    assertThat(o.keys()).containsExactly("s", "i", "l", "d", "b", "n", "big", "when", "bytes", "list", "set", "u64");
    assertThat(o.get("s")).isEqualTo(JsString.of("text"));
    assertThat(o.get("i")).isEqualTo(new JsNumber(42));
    assertThat(o.get("l")).isEqualTo(new JsNumber(9007199254740991.0));
    assertThat(o.get("n")).isEqualTo(JsNull.INSTANCE);
    assertThat(o.get("big")).isEqualTo(new JsBigInt(BigInteger.TWO.pow(70)));
    assertThat(((JsDate) o.get("when")).epochMillis()).isEqualTo(5.0);
    JsArrayBufferView bytes = (JsArrayBufferView) o.get("bytes");
    assertThat(bytes.kind()).isEqualTo(JsViewKind.UINT8_ARRAY);
    assertThat(bytes.bytes()).containsExactly(1, 2);
    assertThat(((JsArray) o.get("list")).toList()).containsExactly(new JsNumber(1), JsString.of("x"));
    assertThat(((JsSet) o.get("set")).values()).containsExactly(JsString.of("a"), JsString.of("b"));
    assertThat(((JsObject) o.get("u64")).get("value")).isEqualTo(new JsBigInt(BigInteger.valueOf(5)));
  }

  @Test
  void mapsWithNonStringKeysBecomeJsMaps() {
    JsValue v = JsValues.fromJava(Map.of(1, "one"));
    assertThat(v).isInstanceOf(JsMap.class);
    assertThat(((JsMap) v).get(new JsNumber(1))).isEqualTo(JsString.of("one"));
  }

  @Test
  void fromJavaKeepsSharingAndCycles() {
    List<Object> list = new ArrayList<>();
    Map<String, Object> shared = Map.of("k", "v");
    list.add(shared);
    list.add(shared);
    list.add(list);
    JsArray a = (JsArray) JsValues.fromJava(list);
    assertThat(a.get(0)).isSameAs(a.get(1));
    assertThat(a.get(2)).isSameAs(a);
  }

  @Test
  void fromJavaRejectsWhatJsCannotHold() {
    assertThatThrownBy(() -> JsValues.fromJava(9007199254740993L)).isInstanceOf(KvInvalidArgumentException.class)
        .hasMessageContaining("BigInteger");
    assertThatThrownBy(() -> JsValues.fromJava(new Object())).isInstanceOf(KvInvalidArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  @SuppressWarnings("unchecked")
  void toJavaGivesPlainJavaData() {
    JsObject o = JsObject.builder()
        .put("s", "x").put("n", 1.5).put("b", true)
        .put("u", JsUndefined.INSTANCE).put("nul", JsNull.INSTANCE)
        .put("big", new JsBigInt(BigInteger.TEN))
        .put("arr", JsArray.withLength(2).set(1, JsString.of("b")))
        .put("date", new JsDate(0))
        .put("bad date", JsDate.invalid())
        .put("map", new JsMap().put(new JsNumber(1), JsString.of("one")))
        .put("set", JsSet.of(JsString.of("e")))
        .put("buf", JsArrayBuffer.of(new byte[] {7}))
        .put("view", JsArrayBufferView.of(JsViewKind.UINT8_ARRAY, JsArrayBuffer.of(new byte[] {1, 2, 3}), 1, 2))
        .put("num", new JsNumberObject(3))
        .put("str", new JsStringObject("w"))
        .put("re", new JsRegExp("a", "g"))
        .build();
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) o.toJava();
    assertThat(m).containsEntry("s", "x").containsEntry("n", 1.5).containsEntry("b", true)
        .containsEntry("u", null).containsEntry("nul", null).containsEntry("big", BigInteger.TEN)
        .containsEntry("date", Instant.EPOCH).containsEntry("bad date", null)
        .containsEntry("map", Map.of(1.0, "one")).containsEntry("set", Set.of("e"))
        .containsEntry("num", 3.0).containsEntry("str", "w");
    assertThat((List<Object>) m.get("arr")).containsExactly(null, "b");
    assertThat((byte[]) m.get("buf")).containsExactly(7);
    assertThat((byte[]) m.get("view")).containsExactly(2, 3);
    assertThat(m.get("re")).isSameAs(o.get("re"));
    assertThat(m.keySet()).containsExactly("s", "n", "b", "u", "nul", "big", "arr", "date", "bad date", "map", "set", "buf", "view", "num", "str", "re");
  }

  @Test
  void toJavaKeepsCycles() {
    JsObject o = new JsObject();
    o.put("self", o);
    Map<?, ?> m = (Map<?, ?>) o.toJava();
    assertThat(m.get("self")).isSameAs(m);
  }

  @Test
  void javaRoundTripThroughTheModel() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", "ada");
    data.put("tags", List.of("x", "y"));
    data.put("score", 9.5);
    assertThat(JsValues.fromJava(data).toJava()).isEqualTo(Map.of("name", "ada", "tags", List.of("x", "y"), "score", 9.5));
  }
}
