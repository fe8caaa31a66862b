package dev.denokv.remote;

/** A failure worth retrying: a network error or a 5xx answer. Never leaves this package. */
final class TransientFailure extends RuntimeException {

  TransientFailure(String message, Throwable cause) {
    super(message, cause);
  }

  TransientFailure(String message) {
    super(message);
  }
}
