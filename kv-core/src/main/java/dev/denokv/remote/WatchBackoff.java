package dev.denokv.remote;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between the reconnection attempts of a watch: randomized exponential backoff with the
 * intervals of the {@link RetrySettings}, capped at their maximum interval, with no limit on
 * attempts. {@link #reset()} starts over once a connection has worked.
 */
final class WatchBackoff {

  /** Beyond this many failures every wait is at the cap anyway. */
  private static final int MAX_EXPONENT = 62;

  private final RetrySettings settings;
  private int failures;

  WatchBackoff(RetrySettings settings) {
    this.settings = settings;
  }

  /** Counts one more failed attempt and returns how long to wait before the next, in ms. */
  long next() {
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    long cap = settings.maxInterval().toMillis();
    double growth = Math.pow(settings.multiplier(), Math.min(failures - 1, MAX_EXPONENT));
    double base = Math.min(cap, settings.initialInterval().toMillis() * growth);
    double f = settings.randomizationFactor();
    double randomized = base * (1 - f + 2 * f * ThreadLocalRandom.current().nextDouble());
    return Math.max(1, Math.min(cap, Math.round(randomized)));
  }

  /** Consecutive failed attempts since the last {@link #reset()}. */
  int failures() {
    return failures;
  }

  void reset() {
    failures = 0;
  }
}
