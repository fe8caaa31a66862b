package dev.denokv.sqlite;

import dev.denokv.value.EncodedValue;
import dev.denokv.value.KvU64;
import dev.denokv.value.ValueEncoding;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/** A value taking part in a {@code sum}: a JS number, a JS BigInt or a KvU64. */
sealed interface SumOperand {

  /** The name Deno uses in {@code Cannot sum <A> with <B>}. */
  String kindName();

  /** The stored form of this value. */
  EncodedValue encode();

  record Number(double value) implements SumOperand {
    @Override
    public String kindName() {
      return "Number";
    }

    @Override
    public EncodedValue encode() {
      return new EncodedValue(ValueEncoding.V8, V8Numbers.writeNumber(value));
    }
  }

  record BigInt(BigInteger value) implements SumOperand {
    @Override
    public String kindName() {
      return "BigInt";
    }

    @Override
    public EncodedValue encode() {
      return new EncodedValue(ValueEncoding.V8, V8Numbers.writeBigInt(value));
    }
  }

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

  /** The operand a stored or given value represents, or null when it is no number at all. */
  static @Nullable SumOperand of(EncodedValue value) {
    return switch (value.encoding()) {
      case LE64 -> new U64(KvU64.fromLittleEndian(value.data()).bits());
      case BYTES -> null;
      case V8 -> {
        Object n = V8Numbers.read(value.data());
        if (n instanceof Double d) {
          yield new Number(d);
        }
        if (n instanceof BigInteger b) {
          yield new BigInt(b);
        }
        yield null;
      }
    };
  }
}
