package dev.denokv.server;

/**
 * A request the server refuses for good: answered with {@code status} and a plain-text
 * {@code message} that clients show to their user. Never carries a token.
 */
public final class KvConnectRejection extends RuntimeException {

  private final int status;

  KvConnectRejection(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static KvConnectRejection badRequest(String message) {
    return new KvConnectRejection(400, message);
  }

  static KvConnectRejection unauthorized(String message) {
    return new KvConnectRejection(401, message);
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }
}
