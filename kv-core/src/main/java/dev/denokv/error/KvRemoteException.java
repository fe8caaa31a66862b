package dev.denokv.error;

/**
 * A KV Connect server refused a request for good (a 4xx answer). Carries the HTTP status and the
 * server's plain-text explanation; never the access token.
 */
public class KvRemoteException extends KvException {

  private final int status;

  public KvRemoteException(int status, String message) {
    super("KV Connect server answered " + status + ": " + message);
    this.status = status;
  }

  /** The HTTP status code the server answered with. */
  public int status() {
    return status;
  }
}
