package dev.denokv.postgres;

import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvMutationException;
import dev.denokv.value.EncodedValue;
import dev.denokv.spi.Mutation;
import dev.denokv.value.ValueEncoding;
import dev.denokv.value.KvU64;
import dev.denokv.value.v8.internal.V8Input;
import dev.denokv.value.v8.internal.V8Output;
import dev.denokv.value.v8.internal.V8Tags;
import java.math.BigInteger;
import java.util.function.LongBinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sum}, {@code min} and {@code max} mutations with Deno's results and messages: KvU64
 * arithmetic wraps around 2^64, V8 sums work on JS numbers or BigInts with optional bounds that
 * clamp or refuse. Results are stored as Deno's backend stores them (V8 numbers always as
 * doubles, version-15 header).
 */
final class Arithmetic {

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private Arithmetic() {}

  /** The value {@code m} (a sum, min or max) leaves at its key, given the live value there. */
  static EncodedValue apply(Mutation m, @Nullable EncodedValue stored) {
    EncodedValue operand = operand(m);
    return switch (m.kind()) {
      case SUM -> operand.encoding() == ValueEncoding.LE64
          ? le64(operand, stored, "sum", Long::sum)
          : sumV8(m, operand, stored);
      case MIN -> le64(operand, stored, "min", (a, b) -> Long.compareUnsigned(a, b) <= 0 ? a : b);
      case MAX -> le64(operand, stored, "max", (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
      default -> throw new IllegalArgumentException("not arithmetic: " + m.kind());
    };
  }

  static EncodedValue operand(Mutation m) {
    EncodedValue v = m.value();
    if (v == null) {
      throw new KvMutationException("Invalid mutation '" + m.kind().name().toLowerCase() + "' without value");
    }
    return v;
  }

  private static EncodedValue le64(EncodedValue operand, @Nullable EncodedValue old, String op,
      LongBinaryOperator f) {
    if (operand.encoding() != ValueEncoding.LE64) {
      throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 operand");
    }
    long b = KvU64.fromLittleEndian(operand.data()).bits();
    long result;
    if (old == null) {
      result = b;
    } else if (old.encoding() == ValueEncoding.LE64) {
      result = f.applyAsLong(KvU64.fromLittleEndian(old.data()).bits(), b);
    } else {
      throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 value in the database");
    }
    return u64(result);
  }

  private static EncodedValue sumV8(Mutation m, EncodedValue given, @Nullable EncodedValue stored) {
    Object operand = number(given);
    Object min = bound(m.sumMin());
    Object max = bound(m.sumMax());
    if (operand == null || (isGiven(m.sumMin()) && min == null) || (isGiven(m.sumMax()) && max == null)) {
      throw new KvMutationException("Some of the parameters are not valid V8 values");
    }
    if ((min != null && min.getClass() != operand.getClass())
        || (max != null && max.getClass() != operand.getClass())) {
      throw new KvMutationException("Min/max parameters have different types than the operand");
    }
    if (stored == null) {
      return encode(operand);
    }
    Object current = number(stored);
    if (current == null) {
      throw new KvMutationException("unsupported value type");
    }
    if (current instanceof KvU64 && operand instanceof BigInteger big && min == null && max == null
        && !m.sumClamp() && big.signum() >= 0 && big.compareTo(U64_MAX) <= 0) {
      operand = new KvU64(big.longValue());
    }
    if (current instanceof BigInteger a && operand instanceof BigInteger b) {
      BigInteger r = a.add(b);
      if (min instanceof BigInteger lo && r.compareTo(lo) < 0) {
        r = outOfRange(m, lo);
      }
      if (max instanceof BigInteger hi && r.compareTo(hi) > 0) {
        r = outOfRange(m, hi);
      }
      return encode(r);
    }
    if (current instanceof Double a && operand instanceof Double b) {
      double r = a + b;
      if (min instanceof Double lo && r < lo) {
        r = outOfRange(m, lo);
      }
      if (max instanceof Double hi && r > hi) {
        r = outOfRange(m, hi);
      }
      return encode(r);
    }
    if (current instanceof KvU64 a && operand instanceof KvU64 b) {
      return u64(a.bits() + b.bits());
    }
    throw new KvMutationException("Cannot sum " + kindName(current) + " with " + kindName(operand));
  }

  private static String kindName(Object n) {
    return n instanceof Double ? "Number" : n instanceof BigInteger ? "BigInt" : "KvU64";
  }

  private static boolean isGiven(@Nullable EncodedValue v) {
    return v != null && v.data().length > 0;
  }

  private static @Nullable Object bound(@Nullable EncodedValue v) {
    if (!isGiven(v) || v.encoding() != ValueEncoding.V8) {
      return null;
    }
    return number(v);
  }

  private static <T> T outOfRange(Mutation m, T bound) {
    if (!m.sumClamp()) {
      throw new KvMutationException("The result of a Sum operation would exceed its range limit");
    }
    return bound;
  }

  private static EncodedValue u64(long bits) {
    return new EncodedValue(ValueEncoding.LE64, new KvU64(bits).toLittleEndian());
  }

  /** A {@link Double}, {@link BigInteger} or {@link KvU64}; null when {@code value} is none. */
  private static @Nullable Object number(EncodedValue value) {
    return switch (value.encoding()) {
      case LE64 -> KvU64.fromLittleEndian(value.data());
      case BYTES -> null;
      case V8 -> readV8Number(value.data());
    };
  }

  private static @Nullable Object readV8Number(byte[] v8) {
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

  private static EncodedValue encode(Object number) {
    V8Output out = new V8Output(16);
    out.writeHeader(V8Tags.VERSION_15);
    if (number instanceof Double d) {
      out.writeByte(V8Tags.DOUBLE);
      out.writeDouble(d);
    } else if (number instanceof BigInteger b) {
      out.writeByte(V8Tags.BIGINT);
      out.writeBigIntPayload(b);
    } else {
      return u64(((KvU64) number).bits());
    }
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }
}
