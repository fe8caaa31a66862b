package dev.denokv.value.codec;

import dev.denokv.error.KvCodecException;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsObject;
import dev.denokv.value.JsValue;
import dev.denokv.value.JsViewKind;
import dev.denokv.value.KvU64;
import dev.denokv.value.ValueCodec;
import dev.denokv.value.ValueEncoding;
import dev.denokv.value.jackson.V8Mapper;
import dev.denokv.value.jackson.V8RecordReader;
import dev.denokv.value.v8.V8Codec;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * Stores values the way Deno does: a {@link KvU64} as LE64, a top-level {@code byte[]} (or JS
 * {@code Uint8Array}) as raw bytes, a {@link JsValue} through the lossless V8 codec, and every other
 * Java value (POJOs, records, maps, lists, strings, numbers, time types) through a {@link V8Mapper},
 * so a Deno program reads plain JS values.
 *
 * <p>Reading converts to the requested type: {@code Object.class} gives the natural Java form
 * (maps, lists, strings, numbers, {@code KvU64}, {@code byte[]}), {@code JsValue.class} the lossless
 * model, any other type goes through the mapper.
 */
public final class DenoValueCodec implements ValueCodec {

  private final V8Mapper mapper;
  private final int formatVersion;
  private final ObjectWriter writer;
  private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
  private final V8RecordReader records;

  /** A codec writing through {@code mapper}, in the mapper's V8 format version. */
  public DenoValueCodec(V8Mapper mapper) {
    this.mapper = mapper;
    this.formatVersion = mapper.tokenStreamFactory().formatVersion();
    this.writer = mapper.writer();
    this.records = new V8RecordReader(mapper);
  }

  /** A codec with a default mapper writing format version 15 (read by every Deno and Node). */
  public static DenoValueCodec defaults() {
    return new DenoValueCodec(V8Mapper.builder().build());
  }

  /** The mapper converting Java objects. */
  public V8Mapper mapper() {
    return mapper;
  }

  @Override
  public EncodedValue encode(@Nullable Object value) {
    if (value instanceof KvU64 u64) {
      return new EncodedValue(ValueEncoding.LE64, u64.toLittleEndian());
    }
    if (value instanceof byte[] bytes) {
      return new EncodedValue(ValueEncoding.BYTES, bytes.clone());
    }
    if (value instanceof JsArrayBufferView view && view.kind() == JsViewKind.UINT8_ARRAY) {
      return new EncodedValue(ValueEncoding.BYTES, view.bytes());
    }
    return new EncodedValue(ValueEncoding.V8, serialize(value));
  }

  @Override
  public byte[] serialize(@Nullable Object value) {
    if (value instanceof JsValue js) {
      return V8Codec.encode(js, formatVersion);
    }
    if (value instanceof KvU64 u64) {
      // Deno serializes a KvU64 inside a message as a plain object holding a bigint.
      JsObject object = JsObject.create();
      object.put("value", JsBigInt.of(u64.value()));
      return V8Codec.encode(object, formatVersion);
    }
    try {
      return writer.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new KvCodecException("Cannot serialize a " + value.getClass().getName() + " as a JS value: "
          + e.getOriginalMessage(), e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> @Nullable T decode(EncodedValue value, Class<T> type) {
    return switch (value.encoding()) {
      case LE64 -> (T) decodeU64(KvU64.fromLittleEndian(value.data()), type);
      case BYTES -> (T) decodeBytes(value.data(), type);
      case V8 -> decodeV8(value.data(), type);
    };
  }

  private static Object decodeU64(KvU64 u64, Class<?> type) {
    if (type.isAssignableFrom(KvU64.class)) {
      return u64;
    }
    if (type == BigInteger.class) {
      return u64.value();
    }
    if ((type == Long.class || type == long.class) && u64.bits() >= 0) {
      return u64.bits();
    }
    if (type == JsValue.class || type == JsBigInt.class) {
      return JsBigInt.of(u64.value());
    }
    throw new KvCodecException("A stored KvU64 cannot be read as " + type.getName());
  }

  private static Object decodeBytes(byte[] bytes, Class<?> type) {
    if (type == byte[].class || type == Object.class) {
      return bytes.clone();
    }
    if (type.isAssignableFrom(JsArrayBufferView.class)) {
      return JsArrayBufferView.uint8Array(bytes.clone());
    }
    throw new KvCodecException("A stored Uint8Array cannot be read as " + type.getName());
  }

  @SuppressWarnings("unchecked")
  private <T> @Nullable T decodeV8(byte[] bytes, Class<T> type) {
    if (JsValue.class.isAssignableFrom(type)) {
      JsValue js = V8Codec.decode(bytes);
      if (!type.isInstance(js)) {
        throw new KvCodecException("A stored " + js.typeName() + " cannot be read as " + type.getName());
      }
      return (T) js;
    }
    // Plain records are read straight from the bytes; whatever that cannot reproduce exactly goes
    // through the mapper below.
    Object record = records.read(bytes, type);
    if (record != V8RecordReader.NOT_READ) {
      return (T) record;
    }
    try {
      ObjectReader reader = readers.get(type);
      if (reader == null) {
        reader = readers.computeIfAbsent(type, mapper::readerFor);
      }
      return reader.readValue(bytes);
    } catch (JacksonException e) {
      throw new KvCodecException("Cannot read the stored value as " + type.getName() + ": "
          + e.getOriginalMessage(), e);
    }
  }
}
