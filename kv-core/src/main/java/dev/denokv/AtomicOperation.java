package dev.denokv;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
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
    byte[] k = key.encode();
    KvLimits.checkWriteKey(k); // as Deno: a checked key is held to the limits of a written one
    checks.add(new Check(k, versionstamp));
    return this;
  }

  /** Requires {@code entry}'s key to still have the versionstamp it was read with. */
  public AtomicOperation check(KvEntry<?> entry) {
    return check(entry.key(), entry.versionstamp());
  }

  /** Sets {@code key} to {@code value}. */
  public AtomicOperation set(KvKey key, @Nullable Object value) {
    return add(key, MutationKind.SET, template.encodeValue(value), 0);
  }

  /** Sets {@code key} to {@code value}, to expire after {@code expireIn}. */
  public AtomicOperation set(KvKey key, @Nullable Object value, Duration expireIn) {
    KvLimits.checkExpireIn(expireIn);
    return add(key, MutationKind.SET, template.encodeValue(value), template.expiryTime(expireIn));
  }

  /**
   * Sets the key made of {@code prefix} and one more string part holding this commit's
   * versionstamp, so that keys written later sort later.
   */
  public AtomicOperation setVersionstampedKey(KvKey prefix, @Nullable Object value) {
    return add(prefix, MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY, template.encodeValue(value), 0);
  }

  /** Deletes {@code key}. */
  public AtomicOperation delete(KvKey key) {
    byte[] k = key.encode();
    KvLimits.checkWriteKey(k);
    mutations.add(Mutation.delete(k));
    return this;
  }

  /** Adds {@code value} to the KvU64 at {@code key} (modulo 2^64; a missing key counts as 0). */
  public AtomicOperation sum(KvKey key, KvU64 value) {
    return add(key, MutationKind.SUM, template.encodeValue(value), 0);
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
    byte[] k = key.encode();
    KvLimits.checkWriteKey(k);
    EncodedValue min = options.min() == null ? null : template.encodeValue(options.min());
    EncodedValue max = options.max() == null ? null : template.encodeValue(options.max());
    mutations.add(new Mutation(k, MutationKind.SUM, template.encodeValue(operand), 0, min, max, options.clamp()));
    return this;
  }

  /** Keeps the smaller of the stored KvU64 and {@code value}. */
  public AtomicOperation min(KvKey key, KvU64 value) {
    return add(key, MutationKind.MIN, template.encodeValue(value), 0);
  }

  /** Keeps the larger of the stored KvU64 and {@code value}. */
  public AtomicOperation max(KvKey key, KvU64 value) {
    return add(key, MutationKind.MAX, template.encodeValue(value), 0);
  }

  /** Enqueues {@code message} for delivery to queue listeners once this operation commits. */
  public AtomicOperation enqueue(@Nullable Object message) {
    return enqueue(message, EnqueueOptions.defaults());
  }

  /** Enqueues {@code message} with {@code options} once this operation commits. */
  public AtomicOperation enqueue(@Nullable Object message, EnqueueOptions options) {
    enqueues.add(template.toEnqueue(message, options));
    return this;
  }

  /** Commits: a check failure is a normal result with {@code ok == false}. */
  public KvCommitResult commit() {
    return template.commit(toWrite());
  }

  /**
   * Commits without waiting. The future completes once the commit is durable, with a check
   * failure as a normal result; invalid operations throw at once, as {@link #commit()} does.
   * Stages chained on the future must not block: see {@link KvTemplate#setAsync}.
   */
  public CompletableFuture<KvCommitResult> commitAsync() {
    return template.commitAsync(toWrite());
  }

  private AtomicWrite toWrite() {
    if (checks.size() > KvLimits.MAX_CHECKS) {
      throw new KvInvalidArgumentException("Too many checks (max " + KvLimits.MAX_CHECKS + ")");
    }
    if (mutations.size() + enqueues.size() > KvLimits.MAX_MUTATIONS) {
      throw new KvInvalidArgumentException("Too many mutations (max " + KvLimits.MAX_MUTATIONS + ")");
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
    if (totalSize > KvLimits.MAX_TOTAL_MUTATION_SIZE) {
      throw new KvInvalidArgumentException(
          "Total mutation size too large (max " + KvLimits.MAX_TOTAL_MUTATION_SIZE + " bytes)");
    }
    if (keySize > KvLimits.MAX_TOTAL_KEY_SIZE) {
      throw new KvInvalidArgumentException(
          "Total key size too large (max " + KvLimits.MAX_TOTAL_KEY_SIZE + " bytes)");
    }
    return new AtomicWrite(checks, mutations, enqueues);
  }

  private AtomicOperation add(KvKey key, MutationKind kind, EncodedValue value, long expireAtMs) {
    byte[] k = key.encode();
    KvLimits.checkWriteKey(k);
    KvLimits.checkValue(value);
    mutations.add(new Mutation(k, kind, value, expireAtMs, null, null, false));
    return this;
  }
}
