package dev.denokv.error;

/**
 * A write whose outcome is unknown: the request may have reached the server and been applied
 * (the answer timed out, or the connection broke after the request was sent), so it was not sent
 * again. Read the data to find out whether it was applied before writing it again.
 */
public class KvOutcomeUnknownException extends KvUnavailableException {

  public KvOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
