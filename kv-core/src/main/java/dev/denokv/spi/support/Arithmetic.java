package dev.denokv.spi.support;

import dev.denokv.error.KvMutationException;
import dev.denokv.spi.Mutation;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.KvU64;
import dev.denokv.value.ValueEncoding;
import java.math.BigInteger;
import java.util.function.LongBinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sum}, {@code min} and {@code max} mutations with Deno's results and messages: KvU64
 * arithmetic wraps around 2^64, V8 sums work on JS numbers or BigInts with optional bounds that
 * clamp or refuse. A failure is a {@link KvMutationException} with Deno's message; the backend
 * rolls the write back.
 */
public final class Arithmetic {

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private Arithmetic() {}

  /**
   * The value {@code m} (a sum, min or max) leaves at its key, given the live value there (null
   * when the key is absent or expired). The result is stored without expiry.
   */
  public static EncodedValue apply(Mutation m, @Nullable EncodedValue stored) {
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

  /** The value a mutation carries; Deno's message when it has none. */
  public static EncodedValue operand(Mutation m) {
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
    if (old == null) {
      return new SumOperand.U64(b).encode();
    }
    if (old.encoding() != ValueEncoding.LE64) {
      throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 value in the database");
    }
    return new SumOperand.U64(f.applyAsLong(KvU64.fromLittleEndian(old.data()).bits(), b)).encode();
  }

  private static EncodedValue sumV8(Mutation m, EncodedValue given, @Nullable EncodedValue stored) {
    SumOperand operand = SumOperand.of(given);
    SumOperand min = bound(m.sumMin());
    SumOperand max = bound(m.sumMax());
    if (operand == null || (isGiven(m.sumMin()) && min == null) || (isGiven(m.sumMax()) && max == null)) {
      throw new KvMutationException("Some of the parameters are not valid V8 values");
    }
    if ((min != null && min.getClass() != operand.getClass())
        || (max != null && max.getClass() != operand.getClass())) {
      throw new KvMutationException("Min/max parameters have different types than the operand");
    }
    if (stored == null) {
      return operand.encode();
    }
    SumOperand current = SumOperand.of(stored);
    if (current == null) {
      throw new KvMutationException("unsupported value type");
    }
    if (current instanceof SumOperand.U64 && operand instanceof SumOperand.BigInt big
        && min == null && max == null && !m.sumClamp()
        && big.value().signum() >= 0 && big.value().compareTo(U64_MAX) <= 0) {
      operand = new SumOperand.U64(big.value().longValue());
    }
    if (current instanceof SumOperand.BigInt a && operand instanceof SumOperand.BigInt b) {
      BigInteger r = a.value().add(b.value());
      if (min instanceof SumOperand.BigInt lo && r.compareTo(lo.value()) < 0) {
        r = outOfRange(m, lo.value());
      }
      if (max instanceof SumOperand.BigInt hi && r.compareTo(hi.value()) > 0) {
        r = outOfRange(m, hi.value());
      }
      return new SumOperand.BigInt(r).encode();
    }
    if (current instanceof SumOperand.Number a && operand instanceof SumOperand.Number b) {
      double r = a.value() + b.value();
      if (min instanceof SumOperand.Number lo && r < lo.value()) {
        r = outOfRange(m, lo.value());
      }
      if (max instanceof SumOperand.Number hi && r > hi.value()) {
        r = outOfRange(m, hi.value());
      }
      return new SumOperand.Number(r).encode();
    }
    if (current instanceof SumOperand.U64 a && operand instanceof SumOperand.U64 b) {
      return new SumOperand.U64(a.bits() + b.bits()).encode();
    }
    throw new KvMutationException("Cannot sum " + current.kindName() + " with " + operand.kindName());
  }

  private static boolean isGiven(@Nullable EncodedValue v) {
    return v != null && v.data().length > 0;
  }

  private static @Nullable SumOperand bound(@Nullable EncodedValue v) {
    if (!isGiven(v) || v.encoding() != ValueEncoding.V8) {
      return null;
    }
    return SumOperand.of(v);
  }

  private static <T> T outOfRange(Mutation m, T bound) {
    if (!m.sumClamp()) {
      throw new KvMutationException("The result of a Sum operation would exceed its range limit");
    }
    return bound;
  }
}
