package dev.denokv.remote;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * The default transport of the unary KV Connect requests (metadata exchange, reads, writes): Apache
 * HttpClient 5 with a pool of kept-alive connections, doing its I/O on the calling thread. On a
 * loopback server it spends about half the CPU per request of the JDK client, whose asynchronous
 * pipeline hands every request between several threads.
 */
final class PooledHttpTransport {

  /** Enough kept-alive connections for many concurrent callers of one database. */
  static final int MAX_CONNECTIONS = 64;

  private PooledHttpTransport() {}

  /**
   * A request factory whose requests wait at most {@code connectTimeout} for a connection and
   * {@code requestTimeout} for each read of the answer. It never follows redirects (the metadata
   * exchange follows them itself), never retries (the {@link Retrier} does) and keeps no cookies.
   * Destroying the factory closes its connections.
   */
  static HttpComponentsClientHttpRequestFactory create(Duration connectTimeout, Duration requestTimeout) {
    CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .useSystemProperties() // TLS settings (trust store, protocols) as the JDK's
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(connectTimeout))
                            .setSocketTimeout(Timeout.of(requestTimeout))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(requestTimeout)).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build();
    return new HttpComponentsClientHttpRequestFactory(client);
  }
}
