package dev.denokv.remote;

import dev.denokv.Consistency;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The answer of a KV Connect metadata exchange, validated.
 *
 * @param version the protocol version the server chose
 * @param databaseId the database's id
 * @param endpoints the data-path endpoints, absolute, with no trailing slash; at least one strong
 * @param token the short-lived token for the data path (never shown)
 * @param expiresAt when {@code token} and this metadata stop being valid
 * @param extensions the protocol extensions the server announced (this project's server offers
 *     {@code queue-v1}, remote queue consumers); empty for Deno Deploy and denokv
 */
public record DatabaseMetadata(
    int version, UUID databaseId, List<Endpoint> endpoints, Secret token, Instant expiresAt,
    Set<String> extensions) {

  /** A data-path endpoint and the consistency of the reads it serves. */
  public record Endpoint(URI url, Consistency consistency) {}

  public DatabaseMetadata {
    endpoints = List.copyOf(endpoints);
    extensions = Set.copyOf(extensions);
  }

  /** Metadata of a server that announced no extension. */
  public DatabaseMetadata(int version, UUID databaseId, List<Endpoint> endpoints, Secret token, Instant expiresAt) {
    this(version, databaseId, endpoints, token, expiresAt, Set.of());
  }

  /** Whether the server announced {@code extension}. */
  public boolean offers(String extension) {
    return extensions.contains(extension);
  }

  /** The endpoint for writes and strong reads: the first strong one. */
  public URI strongEndpoint() {
    return endpoints.stream()
        .filter(e -> e.consistency() == Consistency.STRONG)
        .findFirst()
        .orElseThrow(() -> new KvMetadataException("The metadata has no strong endpoint"))
        .url();
  }

  /** The endpoint for a read of {@code consistency}: eventual reads prefer an eventual endpoint. */
  public URI endpointFor(Consistency consistency) {
    if (consistency == Consistency.EVENTUAL) {
      for (Endpoint e : endpoints) {
        if (e.consistency() == Consistency.EVENTUAL) {
          return e.url();
        }
      }
    }
    return strongEndpoint();
  }

  /** Whether the metadata is still valid at {@code now}. */
  public boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
