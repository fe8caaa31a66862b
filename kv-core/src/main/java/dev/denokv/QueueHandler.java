package dev.denokv;

/**
 * Handles one queue message. Returning normally acknowledges it; throwing makes the message be
 * delivered again after its backoff interval.
 */
@FunctionalInterface
public interface QueueHandler<T> {

  void handle(T message) throws Exception;
}
