package dev.denokv.spi.support;

import dev.denokv.error.KvCodecException;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.KvU64;
import dev.denokv.value.ValueEncoding;
import dev.denokv.value.v8.internal.V8Input;
import dev.denokv.value.v8.internal.V8Output;
import dev.denokv.value.v8.internal.V8Tags;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * A value taking part in a {@code sum}: a JS number (V8 tags {@code I}, {@code U}, {@code N}), a
 * JS BigInt (tag {@code Z}) or a KvU64. Results are written as Deno's backend writes them: a
 * version-15 header, numbers always as doubles.
 */
public sealed interface SumOperand {

  /** The name Deno uses in {@code Cannot sum <A> with <B>}. */
  String kindName();

  /** The stored form of this value. */
  EncodedValue encode();

  /** A JS number. */
  record Number(double value) implements SumOperand {
    @Override
    public String kindName() {
      return "Number";
    }

    @Override
    public EncodedValue encode() {
      V8Output out = header();
      out.writeByte(V8Tags.DOUBLE);
      out.writeDouble(value);
      return new EncodedValue(ValueEncoding.V8, out.toByteArray());
    }
  }

  /** A JS BigInt. */
  record BigInt(BigInteger value) implements SumOperand {
    @Override
    public String kindName() {
      return "BigInt";
    }

    @Override
    public EncodedValue encode() {
      V8Output out = header();
      out.writeByte(V8Tags.BIGINT);
      out.writeBigIntPayload(value);
      return new EncodedValue(ValueEncoding.V8, out.toByteArray());
    }
  }

  /** A KvU64, by its 64 bits. */
  record U64(long bits) implements SumOperand {
    @Override
    public String kindName() {
      return "KvU64";
    }

    @Override
    public EncodedValue encode() {
      return new EncodedValue(ValueEncoding.LE64, new KvU64(bits).toLittleEndian());
    }
  }

  /**
   * The operand a stored or given value represents, or null when it is no number at all (raw
   * bytes, another V8 value, or malformed V8 bytes).
   */
  static @Nullable SumOperand of(EncodedValue value) {
    return switch (value.encoding()) {
      case LE64 -> new U64(KvU64.fromLittleEndian(value.data()).bits());
      case BYTES -> null;
      case V8 -> readV8(value.data());
    };
  }

  private static @Nullable SumOperand readV8(byte[] v8) {
    try {
      V8Input in = new V8Input(v8);
      in.readHeader();
      byte tag = in.readTag();
      return switch (tag) {
        case V8Tags.INT32 -> new Number(in.readZigZag32());
        case V8Tags.UINT32 -> new Number(Integer.toUnsignedLong(in.readVarint32()));
        case V8Tags.DOUBLE -> new Number(in.readDouble());
        case V8Tags.BIGINT -> new BigInt(in.readBigIntPayload());
        default -> null;
      };
    } catch (KvCodecException e) {
      return null;
    }
  }

  private static V8Output header() {
    V8Output out = new V8Output(16);
    out.writeHeader(V8Tags.VERSION_15);
    return out;
  }
}
