package dev.denokv.server;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.spi.DatabaseLimits;

/**
 * The limits the server enforces on every data-path request before it reaches the database. The
 * {@link #defaults() defaults} are the figures every KV Connect client expects, those of the
 * reference server, denokv.
 *
 * @param maxWriteKeyBytes largest key a mutation, enqueue or check may write or test
 * @param maxReadKeyBytes largest range bound or watched key
 * @param maxValueBytes largest mutation value or enqueue payload
 * @param maxReadRanges most ranges in one snapshot read
 * @param maxTotalReadLimit largest sum of the range limits of one snapshot read
 * @param maxChecks most checks in one atomic write
 * @param maxMutationsAndEnqueues most mutations plus enqueues in one atomic write
 * @param maxTotalMutationBytes largest total size of the keys and values of one atomic write
 * @param maxKeysIfUndelivered most keys-if-undelivered of one enqueue
 * @param maxBackoffIntervals most backoff intervals of one enqueue
 * @param maxBackoffIntervalMs longest single backoff interval
 * @param maxEnqueueDelayMs longest delay between now and an enqueue's deadline
 * @param maxWatchedKeys most keys in one watch
 * @param maxRequestBodyBytes largest request body read at all; larger bodies are refused unread
 */
public record KvConnectLimits(
    int maxWriteKeyBytes,
    int maxReadKeyBytes,
    int maxValueBytes,
    int maxReadRanges,
    int maxTotalReadLimit,
    int maxChecks,
    int maxMutationsAndEnqueues,
    long maxTotalMutationBytes,
    int maxKeysIfUndelivered,
    int maxBackoffIntervals,
    long maxBackoffIntervalMs,
    long maxEnqueueDelayMs,
    int maxWatchedKeys,
    int maxRequestBodyBytes) {

  public KvConnectLimits {
    long[] all = {
      maxWriteKeyBytes, maxReadKeyBytes, maxValueBytes, maxReadRanges, maxTotalReadLimit, maxChecks,
      maxMutationsAndEnqueues, maxTotalMutationBytes, maxKeysIfUndelivered, maxBackoffIntervals,
      maxBackoffIntervalMs, maxEnqueueDelayMs, maxWatchedKeys, maxRequestBodyBytes
    };
    for (long limit : all) {
      if (limit < 1) {
        throw new KvInvalidArgumentException("KV Connect limits must be positive: " + limit);
      }
    }
  }

  /**
   * The limits every KV Connect client expects of a server ({@link DatabaseLimits#KV_CONNECT}, what
   * the project's remote backend reports), with a 2 MiB request body cap.
   */
  public static KvConnectLimits defaults() {
    return of(DatabaseLimits.KV_CONNECT, 2 * 1024 * 1024);
  }

  /**
   * The limits of the reference server, denokv: the figures of {@link DatabaseLimits#KV_CONNECT},
   * at most 10 backoff intervals of at most an hour, delays of at most 30 days, and a request body
   * of at most 2 MiB.
   */
  public static KvConnectLimits denokv() {
    return new KvConnectLimits(
        2048, 2049, 65_536, 10, 1000, 10, 1000, 819_200, 10, 10, 3_600_000L,
        30L * 24 * 60 * 60 * 1000, 10, 2 * 1024 * 1024);
  }

  /**
   * These limits, lowered where {@code database} accepts less: what the server lets through to a
   * backend. Figures the database does not limit (enqueue rules, the body size) stay.
   */
  public KvConnectLimits narrowedTo(DatabaseLimits database) {
    return new KvConnectLimits(
        Math.min(maxWriteKeyBytes, database.maxWriteKeyBytes()),
        Math.min(maxReadKeyBytes, database.maxReadKeyBytes()),
        Math.min(maxValueBytes, database.maxValueBytes()),
        Math.min(maxReadRanges, database.maxReadRanges()),
        Math.min(maxTotalReadLimit, database.maxReadEntries()),
        Math.min(maxChecks, database.maxChecks()),
        Math.min(maxMutationsAndEnqueues, database.maxMutations()),
        Math.min(maxTotalMutationBytes, database.maxTotalMutationBytes()),
        Math.min(maxKeysIfUndelivered, database.maxKeysIfUndelivered()),
        maxBackoffIntervals, maxBackoffIntervalMs, maxEnqueueDelayMs,
        Math.min(maxWatchedKeys, database.maxWatchedKeys()),
        maxRequestBodyBytes);
  }

  /**
   * Limits holding requests to {@code database}'s figures, with denokv's rules for enqueues and a
   * request body of at most {@code maxRequestBodyBytes}.
   */
  public static KvConnectLimits of(DatabaseLimits database, int maxRequestBodyBytes) {
    KvConnectLimits denokv = denokv();
    return new KvConnectLimits(
        database.maxWriteKeyBytes(), database.maxReadKeyBytes(), database.maxValueBytes(),
        database.maxReadRanges(), database.maxReadEntries(), database.maxChecks(), database.maxMutations(),
        database.maxTotalMutationBytes(), database.maxKeysIfUndelivered(), denokv.maxBackoffIntervals(),
        denokv.maxBackoffIntervalMs(), denokv.maxEnqueueDelayMs(), database.maxWatchedKeys(),
        maxRequestBodyBytes);
  }
}
