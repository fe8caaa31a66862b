package dev.denokv.spi;

/**
 * Something a backend may or may not offer, asked of {@link Database#capabilities()} by the
 * adapters above it (Spring's auto-configuration, the KV Connect server, the command line) instead
 * of testing for a backend class.
 */
public enum Capability {

  /** The backend hands out queue messages: {@link Database#dequeueNextMessage()} works. */
  QUEUE_CONSUMER
}
