package dev.denokv.server;

import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.ReadRange;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.util.List;
import java.util.Locale;

/**
 * Checks decoded data-path requests against {@link KvConnectLimits} and the protocol's rules,
 * before anything reaches the database: sizes and counts, and that every key decodes as a Deno key
 * and every V8 value and queue payload as a value Deno can read ({@link StoredForms}). Every
 * violation is a {@link KvConnectRejection} (400) naming the field and its index.
 */
final class RequestLimits {

  /**
   * The bytes a versionstamped-key mutation appends to its key: a string part holding 20 hex
   * digits ({@code 0x02}, the digits, {@code 0x00}).
   */
  static final int VERSIONSTAMP_SUFFIX_BYTES = 22;

  private final KvConnectLimits limits;

  RequestLimits(KvConnectLimits limits) {
    this.limits = limits;
  }

  void checkSnapshotRead(List<ReadRange> ranges) {
    if (ranges.size() > limits.maxReadRanges()) {
      throw reject("Too many ranges in a snapshot read: " + ranges.size() + " > " + limits.maxReadRanges() + ".");
    }
    long total = 0;
    for (int i = 0; i < ranges.size(); i++) {
      ReadRange r = ranges.get(i);
      rangeBound(r.start(), "range start", i);
      rangeBound(r.end(), "range end", i);
      if (r.limit() < 1) {
        throw reject("The limit of range " + i + " must be at least 1, got " + r.limit() + ".");
      }
      total += r.limit();
    }
    if (total > limits.maxTotalReadLimit()) {
      throw reject("The range limits of a snapshot read add up to " + total + " > " + limits.maxTotalReadLimit() + ".");
    }
  }

  void checkAtomicWrite(AtomicWrite write, long nowMs) {
    if (write.checks().size() > limits.maxChecks()) {
      throw reject("Too many checks in an atomic write: " + write.checks().size() + " > " + limits.maxChecks() + ".");
    }
    int operations = write.mutations().size() + write.enqueues().size();
    if (operations > limits.maxMutationsAndEnqueues()) {
      throw reject("Too many mutations and enqueues in an atomic write: " + operations + " > "
          + limits.maxMutationsAndEnqueues() + ".");
    }
    long total = 0;
    for (int i = 0; i < write.checks().size(); i++) {
      Check c = write.checks().get(i);
      readKeySize(c.key(), "check key", i);
      key(c.key(), "check key", i);
      total += c.key().length;
    }
    for (int i = 0; i < write.mutations().size(); i++) {
      total += checkMutation(write.mutations().get(i), i);
    }
    for (int i = 0; i < write.enqueues().size(); i++) {
      total += checkEnqueue(write.enqueues().get(i), i, nowMs);
    }
    if (total > limits.maxTotalMutationBytes()) {
      throw reject("The atomic write is too large: " + total + " bytes of keys and values > "
          + limits.maxTotalMutationBytes() + ".");
    }
  }

  void checkWatch(List<byte[]> keys) {
    if (keys.isEmpty()) {
      throw reject("A watch needs at least one key.");
    }
    if (keys.size() > limits.maxWatchedKeys()) {
      throw reject("Too many keys in a watch: " + keys.size() + " > " + limits.maxWatchedKeys() + ".");
    }
    for (int i = 0; i < keys.size(); i++) {
      byte[] k = keys.get(i);
      readKeySize(k, "watched key", i);
      key(k, "watched key", i);
    }
  }

  private long checkMutation(Mutation m, int i) {
    boolean stamped = m.kind() == MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY;
    writeKey(m.key(), "mutation key", i, stamped ? VERSIONSTAMP_SUFFIX_BYTES : 0);
    if (m.expireAtMs() < 0) {
      throw reject("The expiry of mutation " + i + " must not be negative.");
    }
    if (m.kind() == MutationKind.DELETE) {
      if (m.value() != null) {
        throw reject("Delete mutation " + i + " must not carry a value.");
      }
    } else if (m.value() == null) {
      throw reject("Mutation " + i + " (" + m.kind().name().toLowerCase(Locale.ROOT) + ") needs a value.");
    }
    if (m.sumMin() != null || m.sumMax() != null || m.sumClamp()) {
      if (m.kind() != MutationKind.SUM || m.value() == null || m.value().encoding() != ValueEncoding.V8) {
        throw reject("Mutation " + i + ": sum bounds and clamping are only allowed on a sum of a V8-encoded number.");
      }
    }
    long size = m.key().length;
    EncodedValue value = m.value();
    if (value != null) {
      valueSize(value.data().length, "mutation value", i);
      if (value.encoding() == ValueEncoding.V8) {
        v8(value.data(), "mutation value", i);
      }
      size += value.data().length;
    }
    if (m.sumMin() != null) {
      v8(m.sumMin().data(), "sum minimum of mutation", i);
    }
    if (m.sumMax() != null) {
      v8(m.sumMax().data(), "sum maximum of mutation", i);
    }
    return size;
  }

