package dev.denokv.postgres;

import dev.denokv.error.KvInvalidArgumentException;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of a {@link PostgresDatabase}.
 *
 * @param schema the PostgreSQL schema holding the tables; several KV databases can share one
 *     PostgreSQL database under different schema names
 * @param initializeSchema whether a missing schema is created and an older one migrated on open
 *     (else a schema that is missing or older is refused)
 * @param queueReservation how long a dequeued message stays reserved without a keep-alive; the
 *     keep-alive renews it every third of this period while the handler runs (Deno: 5 s)
 * @param staleMessageCheckInterval how often reservations whose deadline passed (a consumer that
 *     died) are put back into the queue, by whichever instance gets there first
 * @param sweepInterval how often expired entries are deleted
 * @param sweepBatchSize the most expired entries one sweep transaction deletes
 * @param maxBatchSize the most atomic writes committed together in one transaction
 * @param reconnectInterval the wait before listening for notifications again after the
 *     connection was lost
 * @param clock the clock of expiry times, queue delivery times, reservation deadlines and sweeps
 *     (tests inject one they move forward); every instance of a database should read the same time
 */
public record PostgresOptions(
    String schema,
    boolean initializeSchema,
    Duration queueReservation,
    Duration staleMessageCheckInterval,
    Duration sweepInterval,
    int sweepBatchSize,
    int maxBatchSize,
    Duration reconnectInterval,
    Clock clock) {

  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,50}");

  public PostgresOptions {
    if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
      throw new KvInvalidArgumentException("schema must be a lower-case SQL identifier of at most 51"
          + " characters (letters, digits, underscores), got " + schema);
    }
    requirePositive(queueReservation, "queueReservation");
    requirePositive(staleMessageCheckInterval, "staleMessageCheckInterval");
    requirePositive(sweepInterval, "sweepInterval");
    requirePositive(reconnectInterval, "reconnectInterval");
    if (sweepBatchSize < 1) {
      throw new KvInvalidArgumentException("sweepBatchSize must be at least 1");
    }
    if (maxBatchSize < 1) {
      throw new KvInvalidArgumentException("maxBatchSize must be at least 1");
    }
    if (clock == null) {
      throw new KvInvalidArgumentException("clock must be given");
    }
  }

  /**
   * Schema {@code kv}, created or migrated on open, Deno's 5 s queue reservation, stale messages
   * and expired entries looked for every second, sweeps of up to 1000 entries, batches of up to
   * 512 writes.
   */
  public static PostgresOptions defaults() {
    return new PostgresOptions("kv", true, Duration.ofSeconds(5), Duration.ofSeconds(1),
        Duration.ofSeconds(1), 1000, 512, Duration.ofSeconds(1), Clock.systemUTC());
  }

  /** These options with another schema name. */
  public PostgresOptions withSchema(String value) {
    return new PostgresOptions(value, initializeSchema, queueReservation, staleMessageCheckInterval,
        sweepInterval, sweepBatchSize, maxBatchSize, reconnectInterval, clock);
  }

  /** These options with schema initialization allowed or not. */
  public PostgresOptions withInitializeSchema(boolean value) {
    return new PostgresOptions(schema, value, queueReservation, staleMessageCheckInterval,
        sweepInterval, sweepBatchSize, maxBatchSize, reconnectInterval, clock);
  }

  /** These options with another queue reservation period. */
  public PostgresOptions withQueueReservation(Duration value) {
    return new PostgresOptions(schema, initializeSchema, value, staleMessageCheckInterval,
        sweepInterval, sweepBatchSize, maxBatchSize, reconnectInterval, clock);
  }

  /** These options with another interval between checks for expired reservations. */
  public PostgresOptions withStaleMessageCheckInterval(Duration value) {
    return new PostgresOptions(schema, initializeSchema, queueReservation, value,
        sweepInterval, sweepBatchSize, maxBatchSize, reconnectInterval, clock);
  }

  /** These options with another interval between expiry sweeps. */
  public PostgresOptions withSweepInterval(Duration value) {
    return new PostgresOptions(schema, initializeSchema, queueReservation, staleMessageCheckInterval,
        value, sweepBatchSize, maxBatchSize, reconnectInterval, clock);
  }

  /** These options with another largest number of entries per sweep transaction. */
  public PostgresOptions withSweepBatchSize(int value) {
    return new PostgresOptions(schema, initializeSchema, queueReservation, staleMessageCheckInterval,
        sweepInterval, value, maxBatchSize, reconnectInterval, clock);
  }

  /** These options with another largest number of writes per commit. */
  public PostgresOptions withMaxBatchSize(int value) {
    return new PostgresOptions(schema, initializeSchema, queueReservation, staleMessageCheckInterval,
        sweepInterval, sweepBatchSize, value, reconnectInterval, clock);
  }

  /** These options with another wait before listening again after a lost connection. */
  public PostgresOptions withReconnectInterval(Duration value) {
    return new PostgresOptions(schema, initializeSchema, queueReservation, staleMessageCheckInterval,
        sweepInterval, sweepBatchSize, maxBatchSize, value, clock);
  }

  /** These options with another clock (tests use one they can move forward). */
  public PostgresOptions withClock(Clock value) {
    return new PostgresOptions(schema, initializeSchema, queueReservation, staleMessageCheckInterval,
        sweepInterval, sweepBatchSize, maxBatchSize, reconnectInterval, value);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new KvInvalidArgumentException(name + " must be positive, got " + d);
    }
  }
}
