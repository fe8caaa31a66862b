package dev.denokv.server;

import dev.denokv.error.KvInvalidArgumentException;
import java.time.Duration;

/**
 * How the server's queue extension (remote queue consumers, see {@link KvConnectQueueHandler})
 * behaves.
 *
 * @param lease how long a message handed to a remote consumer stays reserved for it without a
 *     renewal (100 ms to 24 days); a consumer that stops renewing (its process died) loses the
 *     reservation after it, and the delivery counts as failed
 * @param maxWait the longest a {@code queue_dequeue} request is held open waiting for a message
 *     (0 to 5 minutes)
 */
public record QueueExtensionOptions(Duration lease, Duration maxWait) {

  public QueueExtensionOptions {
    if (lease.compareTo(Duration.ofMillis(100)) < 0 || lease.toMillis() > Integer.MAX_VALUE) {
      throw new KvInvalidArgumentException("The queue reservation lease must be between 100 ms and 24 days: " + lease);
    }
    if (maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new KvInvalidArgumentException(
          "The longest queue_dequeue wait must be between 0 and 5 minutes: " + maxWait);
    }
  }

  /** A 30 s lease and waits of at most 20 s. */
  public static QueueExtensionOptions defaults() {
    return new QueueExtensionOptions(Duration.ofSeconds(30), Duration.ofSeconds(20));
  }

  public QueueExtensionOptions withLease(Duration lease) {
    return new QueueExtensionOptions(lease, maxWait);
  }

  public QueueExtensionOptions withMaxWait(Duration maxWait) {
    return new QueueExtensionOptions(lease, maxWait);
  }
}
