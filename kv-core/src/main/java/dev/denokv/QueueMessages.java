package dev.denokv;

import dev.denokv.value.JsObject;
import dev.denokv.value.JsString;
import dev.denokv.value.JsValue;
import dev.denokv.value.v8.V8Codec;
import dev.denokv.value.v8.V8Reader;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The type marker of queue messages. A message written from a Java object that becomes a plain JS
 * object (a record or POJO) carries its type name in the property {@value #TYPE_PROPERTY}, so that a
 * listener with several handlers can pick the one for its type. Deno programs see the property as
 * an ordinary string property, and messages they enqueue without it still reach a listener.
 */
final class QueueMessages {

  /** The property holding a message's type name. */
  static final String TYPE_PROPERTY = "@type";

  private QueueMessages() {}

  /** The type name written for messages of {@code type}: its simple name. */
  static String typeName(Class<?> type) {
    return type.getSimpleName();
  }

  /**
   * {@code payload} (the V8 serialization of {@code message}) with the type marker of
   * {@code message}'s class added, when the message is a Java object serialized as a plain JS
   * object; otherwise {@code payload} itself.
   */
  static byte[] mark(@Nullable Object message, byte[] payload) {
    if (message == null || message instanceof Map || message instanceof JsValue
        || message.getClass().getSimpleName().isEmpty()) {
      return payload;
    }
    V8Reader reader = new V8Reader(payload);
    JsValue value = reader.read();
    if (!(value instanceof JsObject object) || object.has(TYPE_PROPERTY)) {
      return payload;
    }
    object.put(TYPE_PROPERTY, JsString.of(typeName(message.getClass())));
    return V8Codec.encode(object, reader.version());
  }

  /** A received message: its type marker, if any, and its payload without the marker. */
  record Received(@Nullable String type, byte[] payload) {}

  /** Reads the type marker of {@code payload} and removes it. */
  static Received read(byte[] payload) {
    V8Reader reader = new V8Reader(payload);
    JsValue value = reader.read();
    if (value instanceof JsObject object && object.get(TYPE_PROPERTY) instanceof JsString type) {
      object.remove(TYPE_PROPERTY);
      return new Received(type.value(), V8Codec.encode(object, reader.version()));
    }
    return new Received(null, payload);
  }
}
