package dev.denokv.error;

/** An operation the backend in use cannot perform (for example listening to a queue remotely). */
public class KvUnsupportedOperationException extends KvException {

  public KvUnsupportedOperationException(String message) {
    super(message);
  }
}
