package dev.denokv;

import java.util.concurrent.CompletableFuture;

/** A running queue listener. */
public interface QueueSubscription extends KvSubscription {

  /**
   * Stops taking messages without waiting: the future completes once every handler running now
   * has returned and its message has been acknowledged or handed back.
   */
  CompletableFuture<Void> stop();

  /**
   * Stops taking messages and waits for running handlers, at most the listener's
   * {@link QueueListenerOptions#closeTimeout()}; handlers still running then are interrupted.
   */
  @Override
  void close();
}
