package dev.denokv.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JS value model follows JS semantics: key order, array holes and forms, flags, dates. */
class JsModelTest {

  @Test
  void objectKeysFollowJsOrder() {
    JsObject o = JsObject.builder().put("b", 1).put("2", "x").put("a", 2).put("0", "z")
        .put("4294967295", "not an index").put("01", "string key").build();
    assertThat(o.keys()).containsExactly("0", "2", "b", "a", "4294967295", "01");
    o.put("b", JsString.of("again"));
    assertThat(o.keys()).containsExactly("0", "2", "b", "a", "4294967295", "01");
    assertThat(o.get("b")).isEqualTo(JsString.of("again"));
    assertThat(o.remove("2")).isEqualTo(JsString.of("x"));
    assertThat(o.has("2")).isFalse();
    assertThat(o.size()).isEqualTo(5);
  }

  @Test
  void arrayIndexKeysAreCanonical() {
    assertThat(JsNumbers.arrayIndex("0")).isZero();
    assertThat(JsNumbers.arrayIndex("4294967294")).isEqualTo(4294967294L);
    assertThat(JsNumbers.arrayIndex("4294967295")).isEqualTo(-1);
    assertThat(JsNumbers.arrayIndex("01")).isEqualTo(-1);
    assertThat(JsNumbers.arrayIndex("-1")).isEqualTo(-1);
    assertThat(JsNumbers.arrayIndex("1.5")).isEqualTo(-1);
    assertThat(JsNumbers.arrayIndex("")).isEqualTo(-1);
    assertThat(JsNumbers.arrayIndex("99999999999")).isEqualTo(-1);
  }

  @Test
  void numbersPrintAsJsPrintsThem() {
    assertThat(JsNumbers.toJsString(1)).isEqualTo("1");
    assertThat(JsNumbers.toJsString(-0.0)).isEqualTo("0");
    assertThat(JsNumbers.toJsString(1.5)).isEqualTo("1.5");
    assertThat(JsNumbers.toJsString(0.1)).isEqualTo("0.1");
    assertThat(JsNumbers.toJsString(1e21)).isEqualTo("1e+21");
    assertThat(JsNumbers.toJsString(1e20)).isEqualTo("100000000000000000000");
    assertThat(JsNumbers.toJsString(1.2e-7)).isEqualTo("1.2e-7");
    assertThat(JsNumbers.toJsString(0.000001)).isEqualTo("0.000001");
    assertThat(JsNumbers.toJsString(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(JsNumbers.toJsString(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(JsNumbers.toJsString(Double.NaN)).isEqualTo("NaN");
    assertThat(JsNumbers.toJsString(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(JsNumbers.toJsString(-4294967294.0)).isEqualTo("-4294967294");
  }

  @Test
  void int32DetectionExcludesNegativeZero() {
    assertThat(JsNumbers.isInt32(-2147483648.0)).isTrue();
    assertThat(JsNumbers.isInt32(2147483648.0)).isFalse();
    assertThat(JsNumbers.isInt32(-0.0)).isFalse();
    assertThat(JsNumbers.isInt32(0.5)).isFalse();
    assertThat(JsNumbers.isInt32(Double.NaN)).isFalse();
  }

  @Test
  void numbersCompareExactly() {
    assertThat(new JsNumber(Double.NaN)).isEqualTo(new JsNumber(Double.NaN));
    assertThat(new JsNumber(0.0)).isNotEqualTo(new JsNumber(-0.0));
  }

  @Test
  void arraysBecomeSparseWhenHolesAppear() {
    JsArray a = JsArray.of(new JsNumber(1), new JsNumber(2));
    assertThat(a.form()).isEqualTo(JsArray.Form.DENSE);
    a.add(new JsNumber(3)).set(3, new JsNumber(4));
    assertThat(a.form()).isEqualTo(JsArray.Form.DENSE);
    assertThat(a.length()).isEqualTo(4);
    a.delete(1);
    assertThat(a.form()).isEqualTo(JsArray.Form.SPARSE);
    assertThat(a.isHole(1)).isTrue();
    assertThat(a.get(1)).isEqualTo(JsUndefined.INSTANCE);
    assertThat(a.element(1)).isNull();
    assertThat(a.toList()).containsExactly(new JsNumber(1), JsUndefined.INSTANCE, new JsNumber(3), new JsNumber(4));

    JsArray b = new JsArray().set(2, JsString.of("x"));
    assertThat(b.length()).isEqualTo(3);
    assertThat(b.form()).isEqualTo(JsArray.Form.SPARSE);
    assertThat(b.hasHoles()).isTrue();
    b.setLength(1);
    assertThat(b.elements()).isEmpty();
  }

  @Test
  void arrayIndexPropertiesAreElements() {
    JsArray a = new JsArray().putProperty("0", JsString.of("e")).putProperty("name", JsString.of("n"));
    assertThat(a.length()).isEqualTo(1);
    assertThat(a.properties()).containsOnlyKeys("name");
    assertThatThrownBy(() -> a.putProperty("length", new JsNumber(3))).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> a.set(4294967295L, JsNull.INSTANCE)).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> a.setLength(-1)).isInstanceOf(KvInvalidArgumentException.class);
  }

  @Test
  void regExpFlagsAreValidatedAndCanonical() {
    JsRegExp r = new JsRegExp("a", "yig");
    assertThat(r.flags()).isEqualTo("giy");
    assertThat(r.flagBits()).isEqualTo(0x0B);
    assertThatThrownBy(() -> new JsRegExp("a", "gg")).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> new JsRegExp("a", "x")).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> new JsRegExp("a", "uv")).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> JsRegExp.ofFlagBits("a", 0x40)).isInstanceOf(KvInvalidArgumentException.class);
    assertThat(JsRegExp.ofFlagBits("a", 0x100).flags()).isEqualTo("v");
  }

  @Test
  void datesAreTimeClipped() {
    assertThat(new JsDate(1.7).epochMillis()).isEqualTo(1.0);
    assertThat(new JsDate(-1.7).epochMillis()).isEqualTo(-1.0);
    assertThat(Double.doubleToRawLongBits(new JsDate(-0.5).epochMillis())).isZero();
    assertThat(new JsDate(8.64e15 + 1).isValid()).isFalse();
    assertThat(new JsDate(Double.POSITIVE_INFINITY).toInstant()).isNull();
    assertThat(JsDate.of(Instant.parse("2023-11-14T22:13:20.123Z")).epochMillis()).isEqualTo(1_700_000_000_123.0);
    assertThat(JsDate.of(Instant.MAX).isValid()).isFalse();
  }

  @Test
  void viewsAreCheckedAgainstTheirBuffer() {
    JsArrayBuffer fixed = JsArrayBuffer.of(new byte[8]);
    assertThatThrownBy(() -> JsArrayBufferView.of(JsViewKind.UINT8_ARRAY, fixed, 4, 5))
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("outside its buffer");
    assertThatThrownBy(() -> JsArrayBufferView.of(JsViewKind.INT32_ARRAY, fixed, 2, 4))
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("multiples of 4");
    assertThatThrownBy(() -> JsArrayBufferView.lengthTracking(JsViewKind.UINT8_ARRAY, fixed, 0))
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("resizable");
    JsArrayBuffer growable = JsArrayBuffer.resizable(new byte[] {1, 2, 3, 4, 5}, 16);
    JsArrayBufferView tracking = JsArrayBufferView.lengthTracking(JsViewKind.UINT16_ARRAY, growable, 2);
    assertThat(tracking.byteLength()).isEqualTo(3);
    assertThat(tracking.length()).isEqualTo(1);
    assertThat(JsArrayBufferView.of(JsViewKind.DATA_VIEW, fixed, 1, 3).bytes()).hasSize(3);
    assertThatThrownBy(() -> JsArrayBuffer.resizable(new byte[4], 2)).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> JsArrayBuffer.resizable(new byte[4], 1L << 53)).isInstanceOf(KvInvalidArgumentException.class);
  }

