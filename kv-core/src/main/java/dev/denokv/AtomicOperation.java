package dev.denokv;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.key.VersionstampedKey;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.DatabaseLimits;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.KvU64;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Checks, mutations and enqueues that {@link #commit()} applies all together or not at all, like
 * Deno's {@code AtomicOperation}. Every method returns this operation for chaining. Not thread-safe.
 */
public final class AtomicOperation {

  private final KvTemplate template;
  private final List<Check> checks = new ArrayList<>();
  private final List<Mutation> mutations = new ArrayList<>();
  private final List<Enqueue> enqueues = new ArrayList<>();

  AtomicOperation(KvTemplate template) {
    this.template = template;
  }

  /** Requires {@code key} to have {@code versionstamp} at commit time (null: to be absent). */
  public AtomicOperation check(KvKey key, @Nullable Versionstamp versionstamp) {
    return template.translating(() -> {
      byte[] k = key.encode();
      KvLimits.checkWriteKey(template.limits(), k); // as Deno: a checked key is held to the limits of a written one
      checks.add(new Check(k, versionstamp));
      return this;
    });
  }

  /** Requires {@code entry}'s key to still have the versionstamp it was read with. */
  public AtomicOperation check(KvEntry<?> entry) {
    return check(entry.key(), entry.versionstamp());
  }

  /** Sets {@code key} to {@code value}. */
  public AtomicOperation set(KvKey key, @Nullable Object value) {
    return template.translating(() -> add(key, MutationKind.SET, template.encodeValue(value), 0));
  }

  /** Sets {@code key} to {@code value}, to expire after {@code expireIn}. */
  public AtomicOperation set(KvKey key, @Nullable Object value, Duration expireIn) {
    return template.translating(() -> {
      KvLimits.checkExpireIn(expireIn);
      return add(key, MutationKind.SET, template.encodeValue(value), template.expiryTime(expireIn));
    });
  }

  /**
   * Sets the key made of {@code prefix} and one more string part holding this commit's
   * versionstamp, so that keys written later sort later.
   */
  public AtomicOperation setVersionstampedKey(KvKey prefix, @Nullable Object value) {
    return template.translating(
        () -> add(prefix, MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY, template.encodeValue(value), 0));
  }

  /**
   * Sets {@code key} completed with this commit's versionstamp to {@code value}: Deno's
   * {@code set([...prefix, kv.commitVersionstamp()], value)}.
   */
  public AtomicOperation set(VersionstampedKey key, @Nullable Object value) {
    return setVersionstampedKey(key.prefix(), value);
  }

  /** {@link #set(VersionstampedKey, Object)}, to expire after {@code expireIn}. */
  public AtomicOperation set(VersionstampedKey key, @Nullable Object value, Duration expireIn) {
    return template.translating(() -> {
      KvLimits.checkExpireIn(expireIn);
      return add(key.prefix(), MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY, template.encodeValue(value),
          template.expiryTime(expireIn));
    });
  }

  /**
   * Adds {@code mutations} in order, like Deno's {@code mutate(...mutations)}: each is checked as
   * the matching method ({@link #set}, {@link #delete}, {@link #sum(KvKey, KvU64)}, {@link #min},
   * {@link #max}) checks it.
   */
  public AtomicOperation mutate(KvMutation... mutations) {
    return mutate(List.of(mutations));
  }

  /** {@link #mutate(KvMutation...)} for a list. */
  public AtomicOperation mutate(List<? extends KvMutation> mutations) {
    for (KvMutation m : mutations) {
      if (m instanceof KvMutation.Set set) {
        if (set.expireIn() == null) {
          set(set.key(), set.value());
        } else {
          set(set.key(), set.value(), set.expireIn());
        }
      } else if (m instanceof KvMutation.SetVersionstamped set) {
        if (set.expireIn() == null) {
          set(set.key(), set.value());
        } else {
          set(set.key(), set.value(), set.expireIn());
        }
      } else if (m instanceof KvMutation.Delete delete) {
        delete(delete.key());
      } else if (m instanceof KvMutation.Sum sum) {
        sum(sum.key(), sum.value());
      } else if (m instanceof KvMutation.Min min) {
        min(min.key(), min.value());
      } else if (m instanceof KvMutation.Max max) {
        max(max.key(), max.value());
      }
    }
    return this;
  }

  /** Deletes {@code key}. */
  public AtomicOperation delete(KvKey key) {
    return template.translating(() -> {
      byte[] k = key.encode();
      KvLimits.checkWriteKey(template.limits(), k);
      mutations.add(Mutation.delete(k));
      return this;
    });
  }

  /** Adds {@code value} to the KvU64 at {@code key} (modulo 2^64; a missing key counts as 0). */
  public AtomicOperation sum(KvKey key, KvU64 value) {
    return template.translating(() -> add(key, MutationKind.SUM, template.encodeValue(value), 0));
  }

  /** Adds {@code value} to the JS number at {@code key}. */
  public AtomicOperation sum(KvKey key, double value, SumOptions options) {
    return sum(key, (Object) value, options);
  }

  /** Adds {@code value} to the JS bigint at {@code key}. */
  public AtomicOperation sum(KvKey key, BigInteger value, SumOptions options) {
    return sum(key, (Object) value, options);
  }

  private AtomicOperation sum(KvKey key, Object operand, SumOptions options) {
    return template.translating(() -> {
      byte[] k = key.encode();
      KvLimits.checkWriteKey(template.limits(), k);
      EncodedValue min = options.min() == null ? null : template.encodeValue(options.min());
      EncodedValue max = options.max() == null ? null : template.encodeValue(options.max());
      mutations.add(new Mutation(k, MutationKind.SUM, template.encodeValue(operand), 0, min, max, options.clamp()));
      return this;
    });
  }

  /** Keeps the smaller of the stored KvU64 and {@code value}. */
  public AtomicOperation min(KvKey key, KvU64 value) {
    return template.translating(() -> add(key, MutationKind.MIN, template.encodeValue(value), 0));
  }

  /** Keeps the larger of the stored KvU64 and {@code value}. */
  public AtomicOperation max(KvKey key, KvU64 value) {
    return template.translating(() -> add(key, MutationKind.MAX, template.encodeValue(value), 0));
  }

  /** Enqueues {@code message} for delivery to queue listeners once this operation commits. */
  public AtomicOperation enqueue(@Nullable Object message) {
    return enqueue(message, EnqueueOptions.defaults());
  }

  /** Enqueues {@code message} with {@code options} once this operation commits. */
  public AtomicOperation enqueue(@Nullable Object message, EnqueueOptions options) {
    enqueues.add(template.translating(() -> template.toEnqueue(message, options)));
    return this;
  }

  /**
   * Commits: a check failure is a normal result with {@code ok == false}. Inside a
   * {@link KvUnitOfWork} (a transaction) the operation joins it instead: the result is ok with no
   * versionstamp, or not ok when one of its checks is already known to fail.
   */
  public KvCommitResult commit() {
    return template.translating(() -> template.commit(toWrite()));
  }

  /**
   * Commits without waiting. The future completes once the commit is durable, with a check
   * failure as a normal result; invalid operations throw at once, as {@link #commit()} does.
   * Stages chained on the future must not block: see {@link KvTemplate#setAsync}.
   */
  public CompletableFuture<KvCommitResult> commitAsync() {
    return template.translating(() -> template.commitAsync(toWrite()));
  }

  private AtomicWrite toWrite() {
    DatabaseLimits limits = template.limits();
    if (checks.size() > limits.maxChecks()) {
      throw new KvInvalidArgumentException("Too many checks (max " + limits.maxChecks() + ")");
    }
    if (mutations.size() + enqueues.size() > limits.maxMutations()) {
      throw new KvInvalidArgumentException("Too many mutations (max " + limits.maxMutations() + ")");
    }
    // Deno's accounting: every checked and mutated key counts once towards the total mutation
    // size, and the key and value of each mutation carrying a value count again; only those keys
    // count towards the total key size.
    long totalSize = 0;
    long keySize = 0;
    for (Check c : checks) {
      totalSize += c.key().length;
    }
    for (Mutation m : mutations) {
      totalSize += m.key().length;
      if (m.value() != null) {
        totalSize += m.key().length + m.value().data().length;
        keySize += m.key().length;
      }
    }
    for (Enqueue e : enqueues) {
      totalSize += e.payload().length;
      if (e.backoffSchedule() != null) {
        totalSize += 4L * e.backoffSchedule().size();
      }
    }
    if (totalSize > limits.maxTotalMutationBytes()) {
      throw new KvInvalidArgumentException(
          "Total mutation size too large (max " + limits.maxTotalMutationBytes() + " bytes)");
    }
    if (keySize > limits.maxTotalKeyBytes()) {
      throw new KvInvalidArgumentException(
          "Total key size too large (max " + limits.maxTotalKeyBytes() + " bytes)");
    }
    return new AtomicWrite(checks, mutations, enqueues);
  }

  private AtomicOperation add(KvKey key, MutationKind kind, EncodedValue value, long expireAtMs) {
    byte[] k = key.encode();
    KvLimits.checkWriteKey(template.limits(), k);
    KvLimits.checkValue(template.limits(), value);
    mutations.add(new Mutation(k, kind, value, expireAtMs, null, null, false));
    return this;
  }
}
