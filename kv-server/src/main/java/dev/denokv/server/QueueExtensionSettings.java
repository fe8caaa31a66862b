package dev.denokv.server;

import java.time.Duration;

/**
 * How the server's queue extension (remote queue consumers, see {@link KvConnectQueueHandler})
 * behaves.
 *
 * @param lease how long a message handed to a remote consumer stays reserved for it without a
 *     renewal; a consumer that stops renewing (its process died) loses the reservation after it,
 *     and the delivery counts as failed
 * @param maxWait the longest a {@code queue_dequeue} request is held open waiting for a message
 */
public record QueueExtensionSettings(Duration lease, Duration maxWait) {

  /** The default lease. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  /** The default longest wait of a {@code queue_dequeue} request. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(20);

  public QueueExtensionSettings {
    if (lease.compareTo(Duration.ofMillis(100)) < 0 || lease.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("The queue reservation lease must be between 100 ms and 24 days: " + lease);
    }
    if (maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("The longest queue_dequeue wait must be between 0 and 5 minutes: " + maxWait);
    }
  }

  /** A 30 s lease and 20 s long polls. */
  public static QueueExtensionSettings defaults() {
    return new QueueExtensionSettings(DEFAULT_LEASE, DEFAULT_MAX_WAIT);
  }
}
