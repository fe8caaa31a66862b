package dev.denokv.server;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The KV Connect metadata exchange: negotiates the protocol version and describes the database
 * and its data-path endpoint in the JSON the clients expect.
 */
final class MetadataExchange {

  /** The protocol versions this server speaks, oldest first. */
  static final List<Integer> SUPPORTED_VERSIONS = List.of(1, 2, 3);

  /** The JSON answer, fields in schema order. */
  record Metadata(int version, String databaseId, List<Endpoint> endpoints, String token, String expiresAt) {
    @Override
    public String toString() {
      return "Metadata[version=" + version + ", databaseId=" + databaseId + ", endpoints=" + endpoints + "]";
    }
  }

  /** One data-path endpoint. */
  record Endpoint(String url, String consistency) {}

  private final JsonMapper json;

  MetadataExchange(JsonMapper json) {
    this.json = json;
  }

  /**
   * The highest version both sides support. An empty body means a client that only knows
   * version 1.
   */
  int negotiate(byte[] body) {
    List<Integer> offered = offeredVersions(body);
    int best = 0;
    for (int v : offered) {
      if (SUPPORTED_VERSIONS.contains(v) && v > best) {
        best = v;
      }
    }
    if (best == 0) {
      throw KvConnectRejection.badRequest(
          "No common protocol version: the client offered " + offered + ", the server supports "
              + SUPPORTED_VERSIONS + ".");
    }
    return best;
  }

  private List<Integer> offeredVersions(byte[] body) {
    if (isBlank(body)) {
      return List.of(1);
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw KvConnectRejection.badRequest("The metadata exchange body is not valid JSON.");
    }
    JsonNode versions = root == null ? null : root.get("supportedVersions");
    if (versions == null || !versions.isArray()) {
      throw KvConnectRejection.badRequest(
          "The metadata exchange body must be an object with a 'supportedVersions' array.");
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode v : versions) {
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw KvConnectRejection.badRequest("'supportedVersions' must hold integers.");
      }
      out.add(v.intValue());
    }
    return out;
  }

  /**
   * The metadata for {@code version}; the endpoint is relative to the exchange URL from version 2
   * on and absolute (resolved against {@code exchangeUrl}) for version 1.
   */
  byte[] metadata(
      int version, UUID databaseId, URI exchangeUrl, String relativeEndpoint, DataPathTokens.Issued token) {
    String endpoint = version >= 2 ? relativeEndpoint : absolute(exchangeUrl, relativeEndpoint);
    Metadata m =
        new Metadata(
            version,
            databaseId.toString(),
            List.of(new Endpoint(endpoint, "strong")),
            token.token(),
            DateTimeFormatter.ISO_INSTANT.format(token.expiresAt()));
    return json.writeValueAsBytes(m);
  }

  private static String absolute(URI exchangeUrl, String relativeEndpoint) {
    URI base = URI.create(exchangeUrl.getScheme() + "://" + exchangeUrl.getRawAuthority() + exchangeUrl.getRawPath());
    String url = base.resolve(relativeEndpoint).toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

}
