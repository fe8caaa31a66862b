package dev.denokv.remote;

import dev.denokv.Consistency;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and validates the JSON body of a metadata exchange. Every problem is a
 * {@link KvMetadataException} naming the offending field.
 */
final class MetadataParser {

  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final JsonMapper json = JsonMapper.builder().build();
  private final List<Integer> offeredVersions;

  MetadataParser(List<Integer> offeredVersions) {
    this.offeredVersions = List.copyOf(offeredVersions);
  }

  /**
   * The metadata in {@code body}. Relative endpoint URLs (protocol v2+) are resolved against
   * {@code finalUrl}, the URL that answered after any redirects.
   */
  DatabaseMetadata parse(byte[] body, URI finalUrl, Instant now) {
    return parse(body, finalUrl, now, Set.of());
  }

  /** {@link #parse(byte[], URI, Instant)} for a server that announced {@code extensions}. */
  DatabaseMetadata parse(byte[] body, URI finalUrl, Instant now, Set<String> extensions) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw new KvMetadataException("The metadata response is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new KvMetadataException("The metadata response is not a JSON object");
    }
    int version = version(root.get("version"));
    UUID databaseId = databaseId(root.get("databaseId"));
    List<DatabaseMetadata.Endpoint> endpoints = endpoints(root.get("endpoints"), version, finalUrl);
    Secret token = token(root.get("token"));
    Instant expiresAt = expiresAt(root.get("expiresAt"), now);
    return new DatabaseMetadata(version, databaseId, endpoints, token, expiresAt, extensions);
  }

  private int version(JsonNode node) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw invalid("version", "must be an integer");
    }
    int version = node.intValue();
    if (!offeredVersions.contains(version)) {
      throw invalid("version", version + " was not offered (offered " + offeredVersions + ")");
    }
    return version;
  }

  private static UUID databaseId(JsonNode node) {
    String s = string(node, "databaseId");
    if (!UUID_FORM.matcher(s).matches()) {
      throw invalid("databaseId", "'" + s + "' is not a UUID");
    }
    return UUID.fromString(s);
  }

  private static List<DatabaseMetadata.Endpoint> endpoints(JsonNode node, int version, URI finalUrl) {
    if (node == null || !node.isArray()) {
      throw invalid("endpoints", "must be an array");
    }
    List<DatabaseMetadata.Endpoint> out = new ArrayList<>();
    int i = 0;
    for (JsonNode e : node.values()) {
      String field = "endpoints[" + i++ + "]";
      if (!e.isObject()) {
        throw invalid(field, "must be an object");
      }
      URI url = endpointUrl(string(e.get("url"), field + ".url"), version, finalUrl, field + ".url");
      String c = string(e.get("consistency"), field + ".consistency");
      Consistency consistency =
          switch (c) {
            case "strong" -> Consistency.STRONG;
            case "eventual" -> Consistency.EVENTUAL;
            default -> throw invalid(field + ".consistency", "'" + c + "' is neither 'strong' nor 'eventual'");
          };
      out.add(new DatabaseMetadata.Endpoint(url, consistency));
    }
    if (out.stream().noneMatch(e -> e.consistency() == Consistency.STRONG)) {
      throw invalid("endpoints", "must contain at least one strong endpoint");
    }
    return out;
  }

  private static URI endpointUrl(String raw, int version, URI finalUrl, String field) {
    if (raw.endsWith("/")) {
      throw invalid(field, "'" + raw + "' must not end with '/'");
    }
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw invalid(field, "'" + raw + "' is not a URL");
    }
    if (!uri.isAbsolute()) {
      if (version == 1) {
        throw invalid(field, "'" + raw + "' must be an absolute URL in protocol version 1");
      }
      uri = finalUrl.resolve(uri);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw invalid(field, "'" + raw + "' is not an http(s) URL");
    }
    return uri;
  }

  private static Secret token(JsonNode node) {
    Secret token = Secret.of(string(node, "token"));
    if (token.isEmpty()) {
      throw invalid("token", "must not be empty");
    }
    return token;
  }

  private static Instant expiresAt(JsonNode node, Instant now) {
    String s = string(node, "expiresAt");
    Instant expiresAt;
    try {
      expiresAt = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid("expiresAt", "'" + s + "' is not an ISO-8601 date-time with offset");
    }
    if (!now.isBefore(expiresAt)) {
      throw invalid("expiresAt", s + " is already past");
    }
    return expiresAt;
  }

  private static String string(JsonNode node, String field) {
    if (node == null || !node.isString()) {
      throw invalid(field, "must be a string");
    }
    return node.stringValue();
  }

  private static KvMetadataException invalid(String field, String problem) {
    return new KvMetadataException("Invalid KV Connect metadata: '" + field + "' " + problem);
  }
}
