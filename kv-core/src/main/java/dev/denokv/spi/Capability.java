package dev.denokv.spi;

/**
 * Something a backend may or may not offer, asked of {@link Database#capabilities()} by the
 * adapters above it (Spring's auto-configuration, the KV Connect server, the command line) instead
 * of testing for a backend class.
 */
public enum Capability {

  /** The backend hands out queue messages: {@link Database#dequeueNextMessage()} works. */
  QUEUE_CONSUMER,

  /**
   * Reads report each entry's expiry time in {@link RawEntry#expireAtMs()}. A backend without it
   * (KV Connect carries no expiry times) reports 0 for every entry.
   */
  EXPIRY_TIMES
}