  private long checkEnqueue(Enqueue q, int i, long nowMs) {
    valueSize(q.payload().length, "enqueue payload", i);
    v8(q.payload(), "enqueue payload", i);
    long size = q.payload().length;
    if (q.keysIfUndelivered().size() > limits.maxKeysIfUndelivered()) {
      throw reject("Too many keys if undelivered in enqueue " + i + ": " + q.keysIfUndelivered().size() + " > "
          + limits.maxKeysIfUndelivered() + ".");
    }
    for (int k = 0; k < q.keysIfUndelivered().size(); k++) {
      byte[] key = q.keysIfUndelivered().get(k);
      writeKey(key, "key if undelivered " + k + " of enqueue", i, 0);
      size += key.length;
    }
    List<Integer> backoff = q.backoffSchedule();
    if (backoff != null) {
      if (backoff.size() > limits.maxBackoffIntervals()) {
        throw reject("Too many backoff intervals in enqueue " + i + ": " + backoff.size() + " > "
            + limits.maxBackoffIntervals() + ".");
      }
      for (int interval : backoff) {
        long ms = Integer.toUnsignedLong(interval);
        if (ms > limits.maxBackoffIntervalMs()) {
          throw reject("A backoff interval of enqueue " + i + " is too long: " + ms + " ms > "
              + limits.maxBackoffIntervalMs() + " ms.");
        }
      }
    }
    if (q.deadlineMs() - nowMs > limits.maxEnqueueDelayMs()) {
      throw reject("The delay of enqueue " + i + " is too long: more than " + limits.maxEnqueueDelayMs() + " ms.");
    }
    return size;
  }

  private void rangeBound(byte[] bound, String what, int i) {
    readKeySize(bound, what, i);
    String problem = StoredForms.rangeBoundProblem(bound);
    if (problem != null) {
      throw reject(capitalized(what) + " " + i + " is not a Deno key (optionally followed by 0x00 or 0xff): "
          + problem + ".");
    }
  }

  private void readKeySize(byte[] key, String what, int i) {
    if (key.length > limits.maxReadKeyBytes()) {
      throw reject(capitalized(what) + " " + i + " is too large: " + key.length + " bytes > "
          + limits.maxReadKeyBytes() + ".");
    }
  }

  /** A key to write or test: not empty, within the limit as stored (with {@code suffix} bytes appended), decodable. */
  private void writeKey(byte[] key, String what, int i, int suffix) {
    if (key.length == 0) {
      throw reject(capitalized(what) + " " + i + " must not be empty.");
    }
    if (key.length + suffix > limits.maxWriteKeyBytes()) {
      throw reject(capitalized(what) + " " + i + " is too large: " + key.length + " bytes"
          + (suffix > 0 ? " (" + (key.length + suffix) + " with its versionstamp suffix)" : "")
          + " > " + limits.maxWriteKeyBytes() + ".");
    }
    key(key, what, i);
  }

  private static void key(byte[] key, String what, int i) {
    String problem = StoredForms.keyProblem(key);
    if (problem != null) {
      throw reject(capitalized(what) + " " + i + " is not a valid Deno key: " + problem + ".");
    }
  }

  private static void v8(byte[] data, String what, int i) {
    String problem = StoredForms.v8Problem(data);
    if (problem != null) {
      throw reject(capitalized(what) + " " + i + " is not a V8 value Deno can read: " + problem + ".");
    }
  }

  private void valueSize(int length, String what, int i) {
    if (length > limits.maxValueBytes()) {
      throw reject(capitalized(what) + " " + i + " is too large: " + length + " bytes > " + limits.maxValueBytes() + ".");
    }
  }

  private static String capitalized(String what) {
    return Character.toUpperCase(what.charAt(0)) + what.substring(1);
  }

  private static KvConnectRejection reject(String message) {
    return KvConnectRejection.badRequest(message);
  }
}
