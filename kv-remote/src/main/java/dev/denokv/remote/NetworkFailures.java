package dev.denokv.remote;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Tells network failures that happened before a request could be sent (no connection, or no TLS
 * session) from those after which the server may have received it.
 */
final class NetworkFailures {

  /** Failures of name resolution, connecting, the TLS handshake or the wait for a pooled connection. */
  private static final List<Class<? extends Throwable>> BEFORE_SENDING =
      List.of(
          ConnectException.class,
          NoRouteToHostException.class,
          UnknownHostException.class,
          ConnectTimeoutException.class,
          HttpConnectTimeoutException.class,
          ConnectionRequestTimeoutException.class,
          SSLHandshakeException.class);

  private NetworkFailures() {}

  /** Whether {@code failure} (or one of its causes) proves the request was never sent. */
  static boolean beforeSending(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> type : BEFORE_SENDING) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
