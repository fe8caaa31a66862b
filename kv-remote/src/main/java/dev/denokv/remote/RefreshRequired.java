package dev.denokv.remote;

import dev.denokv.error.KvException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.error.KvUnavailableException;

/**
 * The server refused the current metadata (401, reads or writes disabled on the endpoint, a strong
 * read that was not strongly consistent): refresh the metadata and try once more. Never leaves
 * this package; {@link #toFinal} gives the exception to throw when the retry fails the same way.
 */
final class RefreshRequired extends RuntimeException {

  private final int httpStatus;

  private RefreshRequired(String message, int httpStatus) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
  }

  static RefreshRequired unauthorized(String serverText) {
    return new RefreshRequired(serverText, 401);
  }

  static RefreshRequired because(String reason) {
    return new RefreshRequired(reason, 0);
  }

  /** Whether the server answered 401 (rather than refusing reads or writes on the endpoint). */
  boolean unauthorized() {
    return httpStatus == 401;
  }

  KvException toFinal(String operation) {
    if (httpStatus != 0) {
      return new KvRemoteException(httpStatus, getMessage());
    }
    return new KvUnavailableException(
        "KV Connect " + operation + " failed even after refreshing the metadata: " + getMessage());
  }
}
