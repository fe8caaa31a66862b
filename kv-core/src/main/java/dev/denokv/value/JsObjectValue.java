package dev.denokv.value;

/**
 * A JS object. Instances have identity ({@code equals} is {@code ==}): writing the same instance
 * twice produces a back-reference, so shared references and cycles survive a round trip. Use
 * {@link JsValues#structurallyEqual} to compare two object graphs.
 */
public sealed interface JsObjectValue extends JsValue
    permits JsObject, JsArray, JsDate, JsRegExp, JsMap, JsSet, JsArrayBuffer, JsArrayBufferView,
        JsBooleanObject, JsNumberObject, JsBigIntObject, JsStringObject, JsError, JsHostObject {}
