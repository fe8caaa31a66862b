package dev.denokv.remote;

import dev.denokv.error.KvRemoteException;
import dev.denokv.proto.internal.KvConnectExtensions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * A buffered HTTP answer to a POST (with the extensions a metadata exchange announced, see
 * {@link KvConnectExtensions}), and the rules turning a non-2xx status into the right failure:
 * 5xx → {@link TransientFailure} (not processed, so it may be retried; after a gateway's 504 the
 * outcome is unknown), 401 → {@link
 * RefreshRequired} where a fresh token may help, other 4xx → {@link KvRemoteException} with the
 * server's text.
 */
record HttpAnswer(int status, @Nullable String location, byte[] body, @Nullable String extensions) {

  /** The longest error text kept from a server answer. */
  private static final int MAX_ERROR_TEXT = 4096;

  /**
   * POSTs {@code body} to {@code uri} and buffers the answer; the response is always closed. A
   * network failure (including a timeout) is a {@link TransientFailure}, whose outcome is unknown
   * unless the failure happened before the request was sent.
   */
  static HttpAnswer post(
      RestClient client, URI uri, Consumer<HttpHeaders> headers, byte[] body, String operation) {
    try {
      HttpAnswer answer =
          client
              .post()
              .uri(uri)
              .headers(headers)
              .headers(h -> h.setContentLength(body.length))
              .body(out -> out.write(body))
              .exchange((request, response) -> read(response), true);
      if (answer == null) {
        throw TransientFailure.outcomeUnknown(operation + " got no answer from " + uri, null);
      }
      return answer;
    } catch (ResourceAccessException e) {
      if (NetworkFailures.beforeSending(e)) {
        throw new TransientFailure(operation + " could not reach " + uri + ": " + rootMessage(e), e);
      }
      throw TransientFailure.outcomeUnknown(
          operation + " got no complete answer from " + uri + ": " + rootMessage(e), e);
    }
  }

  static HttpAnswer read(ClientHttpResponse response) throws IOException {
    int status = response.getStatusCode().value();
    String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
    String extensions = response.getHeaders().getFirst(KvConnectExtensions.HEADER);
    byte[] body;
    try (InputStream in = response.getBody()) {
      body = status >= 200 && status < 300 ? in.readAllBytes() : in.readNBytes(MAX_ERROR_TEXT);
    }
    return new HttpAnswer(status, location, body, extensions);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The server's plain-text explanation, with {@code secrets} redacted. */
  String text(Secret... secrets) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    for (Secret s : secrets) {
      text = s.redact(text);
    }
    return text.isEmpty() ? "(no explanation)" : text;
  }

  /**
   * The failure for this non-2xx answer to {@code operation}. A 401 becomes {@link RefreshRequired}
   * when {@code unauthorizedMayRefresh}, since a fresh data-path token may be accepted.
   */
  RuntimeException failure(String operation, URI uri, boolean unauthorizedMayRefresh, Secret... secrets) {
    if (status == 504) { // a gateway gave up waiting: the server behind it may still have processed it
      return TransientFailure.outcomeUnknown(operation + " answered HTTP 504 at " + uri, null);
    }
    if (status >= 500) {
      return new TransientFailure(operation + " answered HTTP " + status + " at " + uri);
    }
    String text = text(secrets) + " (" + operation + ")";
    if (status == 401 && unauthorizedMayRefresh) {
      return RefreshRequired.unauthorized(text);
    }
    return new KvRemoteException(status, text);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
