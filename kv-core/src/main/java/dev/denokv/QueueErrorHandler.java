package dev.denokv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told about every queue message a listener could not handle: a handler that threw (the message is
 * delivered again after its backoff interval) or a message that could not be converted to any
 * handler's type (the message is dead-lettered at once: written to its keys-if-undelivered, never
 * retried). An error handler that throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface QueueErrorHandler {

  /** Called on the listener's thread once the message of {@code failure} has been handed back or dead-lettered. */
  void handleError(QueueFailure failure);

  /** The default: logs the failure with its stack trace. */
  static QueueErrorHandler logging() {
    Logger log = LoggerFactory.getLogger(QueueErrorHandler.class);
    return failure -> {
      switch (failure.kind()) {
        case HANDLER_FAILED -> log.warn("Queue handler failed on a message{}; it will be delivered again after its "
            + "backoff interval", describe(failure), failure.cause());
        case NOT_CONVERTIBLE -> log.error("Queue message{} ({} bytes) cannot be converted for any handler; it is "
            + "dead-lettered to its keys-if-undelivered", describe(failure), failure.payload().length, failure.cause());
      }
    };
  }

  private static String describe(QueueFailure failure) {
    return failure.type() == null ? "" : " of type " + failure.type();
  }
}
