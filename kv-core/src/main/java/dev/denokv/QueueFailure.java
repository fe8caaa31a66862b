package dev.denokv;

import org.jspecify.annotations.Nullable;

/**
 * A queue message a listener could not handle.
 *
 * @param kind what went wrong
 * @param type the message's type marker, or null when it has none
 * @param message the converted message, or null when it could not be converted
 * @param payload the message's V8 serialization as received
 * @param cause the handler's exception, or why the message could not be converted
 */
public record QueueFailure(Kind kind, @Nullable String type, @Nullable Object message, byte[] payload, Throwable cause) {

  /** What went wrong with a message. */
  public enum Kind {
    /** The handler threw: the message is delivered again after its backoff interval. */
    HANDLER_FAILED,
    /** No handler's type fits the message: it is dead-lettered, never retried. */
    NOT_CONVERTIBLE
  }
}
