package dev.denokv.spi;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * What one backend accepts in one request, from {@link Database#limits()}. The API layer checks
 * every operation against these figures before it reaches the backend, with Deno's messages, and
 * code that batches writes (repositories' {@code saveAll}, deletes) packs its atomic operations to
 * fit them.
 *
 * <p>Two sets of figures exist in the wild: {@link #DENO_CLI} (the Deno CLI's embedded database,
 * the project's SQLite backend) and {@link #KV_CONNECT} (Deno Deploy, denokv and the project's own
 * KV Connect server), which differ in the number of checks an atomic operation may carry.
 *
 * @param maxWriteKeyBytes largest encoded key a mutation, check or dead-letter key may have
 * @param maxReadKeyBytes largest encoded range bound or watched key
 * @param maxValueBytes largest encoded value or enqueued payload
 * @param maxReadRanges most ranges (or keys of a {@code getMany}) in one read
 * @param maxReadEntries most entries one read may ask for, over all its ranges
 * @param maxChecks most checks in one atomic operation
 * @param maxMutations most mutations plus enqueues in one atomic operation
 * @param maxTotalMutationBytes largest total size of one atomic operation's keys, values and
 *     payloads, counted as Deno counts it
 * @param maxTotalKeyBytes largest total size of the keys one atomic operation writes
 * @param maxWatchedKeys most keys one watch may observe
 * @param maxKeysIfUndelivered most dead-letter keys one enqueue may name
 */
public record DatabaseLimits(
    int maxWriteKeyBytes,
    int maxReadKeyBytes,
    int maxValueBytes,
    int maxReadRanges,
    int maxReadEntries,
    int maxChecks,
    int maxMutations,
    int maxTotalMutationBytes,
    int maxTotalKeyBytes,
    int maxWatchedKeys,
    int maxKeysIfUndelivered) {

  /** The Deno CLI's limits for its embedded database (Deno 2.9). */
  public static final DatabaseLimits DENO_CLI =
      new DatabaseLimits(2048, 2049, 65_536, 10, 1000, 100, 1000, 819_200, 81_920, 10, Integer.MAX_VALUE);

  /**
   * The limits of KV Connect servers (denokv, Deno Deploy, the project's server with its default
   * settings): those of the Deno CLI, but at most 10 checks per atomic operation and 10 dead-letter
   * keys per enqueue.
   */
  public static final DatabaseLimits KV_CONNECT =
      new DatabaseLimits(2048, 2049, 65_536, 10, 1000, 10, 1000, 819_200, 81_920, 10, 10);

  public DatabaseLimits {
    int[] all = {
      maxWriteKeyBytes, maxReadKeyBytes, maxValueBytes, maxReadRanges, maxReadEntries, maxChecks,
      maxMutations, maxTotalMutationBytes, maxTotalKeyBytes, maxWatchedKeys, maxKeysIfUndelivered
    };
    for (int limit : all) {
      if (limit < 1) {
        throw new KvInvalidArgumentException("Database limits must be positive: " + limit);
      }
    }
  }

  /** These limits with at most {@code maxChecks} checks per atomic operation. */
  public DatabaseLimits withMaxChecks(int maxChecks) {
    return new DatabaseLimits(maxWriteKeyBytes, maxReadKeyBytes, maxValueBytes, maxReadRanges,
        maxReadEntries, maxChecks, maxMutations, maxTotalMutationBytes, maxTotalKeyBytes, maxWatchedKeys,
        maxKeysIfUndelivered);
  }

  /** These limits with at most {@code maxMutations} mutations and enqueues per atomic operation. */
  public DatabaseLimits withMaxMutations(int maxMutations) {
    return new DatabaseLimits(maxWriteKeyBytes, maxReadKeyBytes, maxValueBytes, maxReadRanges,
        maxReadEntries, maxChecks, maxMutations, maxTotalMutationBytes, maxTotalKeyBytes, maxWatchedKeys,
        maxKeysIfUndelivered);
  }

  /** The smaller of each figure of these limits and {@code other}'s: what both accept. */
  public DatabaseLimits narrowedTo(DatabaseLimits other) {
    return new DatabaseLimits(
        Math.min(maxWriteKeyBytes, other.maxWriteKeyBytes),
        Math.min(maxReadKeyBytes, other.maxReadKeyBytes),
        Math.min(maxValueBytes, other.maxValueBytes),
        Math.min(maxReadRanges, other.maxReadRanges),
        Math.min(maxReadEntries, other.maxReadEntries),
        Math.min(maxChecks, other.maxChecks),
        Math.min(maxMutations, other.maxMutations),
        Math.min(maxTotalMutationBytes, other.maxTotalMutationBytes),
        Math.min(maxTotalKeyBytes, other.maxTotalKeyBytes),
        Math.min(maxWatchedKeys, other.maxWatchedKeys),
        Math.min(maxKeysIfUndelivered, other.maxKeysIfUndelivered));
  }
}
