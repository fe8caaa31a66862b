package dev.denokv;

import dev.denokv.error.KvInvalidArgumentException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link KvTemplate#listenQueue(QueueHandlers, QueueListenerOptions)}.
 *
 * @param concurrency how many messages are handled at once: the listener runs this many workers
 * @param executor runs the workers, each for as long as the listener runs (a Spring Boot
 *     application passes its task executor); null for the listener's own daemon threads
 * @param errorHandler told about messages that could not be handled
 * @param closeTimeout how long {@link QueueSubscription#close()} waits for running handlers
 */
public record QueueListenerOptions(
    int concurrency, @Nullable Executor executor, QueueErrorHandler errorHandler, Duration closeTimeout) {

  public QueueListenerOptions {
    if (concurrency < 1) {
      throw new KvInvalidArgumentException("queue concurrency must be at least 1: received " + concurrency);
    }
    Objects.requireNonNull(errorHandler, "errorHandler");
    if (closeTimeout.isNegative()) {
      throw new KvInvalidArgumentException("closeTimeout must not be negative: received " + closeTimeout);
    }
  }

  /** One worker on its own thread, failures logged, closing waits up to 30 seconds. */
  public static QueueListenerOptions defaults() {
    return new QueueListenerOptions(1, null, QueueErrorHandler.logging(), Duration.ofSeconds(30));
  }

  public QueueListenerOptions withConcurrency(int concurrency) {
    return new QueueListenerOptions(concurrency, executor, errorHandler, closeTimeout);
  }

  public QueueListenerOptions withExecutor(@Nullable Executor executor) {
    return new QueueListenerOptions(concurrency, executor, errorHandler, closeTimeout);
  }

  public QueueListenerOptions withErrorHandler(QueueErrorHandler errorHandler) {
    return new QueueListenerOptions(concurrency, executor, errorHandler, closeTimeout);
  }

  public QueueListenerOptions withCloseTimeout(Duration closeTimeout) {
    return new QueueListenerOptions(concurrency, executor, errorHandler, closeTimeout);
  }
}
