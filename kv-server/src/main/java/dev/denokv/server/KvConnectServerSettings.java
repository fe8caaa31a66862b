package dev.denokv.server;

import dev.denokv.error.KvInvalidArgumentException;
import java.time.Duration;
import java.util.List;

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
 */
public record KvConnectServerSettings(
    String path,
    List<String> accessTokens,
    Duration tokenTtl,
    Duration keepAliveInterval,
    KvConnectLimits limits) {

  /** The data-path segment under {@link #path()}. */
  public static final String DATA_SEGMENT = "data";

  public KvConnectServerSettings {
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
  }

  /** Settings with a one-hour token lifetime, 5 s keep-alives and the default limits. */
  public static KvConnectServerSettings of(String path, List<String> accessTokens) {
    return new KvConnectServerSettings(
        path, accessTokens, Duration.ofHours(1), Duration.ofSeconds(5), KvConnectLimits.defaults());
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
    return "KvConnectServerSettings[path=" + path + ", accessTokens=" + accessTokens.size()
        + " configured, tokenTtl=" + tokenTtl + ", keepAliveInterval=" + keepAliveInterval
        + ", limits=" + limits + "]";
  }
}
