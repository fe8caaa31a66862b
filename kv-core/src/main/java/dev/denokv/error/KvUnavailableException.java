package dev.denokv.error;

/** The backend could not be reached or kept failing after every allowed retry. */
public class KvUnavailableException extends KvException {

  public KvUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public KvUnavailableException(String message) {
    super(message);
  }
}
