package dev.denokv.value;

/** A JS string primitive: a sequence of UTF-16 code units (unpaired surrogates allowed). */
public record JsString(String value) implements JsPrimitive {

  public static JsString of(String value) {
    return new JsString(value);
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String toString() {
    return JsValues.quote(value);
  }
}
