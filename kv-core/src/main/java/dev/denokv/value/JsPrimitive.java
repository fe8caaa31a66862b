package dev.denokv.value;

/** A JS primitive: compared by value, never shared by reference in the V8 format. */
public sealed interface JsPrimitive extends JsValue
    permits JsUndefined, JsNull, JsBoolean, JsNumber, JsBigInt, JsString {}
