package dev.denokv.sqlite;

import dev.denokv.Versionstamp;
import dev.denokv.error.KvMutationException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.RawEntry;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.KvU64;
import dev.denokv.value.ValueEncoding;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongBinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Applies one atomic write inside the writer's open transaction: checks, version bump, mutations
 * in order, enqueues. A failing mutation throws {@link KvMutationException}; the caller rolls the
 * write back.
 */
final class MutationApplier {

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** What a write did, for the notifications that follow its commit. */
  record Outcome(CommitResult result, List<byte[]> changedKeys, boolean enqueued, long earliestExpiration) {}

  private MutationApplier() {}

  /**
   * Whether applying {@code write} can fail after it changed something: only arithmetic
   * mutations can be refused by the stored value.
   */
  static boolean mayFailAfterWriting(AtomicWrite write) {
    for (Mutation m : write.mutations()) {
      switch (m.kind()) {
        case SUM, MIN, MAX -> {
          return true;
        }
        default -> {
          if (m.value() == null && m.kind() != MutationKind.DELETE) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static Outcome apply(SqlSession s, AtomicWrite write, long nowMs) throws SQLException {
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < write.checks().size(); i++) {
      Check check = write.checks().get(i);
      Versionstamp actual = KvTable.versionstamp(s, check.key(), nowMs);
      if (!Objects.equals(actual, check.versionstamp())) {
        failed.add(i);
      }
    }
    if (!failed.isEmpty()) {
      return new Outcome(new CommitResult.CheckFailed(failed), List.of(), false, -1);
    }

    long version = KvTable.bumpVersion(s, ThreadLocalRandom.current().nextInt(1, 10));
    Versionstamp versionstamp = Versionstamp.ofVersion(version);
    List<byte[]> changed = new ArrayList<>(write.mutations().size());
    long earliestExpiration = -1;
    for (Mutation m : write.mutations()) {
      byte[] key = m.key();
      switch (m.kind()) {
        case SET -> KvTable.put(s, key, operand(m), version, expiration(m));
        case SET_SUFFIX_VERSIONSTAMPED_KEY -> {
          key = suffixed(key, versionstamp);
          KvTable.put(s, key, operand(m), version, expiration(m));
        }
        case DELETE -> KvTable.delete(s, key);
        case SUM -> {
          if (operand(m).encoding() == ValueEncoding.LE64) {
            le64(s, m, "sum", Long::sum, version, nowMs);
          } else {
            sumV8(s, m, version, nowMs);
          }
        }
        case MIN -> le64(s, m, "min", (a, b) -> Long.compareUnsigned(a, b) <= 0 ? a : b, version, nowMs);
        case MAX -> le64(s, m, "max", (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b, version, nowMs);
      }
      changed.add(key);
      long exp = expiration(m);
      if (exp >= 0 && (m.kind() == MutationKind.SET
          || m.kind() == MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY)
          && (earliestExpiration < 0 || exp < earliestExpiration)) {
        earliestExpiration = exp;
      }
    }
    for (Enqueue e : write.enqueues()) {
      QueueTable.enqueue(s, e);
    }
    return new Outcome(new CommitResult.Committed(versionstamp), changed, !write.enqueues().isEmpty(),
        earliestExpiration);
  }

  /** {@code key} followed by the string key part holding the 20 hex digits of {@code vs}. */
  static byte[] suffixed(byte[] key, Versionstamp vs) {
    byte[] hex = vs.toHex().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[key.length + 2 + hex.length];
    System.arraycopy(key, 0, out, 0, key.length);
    out[key.length] = 0x02;
    System.arraycopy(hex, 0, out, key.length + 1, hex.length);
    out[out.length - 1] = 0x00;
    return out;
  }

  private static EncodedValue operand(Mutation m) {
    EncodedValue v = m.value();
    if (v == null) {
      throw new KvMutationException("Invalid mutation '" + m.kind().name().toLowerCase() + "' without value");
    }
    return v;
  }

  private static long expiration(Mutation m) {
    return m.expireAtMs() > 0 ? m.expireAtMs() : -1;
  }

  private static @Nullable EncodedValue liveValue(SqlSession s, byte[] key, long nowMs) throws SQLException {
    RawEntry e = KvTable.get(s, key, nowMs);
    return e == null ? null : e.value();
  }

  private static void le64(SqlSession s, Mutation m, String op, LongBinaryOperator f, long version, long nowMs)
      throws SQLException {
    EncodedValue operand = operand(m);
    if (operand.encoding() != ValueEncoding.LE64) {
      throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 operand");
    }
    long b = KvU64.fromLittleEndian(operand.data()).bits();
    EncodedValue old = liveValue(s, m.key(), nowMs);
    long result;
    if (old == null) {
      result = b;
    } else if (old.encoding() == ValueEncoding.LE64) {
      result = f.applyAsLong(KvU64.fromLittleEndian(old.data()).bits(), b);
    } else {
      throw new KvMutationException(
          "Failed to perform '" + op + "' mutation on a non-U64 value in the database");
    }
    KvTable.put(s, m.key(), new SumOperand.U64(result).encode(), version, -1);
  }

  private static void sumV8(SqlSession s, Mutation m, long version, long nowMs) throws SQLException {
    SumOperand operand = SumOperand.of(operand(m));
    SumOperand min = bound(m.sumMin());
    SumOperand max = bound(m.sumMax());
    if (operand == null || (given(m.sumMin()) && min == null) || (given(m.sumMax()) && max == null)) {
      throw new KvMutationException("Some of the parameters are not valid V8 values");
    }
    if ((min != null && min.getClass() != operand.getClass())
        || (max != null && max.getClass() != operand.getClass())) {
      throw new KvMutationException("Min/max parameters have different types than the operand");
    }
    EncodedValue stored = liveValue(s, m.key(), nowMs);
    if (stored == null) {
      KvTable.put(s, m.key(), operand.encode(), version, -1);
      return;
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
    SumOperand result;
    if (current instanceof SumOperand.BigInt a && operand instanceof SumOperand.BigInt b) {
      BigInteger r = a.value().add(b.value());
      if (min instanceof SumOperand.BigInt lo && r.compareTo(lo.value()) < 0) {
        r = outOfRange(m, lo.value());
      }
      if (max instanceof SumOperand.BigInt hi && r.compareTo(hi.value()) > 0) {
        r = outOfRange(m, hi.value());
      }
      result = new SumOperand.BigInt(r);
    } else if (current instanceof SumOperand.Number a && operand instanceof SumOperand.Number b) {
      double r = a.value() + b.value();
      if (min instanceof SumOperand.Number lo && r < lo.value()) {
        r = outOfRange(m, lo.value());
      }
      if (max instanceof SumOperand.Number hi && r > hi.value()) {
        r = outOfRange(m, hi.value());
      }
      result = new SumOperand.Number(r);
    } else if (current instanceof SumOperand.U64 a && operand instanceof SumOperand.U64 b) {
      result = new SumOperand.U64(a.bits() + b.bits());
    } else {
      throw new KvMutationException("Cannot sum " + current.kindName() + " with " + operand.kindName());
    }
    KvTable.put(s, m.key(), result.encode(), version, -1);
  }

  private static boolean given(@Nullable EncodedValue v) {
    return v != null && v.data().length > 0;
  }

  private static @Nullable SumOperand bound(@Nullable EncodedValue v) {
    if (!given(v) || v.encoding() != ValueEncoding.V8) {
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
