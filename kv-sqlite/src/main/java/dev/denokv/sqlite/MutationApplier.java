package dev.denokv.sqlite;

import dev.denokv.Versionstamp;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.support.Arithmetic;
import dev.denokv.spi.support.VersionstampedKeys;
import dev.denokv.value.EncodedValue;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Applies one atomic write inside the writer's open transaction: checks, version bump, mutations
 * in order, enqueues. A failing mutation throws {@link dev.denokv.error.KvMutationException}; the caller rolls the
 * write back.
 */
final class MutationApplier {

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
        case SET -> KvTable.put(s, key, Arithmetic.operand(m), version, expiration(m));
        case SET_SUFFIX_VERSIONSTAMPED_KEY -> {
          key = VersionstampedKeys.suffixed(key, versionstamp);
          KvTable.put(s, key, Arithmetic.operand(m), version, expiration(m));
        }
        case DELETE -> KvTable.delete(s, key);
        case SUM, MIN, MAX -> KvTable.put(s, key, Arithmetic.apply(m, liveValue(s, key, nowMs)), version, -1);
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

  private static long expiration(Mutation m) {
    return m.expireAtMs() > 0 ? m.expireAtMs() : -1;
  }

  private static @Nullable EncodedValue liveValue(SqlSession s, byte[] key, long nowMs) throws SQLException {
    RawEntry e = KvTable.get(s, key, nowMs);
    return e == null ? null : e.value();
  }
}
