package dev.denokv;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.spi.DatabaseLimits;
import dev.denokv.value.EncodedValue;
import java.time.Duration;

/**
 * Deno KV's limits, checked before anything reaches a backend, with Deno's messages. The figures a
 * backend accepts come from {@link dev.denokv.spi.Database#limits()}; the constants here are the Deno
 * CLI's ({@link DatabaseLimits#DENO_CLI}) and the rules of Deno's API that hold for every backend
 * (enqueue delays, backoff schedules).
 */
public final class KvLimits {

  /** Largest encoded key a write accepts. */
  public static final int MAX_WRITE_KEY_SIZE = 2048;
  /** Largest encoded key a read accepts (a write key plus one range byte). */
  public static final int MAX_READ_KEY_SIZE = 2049;
  /** Largest encoded value. */
  public static final int MAX_VALUE_SIZE = 65536;
  /** Ranges (or keys of getMany) in one read. */
  public static final int MAX_READ_RANGES = 10;
  /** Entries one read may return in total. */
  public static final int MAX_READ_ENTRIES = 1000;
  /** Checks in one atomic operation. */
  public static final int MAX_CHECKS = 100;
  /** Mutations and enqueues in one atomic operation. */
  public static final int MAX_MUTATIONS = 1000;
  /** Sum of key and value sizes of one atomic operation. */
  public static final int MAX_TOTAL_MUTATION_SIZE = 819200;
  /** Sum of key sizes of one atomic operation. */
  public static final int MAX_TOTAL_KEY_SIZE = 81920;
  /** Keys one watch may observe. */
  public static final int MAX_WATCHED_KEYS = 10;
  /** Longest enqueue delay. */
  public static final Duration MAX_ENQUEUE_DELAY = Duration.ofDays(30);
  /** Retry intervals one queue message may carry. */
  public static final int MAX_BACKOFF_INTERVALS = 5;
  /** Longest single retry interval. */
  public static final Duration MAX_BACKOFF_INTERVAL = Duration.ofHours(1);

  private KvLimits() {}

  static void checkWriteKey(DatabaseLimits limits, byte[] key) {
    if (key.length == 0) {
      throw new KvInvalidArgumentException("key cannot be empty");
    }
    if (key.length > limits.maxWriteKeyBytes()) {
      throw new KvInvalidArgumentException("Key too large for write (max " + limits.maxWriteKeyBytes() + " bytes)");
    }
  }

  static void checkReadKey(DatabaseLimits limits, byte[] key) {
    if (key.length > limits.maxReadKeyBytes()) {
      throw new KvInvalidArgumentException("Key too large for read (max " + limits.maxReadKeyBytes() + " bytes)");
    }
  }

  static void checkValue(DatabaseLimits limits, EncodedValue value) {
    if (value.data().length > limits.maxValueBytes()) {
      throw new KvInvalidArgumentException("Value too large (max " + limits.maxValueBytes() + " bytes)");
    }
  }

  static void checkPayload(DatabaseLimits limits, byte[] payload) {
    if (payload.length > limits.maxValueBytes()) {
      throw new KvInvalidArgumentException("enqueue payload too large (max " + limits.maxValueBytes() + " bytes)");
    }
  }

  static void checkExpireIn(Duration expireIn) {
    if (expireIn.isNegative()) {
      throw new KvInvalidArgumentException(
          "expireIn must be a non-negative integer: received " + expireIn.toMillis());
    }
  }

  static void checkDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new KvInvalidArgumentException("Delay must be >= 0: received " + delay.toMillis());
    }
    if (delay.compareTo(MAX_ENQUEUE_DELAY) > 0) {
      throw new KvInvalidArgumentException("Delay cannot be greater than 30 days: received " + delay.toMillis());
    }
  }

  static void checkBackoffSchedule(java.util.List<Duration> schedule) {
    if (schedule.size() > MAX_BACKOFF_INTERVALS) {
      throw new KvInvalidArgumentException(
          "Invalid backoffSchedule, max " + MAX_BACKOFF_INTERVALS + " intervals allowed");
    }
    for (Duration d : schedule) {
      if (d.isNegative() || d.compareTo(MAX_BACKOFF_INTERVAL) > 0) {
        throw new KvInvalidArgumentException(
            "Invalid backoffSchedule, interval at index " + schedule.indexOf(d) + " is invalid");
      }
    }
  }

  static int checkLimit(int limit) {
    if (limit <= 0) {
      throw new KvInvalidArgumentException("Limit must be a positive integer: received " + limit);
    }
    return limit;
  }

  static int checkBatchSize(DatabaseLimits limits, int batchSize) {
    if (batchSize <= 0) {
      throw new KvInvalidArgumentException("batchSize must be a positive integer: received " + batchSize);
    }
    if (batchSize > limits.maxReadEntries()) {
      throw new KvInvalidArgumentException("Too many entries (max " + limits.maxReadEntries() + ")");
    }
    return batchSize;
  }
}
