package dev.denokv.value.v8;

import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.value.JsValue;
import dev.denokv.value.v8.internal.V8Tags;

/** Encodes and decodes {@link JsValue}s in the V8 serialization format Deno KV stores. */
public final class V8Codec {

  /** The format version {@link #encode(JsValue)} writes: read by every Deno and by Node's v8. */
  public static final int DEFAULT_VERSION = V8Tags.VERSION_15;

  private V8Codec() {}

  /**
   * Decodes V8 bytes (format versions 13–16).
   *
   * @throws KvCodecException if the bytes are not a valid value as Deno would read it
   */
  public static JsValue decode(byte[] bytes) {
    return new V8Reader(bytes).read();
  }

  /** Encodes {@code value} with format version 15. */
  public static byte[] encode(JsValue value) {
    return encode(value, DEFAULT_VERSION);
  }

  /**
   * Encodes {@code value} with format version {@code version}: 15, or 16 (what Deno 2.9.6 writes,
   * unreadable by older Deno releases).
   *
   * @throws KvInvalidArgumentException for another version, or a value nested too deeply
   */
  public static byte[] encode(JsValue value, int version) {
    return new V8Writer(version).write(value);
  }
}
