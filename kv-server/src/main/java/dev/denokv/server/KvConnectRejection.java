package dev.denokv.server;

/**
 * A request the server refuses for good: answered with {@code status} and a plain-text
 * {@code message} that clients show to their user. Never carries a token.
 */
public final class KvConnectRejection extends RuntimeException {

  private final int status;
  private final long retryAfterSeconds;

  KvConnectRejection(int status, String message) {
    this(status, message, 0);
  }

  private KvConnectRejection(int status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static KvConnectRejection tooManyRequests(String message, long retryAfterSeconds) {
    return new KvConnectRejection(429, message, retryAfterSeconds);
  }

  /** The seconds a client is to wait before trying again (a {@code Retry-After} header), or 0. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
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
