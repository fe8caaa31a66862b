package dev.denokv.remote;

import org.jspecify.annotations.Nullable;

/**
 * A failure worth retrying: a network error or a 5xx answer. {@link #outcomeUnknown()} tells
 * whether the request may have reached the server and been processed all the same (a timeout or
 * a broken connection after it was sent), which only an idempotent request may be sent again
 * after. Never leaves this package.
 */
final class TransientFailure extends RuntimeException {

  private final boolean outcomeUnknown;

  private TransientFailure(String message, @Nullable Throwable cause, boolean outcomeUnknown) {
    super(message, cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  /** A failure that proves the request was not processed (a 5xx answer, a refused connection). */
  TransientFailure(String message, Throwable cause) {
    this(message, cause, false);
  }

  /** A failure that proves the request was not processed (a 5xx answer, a refused connection). */
  TransientFailure(String message) {
    super(message);
    this.outcomeUnknown = false;
  }

  /** A failure after which the request may have been processed. */
  static TransientFailure outcomeUnknown(String message, @Nullable Throwable cause) {
    return new TransientFailure(message, cause, true);
  }

  /** Whether the request may have been processed by the server despite the failure. */
  boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
