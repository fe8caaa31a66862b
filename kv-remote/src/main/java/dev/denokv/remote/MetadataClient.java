package dev.denokv.remote;

import dev.denokv.error.KvRemoteException;
import dev.denokv.proto.internal.KvConnectExtensions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * One metadata exchange with a KV Connect server: POSTs the supported protocol versions with the
 * access token, follows redirects (at most {@value #MAX_REDIRECTS}) and validates the answer. A 4xx
 * answer is a {@link KvRemoteException}; a 5xx answer or a network failure is a
 * {@link TransientFailure} for the caller to retry.
 *
 * <p>The access token is sent again after a redirect only to the origin of the URL it was given
 * for, so that a redirect cannot hand it to another host.
 */
final class MetadataClient {

  static final List<Integer> SUPPORTED_VERSIONS = List.of(1, 2, 3);
  static final int MAX_REDIRECTS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final byte[] REQUEST_BODY =
      ("{\"supportedVersions\":" + SUPPORTED_VERSIONS.toString().replace(" ", "") + "}")
          .getBytes(StandardCharsets.UTF_8);

  private final RestClient http;
  private final URI url;
  private final Secret accessToken;
  private final String userAgent;
  private final Clock clock;
  private final MetadataParser parser = new MetadataParser(SUPPORTED_VERSIONS);

  MetadataClient(RestClient http, URI url, Secret accessToken, String userAgent, Clock clock) {
    this.http = http;
    this.url = url;
    this.accessToken = accessToken;
    this.userAgent = userAgent;
    this.clock = clock;
  }

  URI url() {
    return url;
  }

  /** Performs the exchange once (redirects included) and returns the validated metadata. */
  DatabaseMetadata fetch() {
    URI target = url;
    for (int redirects = 0; ; redirects++) {
      boolean sameOrigin = sameOrigin(url, target);
      HttpAnswer answer =
          HttpAnswer.post(
              http,
              target,
              h -> {
                if (sameOrigin) {
                  h.setBearerAuth(accessToken.reveal());
                }
                h.setContentType(MediaType.APPLICATION_JSON);
                h.setAccept(List.of(MediaType.APPLICATION_JSON));
                h.set(HttpHeaders.USER_AGENT, userAgent);
              },
              REQUEST_BODY,
              "metadata exchange");
      if (answer.isSuccess()) {
        return parser.parse(
            answer.body(), target, clock.instant(), KvConnectExtensions.parse(answer.extensions()));
      }
      if (REDIRECTS.contains(answer.status())) {
        if (redirects == MAX_REDIRECTS) {
          throw new KvMetadataException(
              "The metadata exchange with " + url + " was redirected more than " + MAX_REDIRECTS + " times");
        }
        target = redirectTarget(target, answer);
        continue;
      }
      throw answer.failure("metadata exchange", target, false, accessToken);
    }
  }

  private static URI redirectTarget(URI from, HttpAnswer answer) {
    String location = answer.location();
    if (location == null || location.isBlank()) {
      throw new KvMetadataException(
          "The metadata exchange was redirected (HTTP " + answer.status() + ") without a Location header");
    }
    URI target;
    try {
      target = from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new KvMetadataException("The metadata exchange was redirected to an invalid URL: " + location);
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new KvMetadataException("The metadata exchange was redirected to a non-HTTP URL: " + location);
    }
    return target;
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static @Nullable String lower(@Nullable String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