  @Test
  void mapAndSetKeysFollowSameValueZero() {
    JsMap m = new JsMap().put(new JsNumber(-0.0), JsString.of("a")).put(new JsNumber(0), JsString.of("b"));
    assertThat(m.size()).isEqualTo(1);
    assertThat(m.get(new JsNumber(-0.0))).isEqualTo(JsString.of("b"));
    JsObject k1 = new JsObject();
    JsObject k2 = new JsObject();
    m.put(k1, JsNull.INSTANCE).put(k2, JsNull.INSTANCE);
    assertThat(m.size()).isEqualTo(3);
    assertThat(JsSet.of(JsString.of("x"), JsString.of("x"), new JsNumber(Double.NaN), new JsNumber(Double.NaN)).size()).isEqualTo(2);
  }

  @Test
  void errorsKeepCausePresence() {
    JsError e = new JsError(JsErrorType.TYPE_ERROR, "t");
    assertThat(e.hasCause()).isFalse();
    e.setCause(JsUndefined.INSTANCE);
    assertThat(e.hasCause()).isTrue();
    assertThat(e.name()).isEqualTo("TypeError");
    assertThat(JsErrorType.ofName("AggregateError")).isEqualTo(JsErrorType.ERROR);
    assertThat(JsErrorType.ofName("RangeError")).isEqualTo(JsErrorType.RANGE_ERROR);
    assertThat(e.setCause(null).hasCause()).isFalse();
  }

  @Test
  void hostObjectsExposeTheirType() {
    assertThat(new JsHostObject(JsObject.builder().put("type", "CryptoKey").build()).type()).isEqualTo("CryptoKey");
    assertThat(new JsHostObject(JsNull.INSTANCE).type()).isNull();
  }

  @Test
  void structuralEqualityComparesSharing() {
    JsObject x = JsObject.builder().put("v", 1).build();
    JsArray shared = JsArray.of(x, x);
    JsArray separate = JsArray.of(JsObject.builder().put("v", 1).build(), JsObject.builder().put("v", 1).build());
    assertThat(JsValues.structurallyEqual(shared, separate)).isFalse();
    assertThat(JsValues.structurallyEqual(separate, JsArray.of(JsObject.builder().put("v", 1).build(), JsObject.builder().put("v", 1).build()))).isTrue();
    JsObject cyclic = new JsObject();
    cyclic.put("self", cyclic);
    JsObject cyclic2 = new JsObject();
    cyclic2.put("self", cyclic2);
    assertThat(JsValues.structurallyEqual(cyclic, cyclic2)).isTrue();
    assertThat(JsValues.structurallyEqual(cyclic, JsObject.builder().put("self", new JsObject()).build())).isFalse();
    assertThat(cyclic.toString()).isEqualTo("{\"self\": [Circular]}");
  }

  @Test
  void inspectPrintsJsLikeText() {
    JsArray a = JsArray.of(new JsNumber(1), JsString.of("a")).set(4, JsNull.INSTANCE);
    a.putProperty("p", JsBoolean.TRUE);
    assertThat(a.toString()).isEqualTo("[1, \"a\", <2 empty>, null, \"p\": true]");
    assertThat(new JsMap().put(JsString.of("k"), new JsBigInt(java.math.BigInteger.TEN)).toString()).isEqualTo("Map{\"k\" => 10n}");
  }
}
