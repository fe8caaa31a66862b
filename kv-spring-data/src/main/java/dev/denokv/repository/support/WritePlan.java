package dev.denokv.repository.support;

import dev.denokv.AtomicOperation;
import dev.denokv.Versionstamp;
import dev.denokv.key.KvKey;
import dev.denokv.value.ValueCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks and mutations that write or delete one entity and its index keys, with the sizes
 * that count against Deno's limits of one atomic operation.
 */
final class WritePlan {

  /** A versionstamp check; {@code claim} is set when it reserves a unique index value. */
  record CheckSpec(KvKey key, @Nullable Versionstamp versionstamp, @Nullable IndexKey claim) {}

  record Put(KvKey key, Object value, @Nullable Duration expireIn) {}

  private final ValueCodec codec;
  private final List<CheckSpec> checks = new ArrayList<>();
  private final List<Put> puts = new ArrayList<>();
  private final List<KvKey> deletes = new ArrayList<>();
  private final Set<KvKey> touched = new HashSet<>();
  private final Object idPart;
  private long keyBytes;
  private long mutationBytes;

  WritePlan(ValueCodec codec, Object idPart) {
    this.codec = codec;
    this.idPart = idPart;
  }

  Object idPart() {
    return idPart;
  }

  WritePlan check(KvKey key, @Nullable Versionstamp versionstamp) {
    checks.add(new CheckSpec(key, versionstamp, null));
    touched.add(key);
    keyBytes += key.encode().length;
    return this;
  }

  WritePlan claim(IndexKey unique) {
    checks.add(new CheckSpec(unique.key(), null, unique));
    touched.add(unique.key());
    keyBytes += unique.key().encode().length;
    return this;
  }

  WritePlan put(KvKey key, Object value, @Nullable Duration expireIn) {
    puts.add(new Put(key, value, expireIn));
    touched.add(key);
    int k = key.encode().length;
    keyBytes += k;
    mutationBytes += k + codec.encode(value).data().length;
    return this;
  }

  WritePlan delete(KvKey key) {
    deletes.add(key);
    touched.add(key);
    int k = key.encode().length;
    keyBytes += k;
    mutationBytes += k;
    return this;
  }

  List<CheckSpec> checks() {
    return checks;
  }

  int mutationCount() {
    return puts.size() + deletes.size();
  }

  long keyBytes() {
    return keyBytes;
  }

  long mutationBytes() {
    return mutationBytes;
  }

  /** Whether this plan reads or writes a key {@code keys} holds. */
  boolean touchesAny(Set<KvKey> keys) {
    for (KvKey k : touched) {
      if (keys.contains(k)) {
        return true;
      }
    }
    return false;
  }

  Set<KvKey> touched() {
    return touched;
  }

  void addTo(AtomicOperation op) {
    for (CheckSpec c : checks) {
      op.check(c.key(), c.versionstamp());
    }
    for (KvKey k : deletes) {
      op.delete(k);
    }
    for (Put p : puts) {
      if (p.expireIn() == null) {
        op.set(p.key(), p.value());
      } else {
        op.set(p.key(), p.value(), p.expireIn());
      }
    }
  }
}
