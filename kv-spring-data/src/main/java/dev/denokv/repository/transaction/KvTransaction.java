package dev.denokv.repository.transaction;

import dev.denokv.KvLimits;
import dev.denokv.KvUnitOfWork;
import dev.denokv.error.KvIllegalStateException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.Consistency;
import dev.denokv.spi.Database;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.Versionstamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * One Deno KV transaction: the writes made in it wait here and are committed together, as one
 * atomic operation, at the end; every entry read by key records the versionstamp it was read with,
 * which becomes a check of that operation. Reads see the transaction's own pending writes.
 * Confined to the thread running the transaction.
 */
public final class KvTransaction implements KvUnitOfWork {

  /**
   * The versionstamp a key the transaction created reads back with until the commit assigns the
   * real one. No Deno commit has it.
   */
  public static final Versionstamp PENDING = Versionstamp.of(filled((byte) 0xff));

  private final Database database;
  private final boolean readOnly;
  /** Versionstamps read by key (empty: the key did not exist): each is a check of the commit. */
  private final Map<ByteKey, Optional<Versionstamp>> checks = new LinkedHashMap<>();
  /** Pending mutations by key, in order; a set or delete replaces what came before it. */
  private final NavigableMap<ByteKey, List<Mutation>> pending = new TreeMap<>();
  private final List<Mutation> versionstampedKeys = new ArrayList<>();
  private final List<Enqueue> enqueues = new ArrayList<>();
  private boolean rollbackOnly;
  private boolean completed;

  KvTransaction(Database database, boolean readOnly) {
    this.database = database;
    this.readOnly = readOnly;
  }

  private static byte[] filled(byte b) {
    byte[] bytes = new byte[Versionstamp.LENGTH];
    Arrays.fill(bytes, b);
    return bytes;
  }

  // ---- reads ------------------------------------------------------------------------------

