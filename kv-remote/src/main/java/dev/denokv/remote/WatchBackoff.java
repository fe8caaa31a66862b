package dev.denokv.remote;

import io.github.resilience4j.core.IntervalFunction;

/**
 * The waits between the reconnection attempts of a watch: the randomized exponential backoff of
 * the {@link RetryOptions} (capped at their maximum interval), with no limit on attempts.
 * {@link #reset()} starts over once a connection has worked.
 */
final class WatchBackoff {

  private final IntervalFunction intervals;
  private int failures;

  WatchBackoff(RetryOptions settings) {
    this.intervals = settings.intervalFunction();
  }

  /** Counts one more failed attempt and returns how long to wait before the next, in ms. */
  long next() {
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    return intervals.apply(failures);
  }

  /** Consecutive failed attempts since the last {@link #reset()}. */
  int failures() {
    return failures;
  }

  void reset() {
    failures = 0;
  }
}
