package dev.denokv.remote;

import dev.denokv.error.KvInvalidArgumentException;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * How failed requests (network errors, 5xx answers) are retried: randomized exponential backoff,
 * bounded by a number of attempts and by the time elapsed since the first one. Watches reconnect
 * with the same waits (up to {@code maxInterval}) but without those bounds, until they are closed.
 *
 * @param initialInterval the wait before the second attempt (before randomization)
 * @param multiplier how much each wait grows over the previous one (at least 1)
 * @param randomizationFactor the spread of each wait, in [0, 1): a wait of w becomes a random value
 *     in [w(1-f), w(1+f)]
 * @param maxInterval the longest wait
 * @param maxAttempts attempts in total, the first included (at least 1)
 * @param maxElapsed no new attempt starts once this much time has passed since the first
 */
public record RetryOptions(
    Duration initialInterval,
    double multiplier,
    double randomizationFactor,
    Duration maxInterval,
    int maxAttempts,
    Duration maxElapsed) {

  private static final RetryOptions DEFAULTS =
      new RetryOptions(Duration.ofMillis(500), 2.0, 0.5, Duration.ofSeconds(10), 5, Duration.ofSeconds(60));

  public RetryOptions {
    if (initialInterval.toMillis() < 1) {
      throw new KvInvalidArgumentException("The initial retry interval must be at least 1 ms");
    }
    if (!(multiplier >= 1.0)) {
      throw new KvInvalidArgumentException("The retry multiplier must be at least 1, got " + multiplier);
    }
    if (!(randomizationFactor >= 0.0 && randomizationFactor < 1.0)) {
      throw new KvInvalidArgumentException(
          "The retry randomization factor must be in [0, 1), got " + randomizationFactor);
    }
    if (maxInterval.compareTo(initialInterval) < 0) {
      throw new KvInvalidArgumentException("The maximum retry interval must not be below the initial one");
    }
    if (maxAttempts < 1) {
      throw new KvInvalidArgumentException("The maximum number of attempts must be at least 1, got " + maxAttempts);
    }
    if (maxElapsed.isNegative()) {
      throw new KvInvalidArgumentException("The maximum elapsed retry time must not be negative");
    }
  }

  /** 500 ms doubling up to 10 s, randomized by ±50 %, at most 5 attempts within 60 s. */
  public static RetryOptions defaults() {
    return DEFAULTS;
  }

  /** These options with another first wait. */
  public RetryOptions withInitialInterval(Duration value) {
    return new RetryOptions(value, multiplier, randomizationFactor, maxInterval, maxAttempts, maxElapsed);
  }

  /** These options with another growth of each wait. */
  public RetryOptions withMultiplier(double value) {
    return new RetryOptions(initialInterval, value, randomizationFactor, maxInterval, maxAttempts, maxElapsed);
  }

  /** These options with another random spread of each wait. */
  public RetryOptions withRandomizationFactor(double value) {
    return new RetryOptions(initialInterval, multiplier, value, maxInterval, maxAttempts, maxElapsed);
  }

  /** These options with another longest wait. */
  public RetryOptions withMaxInterval(Duration value) {
    return new RetryOptions(initialInterval, multiplier, randomizationFactor, value, maxAttempts, maxElapsed);
  }

  /** These options with another number of attempts. */
  public RetryOptions withMaxAttempts(int value) {
    return new RetryOptions(initialInterval, multiplier, randomizationFactor, maxInterval, value, maxElapsed);
  }

  /** These options with another bound on the time spent retrying. */
  public RetryOptions withMaxElapsed(Duration value) {
    return new RetryOptions(initialInterval, multiplier, randomizationFactor, maxInterval, maxAttempts, value);
  }

  /** The randomized exponential backoff these options describe. */
  public IntervalFunction intervalFunction() {
    return IntervalFunction.ofExponentialRandomBackoff(
        initialInterval, multiplier, randomizationFactor, maxInterval);
  }
}
