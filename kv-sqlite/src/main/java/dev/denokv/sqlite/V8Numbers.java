package dev.denokv.sqlite;

import dev.denokv.error.KvCodecException;
import dev.denokv.value.v8.internal.V8Input;
import dev.denokv.value.v8.internal.V8Output;
import dev.denokv.value.v8.internal.V8Tags;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the two V8-serialized values a {@code sum} works on: JS numbers (tags
 * {@code I}, {@code U}, {@code N}) and BigInts (tag {@code Z}). Results are written with a
 * version-15 header, numbers always as doubles, as Deno's backend writes them.
 */
final class V8Numbers {

  private V8Numbers() {}

  /**
   * The number or BigInt that {@code v8} holds: a {@link Double} or a {@link BigInteger}; null
   * when the bytes are well-formed but hold another kind of value or are malformed.
   */
  static @Nullable Object read(byte[] v8) {
    try {
      V8Input in = new V8Input(v8);
      in.readHeader();
      byte tag = in.readTag();
      return switch (tag) {
        case V8Tags.INT32 -> (double) in.readZigZag32();
        case V8Tags.UINT32 -> (double) Integer.toUnsignedLong(in.readVarint32());
        case V8Tags.DOUBLE -> in.readDouble();
        case V8Tags.BIGINT -> in.readBigIntPayload();
        default -> null;
      };
    } catch (KvCodecException e) {
      return null;
    }
  }

  /** {@code value} as a V8 double. */
  static byte[] writeNumber(double value) {
    V8Output out = new V8Output(16);
    out.writeHeader(V8Tags.VERSION_15);
    out.writeByte(V8Tags.DOUBLE);
    out.writeDouble(value);
    return out.toByteArray();
  }

  /** {@code value} as a V8 BigInt. */
  static byte[] writeBigInt(BigInteger value) {
    V8Output out = new V8Output(16);
    out.writeHeader(V8Tags.VERSION_15);
    out.writeByte(V8Tags.BIGINT);
    out.writeBigIntPayload(value);
    return out.toByteArray();
  }
}
