package dev.denokv.server;

import dev.denokv.error.KvInvalidArgumentException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the KV Connect server is exposed.
 *
 * @param path the metadata exchange path, such as {@code /kv}; the data path lives under
 *     {@code <path>/data}
 * @param accessTokens the access tokens clients may exchange (for example through
 *     {@code DENO_KV_ACCESS_TOKEN}); at least one
 * @param tokenTtl how long a data-path token handed out by the metadata exchange stays valid
 * @param keepAliveInterval how often an idle watch stream gets a keep-alive frame
 * @param limits the request limits
 * @param publicUrl the URL clients open (the metadata exchange as reached from outside, such as
 *     {@code https://kv.example.com/kv}); protocol version 1 announces its data path under it.
 *     Without it, version 1 announces the address the connection came in on, never a {@code Host}
 *     header
 * @param watchStallTimeout how long a watch stream may hold writes back (its client reads
 *     nothing) before it is closed
 * @param maxWatchesPerClient most watch streams open at once from one client address; one more is
 *     refused with 429
 * @param maxFailedAuthenticationsPerMinute failed authentications one client address may make in a
 *     minute; beyond that every authentication from it is refused with 429 and {@code Retry-After}
 *     until the minute is over
 */
public record KvConnectServerOptions(
    String path,
    List<String> accessTokens,
    Duration tokenTtl,
    Duration keepAliveInterval,
    KvConnectLimits limits,
    @Nullable URI publicUrl,
    Duration watchStallTimeout,
    int maxWatchesPerClient,
    int maxFailedAuthenticationsPerMinute) {

  /** The data-path segment under {@link #path()}. */
  public static final String DATA_SEGMENT = "data";
  /** The default {@link #watchStallTimeout()}. */
  public static final Duration DEFAULT_WATCH_STALL_TIMEOUT = Duration.ofMinutes(1);
  /** The default {@link #maxWatchesPerClient()}. */
  public static final int DEFAULT_MAX_WATCHES_PER_CLIENT = 1000;
  /** The default {@link #maxFailedAuthenticationsPerMinute()}. */
  public static final int DEFAULT_MAX_FAILED_AUTHENTICATIONS_PER_MINUTE = 20;

  public KvConnectServerOptions {
    if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")
        || path.contains("?") || path.contains("#") || path.contains("{")) {
      throw new KvInvalidArgumentException(
          "The KV Connect path must start with '/', must not end with '/' and must be a plain path: " + path);
    }
    accessTokens = List.copyOf(accessTokens);
    if (accessTokens.isEmpty() || accessTokens.stream().anyMatch(String::isBlank)) {
      throw new KvInvalidArgumentException("The KV Connect server needs at least one non-blank access token");
    }
    if (tokenTtl.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new KvInvalidArgumentException("The data-path token lifetime must be at least one minute");
    }
    if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
      throw new KvInvalidArgumentException("The watch keep-alive interval must be positive");
    }
    if (publicUrl != null) {
      String scheme = publicUrl.getScheme();
      if (!publicUrl.isAbsolute() || publicUrl.getRawAuthority() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          || publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null
          || (publicUrl.getRawPath() != null && publicUrl.getRawPath().endsWith("/"))) {
        throw new KvInvalidArgumentException(
            "The public URL must be an absolute http(s) URL without query, fragment or trailing '/': " + publicUrl);
      }
    }
    if (watchStallTimeout.isNegative() || watchStallTimeout.isZero()) {
      throw new KvInvalidArgumentException("The watch stall timeout must be positive");
    }
    if (maxWatchesPerClient < 1 || maxFailedAuthenticationsPerMinute < 1) {
      throw new KvInvalidArgumentException("The per-client limits must be positive");
    }
  }

  /** Options with the defaults of the protections ({@link #publicUrl()} unset). */
  public KvConnectServerOptions(
      String path, List<String> accessTokens, Duration tokenTtl, Duration keepAliveInterval, KvConnectLimits limits) {
    this(path, accessTokens, tokenTtl, keepAliveInterval, limits, null, DEFAULT_WATCH_STALL_TIMEOUT,
        DEFAULT_MAX_WATCHES_PER_CLIENT, DEFAULT_MAX_FAILED_AUTHENTICATIONS_PER_MINUTE);
  }

  /** Options with a one-hour token lifetime, 5 s keep-alives, the default limits and protections. */
  public static KvConnectServerOptions of(String path, List<String> accessTokens) {
    return new KvConnectServerOptions(
        path, accessTokens, Duration.ofHours(1), Duration.ofSeconds(5), KvConnectLimits.defaults());
  }

  /** These options with {@code publicUrl}. */
  public KvConnectServerOptions withPublicUrl(@Nullable URI publicUrl) {
    return new KvConnectServerOptions(path, accessTokens, tokenTtl, keepAliveInterval, limits, publicUrl,
        watchStallTimeout, maxWatchesPerClient, maxFailedAuthenticationsPerMinute);
  }

  /** These options with {@code watchStallTimeout}. */
  public KvConnectServerOptions withWatchStallTimeout(Duration watchStallTimeout) {
    return new KvConnectServerOptions(path, accessTokens, tokenTtl, keepAliveInterval, limits, publicUrl,
        watchStallTimeout, maxWatchesPerClient, maxFailedAuthenticationsPerMinute);
  }

  /** These options with {@code maxWatchesPerClient}. */
  public KvConnectServerOptions withMaxWatchesPerClient(int maxWatchesPerClient) {
    return new KvConnectServerOptions(path, accessTokens, tokenTtl, keepAliveInterval, limits, publicUrl,
        watchStallTimeout, maxWatchesPerClient, maxFailedAuthenticationsPerMinute);
  }

  /** These options with {@code maxFailedAuthenticationsPerMinute}. */
  public KvConnectServerOptions withMaxFailedAuthenticationsPerMinute(int maxFailedAuthenticationsPerMinute) {
    return new KvConnectServerOptions(path, accessTokens, tokenTtl, keepAliveInterval, limits, publicUrl,
        watchStallTimeout, maxWatchesPerClient, maxFailedAuthenticationsPerMinute);
  }

  /** The path under which {@code snapshot_read}, {@code atomic_write} and {@code watch} live. */
  public String dataPath() {
    return path + "/" + DATA_SEGMENT;
  }

  /** The data-path endpoint relative to the metadata exchange URL (which has no trailing slash). */
  String relativeEndpoint() {
    return path.substring(path.lastIndexOf('/') + 1) + "/" + DATA_SEGMENT;
  }

  /** Never shows the access tokens. */
  @Override
  public String toString() {
    return "KvConnectServerOptions[path=" + path + ", accessTokens=" + accessTokens.size()
        + " configured, tokenTtl=" + tokenTtl + ", keepAliveInterval=" + keepAliveInterval
        + ", limits=" + limits + ", publicUrl=" + publicUrl + ", watchStallTimeout=" + watchStallTimeout
        + ", maxWatchesPerClient=" + maxWatchesPerClient
        + ", maxFailedAuthenticationsPerMinute=" + maxFailedAuthenticationsPerMinute + "]";
  }
}
