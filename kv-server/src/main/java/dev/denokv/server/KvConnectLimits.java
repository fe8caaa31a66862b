package dev.denokv.server;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * The limits the server enforces on every data-path request before it reaches the database. The
 * {@link #defaults() defaults} are those of the reference KV Connect server.
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

  /** The reference server's limits, with a 2 MiB request body cap. */
  public static KvConnectLimits defaults() {
    return new KvConnectLimits(
        2048, 2049, 65_536, 10, 1000, 10, 1000, 819_200, 10, 10, 3_600_000L,
        30L * 24 * 60 * 60 * 1000, 10, 2 * 1024 * 1024);
  }
}
