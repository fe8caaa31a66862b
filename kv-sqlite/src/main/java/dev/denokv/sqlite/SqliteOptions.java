package dev.denokv.sqlite;

import dev.denokv.error.KvInvalidArgumentException;
import java.time.Clock;
import java.time.Duration;

/**
 * Tuning of a {@link SqliteDatabase}.
 *
 * @param queueReservation how long a dequeued message stays reserved without a keep-alive; the
 *     keep-alive renews it every third of this period while the handler runs (Deno: 5 s)
 * @param changePollInterval how often {@code PRAGMA data_version} is polled to notice writes of
 *     other processes while someone watches or waits for a queue message
 * @param staleMessageCheckInterval how often reservations whose deadline passed (a crashed
 *     consumer) are put back into the queue
 * @param maxSweepInterval the longest time between two runs of the expiry sweeper
 * @param readConnections the number of pooled read connections
 * @param maxBatchSize the most atomic writes committed together in one transaction
 * @param busyTimeout how long to wait for a lock held by another process before retrying
 * @param durability when a commit is on disk before it is acknowledged
 * @param clock the clock of expiry times, queue delivery times and reservations (tests inject one)
 */
public record SqliteOptions(
    Duration queueReservation,
    Duration changePollInterval,
    Duration staleMessageCheckInterval,
    Duration maxSweepInterval,
    int readConnections,
    int maxBatchSize,
    Duration busyTimeout,
    Durability durability,
    Clock clock) {

  /** When an acknowledged commit is on stable storage. */
  public enum Durability {
    /**
     * Every commit batch is fsynced before it is acknowledged ({@code synchronous=FULL}): commits
     * survive process crashes, OS crashes and power loss.
     */
    FULL,
    /**
     * Commits are written to the WAL before they are acknowledged and fsynced at checkpoints
     * ({@code synchronous=NORMAL}): commits survive process crashes; the latest ones may be lost
     * on an OS crash or power loss. Several times faster on disks with slow fsync.
     */
    PROCESS_CRASH_SAFE
  }

  public SqliteOptions {
    requirePositive(queueReservation, "queueReservation");
    requirePositive(changePollInterval, "changePollInterval");
    requirePositive(staleMessageCheckInterval, "staleMessageCheckInterval");
    requirePositive(maxSweepInterval, "maxSweepInterval");
    requirePositive(busyTimeout, "busyTimeout");
    if (readConnections < 1) {
      throw new KvInvalidArgumentException("readConnections must be at least 1: received " + readConnections);
    }
    if (durability == null) {
      throw new KvInvalidArgumentException("durability must be given");
    }
    if (maxBatchSize < 1) {
      throw new KvInvalidArgumentException("maxBatchSize must be at least 1: received " + maxBatchSize);
    }
    if (clock == null) {
      throw new KvInvalidArgumentException("clock must be given");
    }
  }

  /** Deno's timings, 4 read connections, batches of up to 512 writes, full durability. */
  public static SqliteOptions defaults() {
    return new SqliteOptions(
        Duration.ofSeconds(5),
        Duration.ofMillis(75),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        4,
        512,
        Duration.ofSeconds(5),
        Durability.FULL,
        Clock.systemUTC());
  }

  /** These options with another queue reservation period. */
  public SqliteOptions withQueueReservation(Duration value) {
    return new SqliteOptions(value, changePollInterval, staleMessageCheckInterval, maxSweepInterval,
        readConnections, maxBatchSize, busyTimeout, durability, clock);
  }

  /** These options with another {@code PRAGMA data_version} poll interval. */
  public SqliteOptions withChangePollInterval(Duration value) {
    return new SqliteOptions(queueReservation, value, staleMessageCheckInterval, maxSweepInterval,
        readConnections, maxBatchSize, busyTimeout, durability, clock);
  }

  /** These options with another interval between checks for expired reservations. */
  public SqliteOptions withStaleMessageCheckInterval(Duration value) {
    return new SqliteOptions(queueReservation, changePollInterval, value, maxSweepInterval,
        readConnections, maxBatchSize, busyTimeout, durability, clock);
  }

  /** These options with another longest interval between expiry sweeps. */
  public SqliteOptions withMaxSweepInterval(Duration value) {
    return new SqliteOptions(queueReservation, changePollInterval, staleMessageCheckInterval, value,
        readConnections, maxBatchSize, busyTimeout, durability, clock);
  }

  /** These options with another number of pooled read connections. */
  public SqliteOptions withReadConnections(int value) {
    return new SqliteOptions(queueReservation, changePollInterval, staleMessageCheckInterval,
        maxSweepInterval, value, maxBatchSize, busyTimeout, durability, clock);
  }

  /** These options with another largest number of writes per commit. */
  public SqliteOptions withMaxBatchSize(int value) {
    return new SqliteOptions(queueReservation, changePollInterval, staleMessageCheckInterval,
        maxSweepInterval, readConnections, value, busyTimeout, durability, clock);
  }

  /** These options with another lock wait before retrying. */
  public SqliteOptions withBusyTimeout(Duration value) {
    return new SqliteOptions(queueReservation, changePollInterval, staleMessageCheckInterval,
        maxSweepInterval, readConnections, maxBatchSize, value, durability, clock);
  }

  /** These options with another durability. */
  public SqliteOptions withDurability(Durability value) {
    return new SqliteOptions(queueReservation, changePollInterval, staleMessageCheckInterval,
        maxSweepInterval, readConnections, maxBatchSize, busyTimeout, value, clock);
  }

  private static void requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new KvInvalidArgumentException(name + " must be positive: received " + d);
    }
  }

  /** These options with another clock (tests use one they can move forward). */
  public SqliteOptions withClock(Clock value) {
    return new SqliteOptions(queueReservation, changePollInterval, staleMessageCheckInterval, maxSweepInterval,
        readConnections, maxBatchSize, busyTimeout, durability, value);
  }
}
