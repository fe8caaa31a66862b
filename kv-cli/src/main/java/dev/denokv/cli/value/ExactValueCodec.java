package dev.denokv.cli.value;

import dev.denokv.value.EncodedValue;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.KvU64;
import dev.denokv.value.ValueCodec;
import dev.denokv.value.codec.DenoValueCodec;
import dev.denokv.value.jackson.V8Mapper;
import dev.denokv.value.v8.V8Codec;
import org.jspecify.annotations.Nullable;

/**
 * Reads every stored value without loss, whatever type is asked for: a LE64 value as
 * {@link KvU64}, raw bytes as a {@code Uint8Array} {@link JsArrayBufferView}, a V8 value as its
 * {@link dev.denokv.value.JsValue} model. Writes them back as Deno does, V8 values in the chosen
 * format version, so that a value read and written again keeps its bytes.
 */
public final class ExactValueCodec implements ValueCodec {

  private final DenoValueCodec writer;

  /** A codec writing V8 values in format {@code formatVersion} (15 or 16). */
  public ExactValueCodec(int formatVersion) {
    this.writer = new DenoValueCodec(V8Mapper.builder().formatVersion(formatVersion).build());
  }

  @Override
  public EncodedValue encode(@Nullable Object value) {
    return writer.encode(value);
  }

  @Override
  public byte[] serialize(@Nullable Object value) {
    return writer.serialize(value);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> @Nullable T decode(EncodedValue value, Class<T> type) {
    return (T) switch (value.encoding()) {
      case LE64 -> KvU64.fromLittleEndian(value.data());
      case BYTES -> JsArrayBufferView.uint8Array(value.data().clone());
      case V8 -> V8Codec.decode(value.data());
    };
  }
}
