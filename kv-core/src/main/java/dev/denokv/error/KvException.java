package dev.denokv.error;

/** Base class of every exception thrown by the Deno KV library. */
public class KvException extends RuntimeException {

  public KvException(String message) {
    super(message);
  }

  public KvException(String message, Throwable cause) {
    super(message, cause);
  }
}