  @Override
  public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    requireActive();
    List<ReadRange> widened = new ArrayList<>(ranges.size());
    for (ReadRange range : ranges) {
      int pendingInRange = pendingIn(range).size();
      int limit = range.limit() + pendingInRange;
      widened.add(new ReadRange(range.start(), range.end(), Math.min(limit, Math.max(range.limit(),
          KvLimits.MAX_READ_ENTRIES)), range.reverse()));
    }
    List<List<RawEntry>> stored = database.snapshotRead(widened, consistency);
    List<List<RawEntry>> out = new ArrayList<>(ranges.size());
    for (int i = 0; i < ranges.size(); i++) {
      out.add(overlay(ranges.get(i), stored.get(i)));
    }
    return out;
  }

  private NavigableMap<ByteKey, List<Mutation>> pendingIn(ReadRange range) {
    if (Arrays.compareUnsigned(range.start(), range.end()) >= 0) {
      return Collections.emptyNavigableMap();
    }
    return pending.subMap(new ByteKey(range.start()), true, new ByteKey(range.end()), false);
  }

  /** The entries of {@code range} as this transaction sees them; records the versionstamps read by key. */
  private List<RawEntry> overlay(ReadRange range, List<RawEntry> stored) {
    boolean pointRead = isPointRead(range);
    NavigableMap<ByteKey, List<Mutation>> mine = pendingIn(range);
    Map<ByteKey, RawEntry> storedByKey = new HashMap<>();
    for (RawEntry entry : stored) {
      storedByKey.put(new ByteKey(entry.key()), entry);
    }
    if (pointRead) {
      ByteKey key = new ByteKey(range.start());
      RawEntry entry = storedByKey.get(key);
      record(key, entry == null ? null : entry.versionstamp());
    }
    TreeMap<ByteKey, RawEntry> merged = new TreeMap<>();
    for (RawEntry entry : stored) {
      ByteKey key = new ByteKey(entry.key());
      if (!mine.containsKey(key)) {
        merged.put(key, entry);
      }
    }
    for (Map.Entry<ByteKey, List<Mutation>> e : mine.entrySet()) {
      RawEntry storedEntry = storedByKey.get(e.getKey());
      RawEntry visible = pendingEntry(e.getKey(), e.getValue(),
          storedEntry == null ? null : storedEntry.versionstamp());
      if (visible != null) {
        merged.put(e.getKey(), visible);
      }
    }
    List<RawEntry> rows = new ArrayList<>(range.reverse() ? merged.descendingMap().values() : merged.values());
    boolean storedComplete = stored.size() < range.limit() + mine.size();
    if (!storedComplete && !rows.isEmpty()) {
      // Entries past the last stored one read may exist in storage: do not show pending ones beyond it.
      ByteKey last = new ByteKey(stored.get(stored.size() - 1).key());
      rows.removeIf(r -> range.reverse()
          ? new ByteKey(r.key()).compareTo(last) < 0
          : new ByteKey(r.key()).compareTo(last) > 0);
    }
    return rows.size() > range.limit() ? new ArrayList<>(rows.subList(0, range.limit())) : rows;
  }

  private static boolean isPointRead(ReadRange range) {
    byte[] s = range.start();
    byte[] e = range.end();
    return range.limit() == 1 && e.length == s.length + 1 && e[s.length] == 0
        && Arrays.equals(s, 0, s.length, e, 0, s.length);
  }

  /** What a key with pending mutations reads as: null when it is deleted. */
  private @Nullable RawEntry pendingEntry(ByteKey key, List<Mutation> mutations, @Nullable Versionstamp storedVersion) {
    Mutation last = mutations.get(mutations.size() - 1);
    if (mutations.size() > 1 || last.kind() != MutationKind.SET && last.kind() != MutationKind.DELETE) {
      throw new KvUnsupportedOperationException("The key " + key + " cannot be read after a " + lastArithmetic(mutations)
          + " on it in the same transaction: its value is computed when the transaction commits");
    }
    if (last.kind() == MutationKind.DELETE) {
      return null;
    }
    Versionstamp shown = checks.containsKey(key) ? checks.get(key).orElse(null) : storedVersion;
    return new RawEntry(key.bytes(), last.value(), shown != null ? shown : PENDING);
  }

  private static String lastArithmetic(List<Mutation> mutations) {
    for (int i = mutations.size() - 1; i >= 0; i--) {
      MutationKind kind = mutations.get(i).kind();
      if (kind != MutationKind.SET && kind != MutationKind.DELETE) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return "write";
  }

  /** Records that {@code key} was read with {@code versionstamp}, failing at once on a change seen. */
  private void record(ByteKey key, @Nullable Versionstamp versionstamp) {
    Optional<Versionstamp> seen = checks.get(key);
    if (seen != null) {
      if (!seen.equals(Optional.ofNullable(versionstamp))) {
        throw new OptimisticLockingFailureException("The key " + key + " changed during the transaction: read with "
            + seen.map(Versionstamp::toString).orElse("no entry") + ", now "
            + (versionstamp == null ? "no entry" : versionstamp) + "; the transaction cannot commit");
      }
      return;
    }
    if (checks.size() >= KvLimits.MAX_CHECKS) {
      throw new KvInvalidArgumentException("The transaction reads more than " + KvLimits.MAX_CHECKS
          + " keys, and each key read becomes a check of its atomic commit (Deno KV allows at most "
          + KvLimits.MAX_CHECKS + " checks): read " + key + " outside the transaction or split the transaction");
    }
    checks.put(key, Optional.ofNullable(versionstamp));
  }

  // ---- writes -----------------------------------------------------------------------------

  @Override
  public boolean collect(AtomicWrite write) {
    requireActive();
    if (readOnly && (!write.mutations().isEmpty() || !write.enqueues().isEmpty())) {
      throw new KvUnsupportedOperationException("A read-only transaction cannot write");
    }
    Map<ByteKey, Optional<Versionstamp>> newChecks = new LinkedHashMap<>();
    for (Check check : write.checks()) {
      ByteKey key = new ByteKey(check.key());
      Optional<Versionstamp> expected = Optional.ofNullable(check.versionstamp());
      if (pending.containsKey(key)) {
        RawEntry visible = pendingEntry(key, pending.get(key), storedVersion(key));
        if (!expected.equals(Optional.ofNullable(visible == null ? null : visible.versionstamp()))) {
          return false;
        }
      } else if (checks.containsKey(key)) {
        if (!checks.get(key).equals(expected)) {
          return false;
        }
      } else if (newChecks.containsKey(key) && !newChecks.get(key).equals(expected)) {
        return false;
      } else {
        newChecks.put(key, expected);
      }
    }
    NavigableMap<ByteKey, List<Mutation>> nextPending = new TreeMap<>();
    pending.forEach((k, v) -> nextPending.put(k, new ArrayList<>(v)));
    List<Mutation> nextStamped = new ArrayList<>(versionstampedKeys);
    for (Mutation m : write.mutations()) {
      if (m.kind() == MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY) {
        nextStamped.add(m);
        continue;
      }
      List<Mutation> list = nextPending.computeIfAbsent(new ByteKey(m.key()), k -> new ArrayList<>());
      if (m.kind() == MutationKind.SET || m.kind() == MutationKind.DELETE) {
        list.clear();
      }
      list.add(m);
    }
    List<Enqueue> nextEnqueues = new ArrayList<>(enqueues);
    nextEnqueues.addAll(write.enqueues());
    Map<ByteKey, Optional<Versionstamp>> nextChecks = new LinkedHashMap<>(checks);
    nextChecks.putAll(newChecks);
    checkLimits(nextChecks, nextPending, nextStamped, nextEnqueues);
    checks.putAll(newChecks);
    pending.clear();
    pending.putAll(nextPending);
    versionstampedKeys.clear();
    versionstampedKeys.addAll(nextStamped);
    enqueues.clear();
    enqueues.addAll(nextEnqueues);
    return true;
  }

  /** The versionstamp {@code key} had in storage, read (and recorded) if not known yet. */
  private @Nullable Versionstamp storedVersion(ByteKey key) {
    if (!checks.containsKey(key)) {
      byte[] k = key.bytes();
      byte[] end = Arrays.copyOf(k, k.length + 1);
      List<RawEntry> rows = database.snapshotRead(List.of(new ReadRange(k, end, 1, false)), Consistency.STRONG).get(0);
      record(key, rows.isEmpty() ? null : rows.get(0).versionstamp());
    }
    return checks.get(key).orElse(null);
  }

  /** Deno's limits of one atomic operation, counted as Deno counts them, for what the commit would hold. */
  private static void checkLimits(Map<ByteKey, Optional<Versionstamp>> checks, Map<ByteKey, List<Mutation>> pending,
      List<Mutation> stamped, List<Enqueue> enqueues) {
    if (checks.size() > KvLimits.MAX_CHECKS) {
      throw limit(checks.size() + " checks", KvLimits.MAX_CHECKS + " checks");
    }
    List<Mutation> mutations = new ArrayList<>(stamped);
    pending.values().forEach(mutations::addAll);
    if (mutations.size() + enqueues.size() > KvLimits.MAX_MUTATIONS) {
      throw limit((mutations.size() + enqueues.size()) + " mutations", KvLimits.MAX_MUTATIONS + " mutations");
    }
    long total = 0;
    long keys = 0;
    for (ByteKey k : checks.keySet()) {
      total += k.bytes().length;
    }
    for (Mutation m : mutations) {
      total += m.key().length;
      if (m.value() != null) {
        total += m.key().length + m.value().data().length;
        keys += m.key().length;
      }
    }
    for (Enqueue e : enqueues) {
      total += e.payload().length + (e.backoffSchedule() == null ? 0 : 4L * e.backoffSchedule().size());
    }
    if (total > KvLimits.MAX_TOTAL_MUTATION_SIZE) {
      throw limit("a total mutation size of " + total + " bytes", KvLimits.MAX_TOTAL_MUTATION_SIZE + " bytes");
    }
    if (keys > KvLimits.MAX_TOTAL_KEY_SIZE) {
      throw limit("a total key size of " + keys + " bytes", KvLimits.MAX_TOTAL_KEY_SIZE + " bytes");
    }
  }

  private static KvInvalidArgumentException limit(String what, String max) {
    return new KvInvalidArgumentException("This write would bring the transaction to " + what
        + ", beyond Deno KV's limit of one atomic operation (max " + max + "); the transaction commits as one "
        + "atomic operation: split the work into several transactions");
  }

  // ---- completion -------------------------------------------------------------------------

  /** Whether the transaction holds writes to commit. */
  public boolean hasWrites() {
    return !pending.isEmpty() || !versionstampedKeys.isEmpty() || !enqueues.isEmpty();
  }

  /** How many keys read by key become checks of the commit. */
  public int checkCount() {
    return checks.size();
  }

  /**
   * Commits every pending write in one atomic operation guarded by the recorded reads; returns its
   * versionstamp, or null when there was nothing to write.
   *
   * @throws OptimisticLockingFailureException when an entry read changed before the commit;
   *     nothing is written then
   */
  @Nullable Versionstamp commit() {
    requireActive();
    completed = true;
    if (!hasWrites()) {
      return null;
    }
    List<Check> checkList = new ArrayList<>(checks.size());
    List<ByteKey> checkKeys = new ArrayList<>(checks.keySet());
    checks.forEach((k, v) -> checkList.add(new Check(k.bytes(), v.orElse(null))));
    List<Mutation> mutations = new ArrayList<>();
    pending.values().forEach(mutations::addAll);
    mutations.addAll(versionstampedKeys);
    CommitResult result = database.atomicWrite(new AtomicWrite(checkList, mutations, enqueues));
    if (result instanceof CommitResult.Committed committed) {
      return committed.versionstamp();
    }
    List<Integer> failed = ((CommitResult.CheckFailed) result).failedChecks();
    String which = failed.isEmpty() ? "an entry it read"
        : failed.stream().map(i -> checkKeys.get(i).toString()).toList().toString();
    throw new OptimisticLockingFailureException("The transaction was not committed: " + which
        + " changed after the transaction read it (optimistic concurrency); nothing was written");
  }

  /** Discards every pending write. */
  void discard() {
    completed = true;
    pending.clear();
    versionstampedKeys.clear();
    enqueues.clear();
  }

  void setRollbackOnly() {
    rollbackOnly = true;
  }

  boolean isRollbackOnly() {
    return rollbackOnly;
  }

  private void requireActive() {
    if (completed) {
      throw new KvIllegalStateException("The transaction has already completed");
    }
  }
}
