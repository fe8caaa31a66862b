package dev.denokv.server;

import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.ReadRange;
import dev.denokv.value.ValueEncoding;
import java.util.List;

/**
 * Checks decoded data-path requests against {@link KvConnectLimits} and the protocol's rules,
 * before anything reaches the database. Every violation is a {@link KvConnectRejection} (400)
 * naming the problem.
 */
final class RequestLimits {

  private final KvConnectLimits limits;

  RequestLimits(KvConnectLimits limits) {
    this.limits = limits;
  }

  void checkSnapshotRead(List<ReadRange> ranges) {
    if (ranges.size() > limits.maxReadRanges()) {
      throw reject("Too many ranges in a snapshot read: " + ranges.size() + " > " + limits.maxReadRanges() + ".");
    }
    long total = 0;
    for (ReadRange r : ranges) {
      readKey(r.start(), "range start");
      readKey(r.end(), "range end");
      if (r.limit() < 1) {
        throw reject("A range limit must be at least 1, got " + r.limit() + ".");
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
    for (Check c : write.checks()) {
      readKey(c.key(), "check key");
      total += c.key().length;
    }
    for (Mutation m : write.mutations()) {
      total += checkMutation(m);
    }
    for (Enqueue q : write.enqueues()) {
      total += checkEnqueue(q, nowMs);
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
    for (byte[] k : keys) {
      readKey(k, "watched key");
    }
  }

  private long checkMutation(Mutation m) {
    writeKey(m.key(), "mutation key");
    if (m.expireAtMs() < 0) {
      throw reject("A mutation's expiry must not be negative.");
    }
    if (m.kind() == MutationKind.DELETE) {
      if (m.value() != null) {
        throw reject("A delete mutation must not carry a value.");
      }
    } else if (m.value() == null) {
      throw reject("A " + m.kind().name().toLowerCase(java.util.Locale.ROOT) + " mutation needs a value.");
    }
    if (m.sumMin() != null || m.sumMax() != null || m.sumClamp()) {
      if (m.kind() != MutationKind.SUM || m.value() == null || m.value().encoding() != ValueEncoding.V8) {
        throw reject("Sum bounds and clamping are only allowed on a sum of a V8-encoded number.");
      }
    }
    long size = m.key().length;
    if (m.value() != null) {
      value(m.value().data().length, "mutation value");
      size += m.value().data().length;
    }
    return size;
  }

  private long checkEnqueue(Enqueue q, long nowMs) {
    value(q.payload().length, "enqueue payload");
    long size = q.payload().length;
    if (q.keysIfUndelivered().size() > limits.maxKeysIfUndelivered()) {
      throw reject("Too many keys if undelivered: " + q.keysIfUndelivered().size() + " > "
          + limits.maxKeysIfUndelivered() + ".");
    }
    for (byte[] k : q.keysIfUndelivered()) {
      writeKey(k, "key if undelivered");
      size += k.length;
    }
    List<Integer> backoff = q.backoffSchedule();
    if (backoff != null) {
      if (backoff.size() > limits.maxBackoffIntervals()) {
        throw reject("Too many backoff intervals: " + backoff.size() + " > " + limits.maxBackoffIntervals() + ".");
      }
      for (int interval : backoff) {
        long ms = Integer.toUnsignedLong(interval);
        if (ms > limits.maxBackoffIntervalMs()) {
          throw reject("A backoff interval is too long: " + ms + " ms > " + limits.maxBackoffIntervalMs() + " ms.");
        }
      }
    }
    if (q.deadlineMs() - nowMs > limits.maxEnqueueDelayMs()) {
      throw reject("An enqueue's delay is too long: more than " + limits.maxEnqueueDelayMs() + " ms.");
    }
    return size;
  }

  private void readKey(byte[] key, String what) {
    if (key.length > limits.maxReadKeyBytes()) {
      throw reject(capitalized(what) + " is too large: " + key.length + " bytes > " + limits.maxReadKeyBytes() + ".");
    }
  }

  private void writeKey(byte[] key, String what) {
    if (key.length == 0) {
      throw reject(capitalized(what) + " must not be empty.");
    }
    if (key.length > limits.maxWriteKeyBytes()) {
      throw reject(capitalized(what) + " is too large: " + key.length + " bytes > " + limits.maxWriteKeyBytes() + ".");
    }
  }

  private void value(int length, String what) {
    if (length > limits.maxValueBytes()) {
      throw reject(capitalized(what) + " is too large: " + length + " bytes > " + limits.maxValueBytes() + ".");
    }
  }

  private static String capitalized(String what) {
    return Character.toUpperCase(what.charAt(0)) + what.substring(1);
  }

  private static KvConnectRejection reject(String message) {
    return KvConnectRejection.badRequest(message);
  }
}
