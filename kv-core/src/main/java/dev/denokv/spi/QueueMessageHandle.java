package dev.denokv.spi;

/**
 * A queue message handed to one consumer. The backend keeps the message reserved until
 * {@link #finish} is called (renewing the reservation while the consumer works); if the process
 * dies first, the message is delivered again.
 */
public interface QueueMessageHandle {

  /** The V8-encoded payload. */
  byte[] payload();

  /**
   * Ends this delivery: on success the message is removed; on failure it is retried after the next
   * backoff interval, or written to its keys-if-undelivered once the schedule is exhausted.
   */
  void finish(boolean success);

  /**
   * Ends this delivery for a message that cannot be handled at all: it is written to its
   * keys-if-undelivered and removed without further retries. Backends that cannot skip the
   * remaining retries fail the delivery as {@link #finish(boolean) finish(false)} does.
   */
  default void deadLetter() {
    finish(false);
  }
}
