package dev.denokv.remote;

import dev.denokv.error.KvUnavailableException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs an operation through a Resilience4j {@link Retry}: transient failures (network errors, 5xx)
 * are retried with randomized exponential backoff; anything else fails at once. When the attempts
 * or the elapsed time run out, the last failure becomes a {@link KvUnavailableException}.
 */
final class Retrier {

  static final String RETRY_NAME = "deno-kv-remote";

  private final Retry retry;
  private final RetryOptions settings;

  Retrier(RetryOptions settings) {
    this.settings = settings;
    this.retry =
        Retry.of(
            RETRY_NAME,
            RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(settings.intervalFunction())
                .retryOnException(TransientFailure.class::isInstance)
                .build());
  }

  Retry retry() {
    return retry;
  }

  RetryOptions settings() {
    return settings;
  }

  <T> T run(String operation, Supplier<T> attempt) {
    long start = System.nanoTime();
    long maxElapsedNanos = settings.maxElapsed().toNanos();
    AtomicInteger attempts = new AtomicInteger();
    TransientFailure[] last = new TransientFailure[1];
    Supplier<T> bounded =
        () -> {
          int n = attempts.incrementAndGet();
          if (n > 1 && System.nanoTime() - start > maxElapsedNanos) {
            throw exhausted(operation, n - 1, last[0]);
          }
          try {
            return attempt.get();
          } catch (TransientFailure e) {
            last[0] = e;
            throw e;
          }
        };
    try {
      return Retry.decorateSupplier(retry, bounded).get();
    } catch (TransientFailure e) {
      throw exhausted(operation, attempts.get(), e);
    }
  }

  private static KvUnavailableException exhausted(String operation, int attempts, TransientFailure last) {
    return new KvUnavailableException(
        "KV Connect " + operation + " failed after " + attempts + " attempt(s): " + last.getMessage(), last);
  }
}
