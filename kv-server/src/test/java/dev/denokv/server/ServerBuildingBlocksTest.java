package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvException;
import dev.denokv.error.KvInvalidArgumentException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server's small parts: database ids, tokens, settings and endpoint URLs. */
class ServerBuildingBlocksTest {

  @TempDir Path dir;

  @Test
  void aFileIdStoreCreatesOneIdAndKeepsItAcrossInstances() throws Exception {
    Path db = dir.resolve("data/kv.sqlite3");
    UUID first = DatabaseIdStore.besideDatabaseFile(db).databaseId();
    Path file = dir.resolve("data/kv.sqlite3.kv-connect-id");
    assertThat(file).exists();
    assertThat(Files.readString(file).trim()).isEqualTo(first.toString());
    assertThat(DatabaseIdStore.besideDatabaseFile(db).databaseId()).isEqualTo(first);
    assertThat(first).isNotEqualTo(new UUID(0, 0));
    assertThat(DatabaseIdStore.besideDatabaseFile(dir.resolve("other.db")).databaseId()).isNotEqualTo(first);
    try (var files = Files.list(dir.resolve("data"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kv.sqlite3.kv-connect-id");
    }
  }

  @Test
  void aCorruptOrNilIdFileIsRefused() throws Exception {
    Path corrupt = dir.resolve("corrupt.id");
    Files.writeString(corrupt, "not a uuid");
    assertThatThrownBy(() -> new FileDatabaseIdStore(corrupt).databaseId())
        .isInstanceOf(KvException.class)
        .hasMessageContaining("does not hold a valid UUID");
    Path nil = dir.resolve("nil.id");
    Files.writeString(nil, "00000000-0000-0000-0000-000000000000");
    assertThatThrownBy(() -> new FileDatabaseIdStore(nil).databaseId()).isInstanceOf(KvException.class);
    assertThatThrownBy(() -> DatabaseIdStore.fixed(new UUID(0, 0))).isInstanceOf(KvInvalidArgumentException.class);
    assertThat(DatabaseIdStore.ephemeral().databaseId()).isNotEqualTo(DatabaseIdStore.ephemeral().databaseId());
  }

  @Test
  void accessTokensMatchExactly() {
    AccessTokenVerifier verifier = new AccessTokenVerifier(List.of("alpha-token", "beta"));
    assertThat(verifier.isValid("alpha-token")).isTrue();
    assertThat(verifier.isValid("beta")).isTrue();
    assertThat(verifier.isValid("alpha-toke")).isFalse();
    assertThat(verifier.isValid("alpha-token ")).isFalse();
    assertThat(verifier.isValid("")).isFalse();
  }

  @Test
  void settingsValidateAndNeverShowTokens() {
    KvConnectServerOptions s = KvConnectServerOptions.of("/api/kv", List.of("very-secret-token"));
    assertThat(s.dataPath()).isEqualTo("/api/kv/data");
    assertThat(s.relativeEndpoint()).isEqualTo("kv/data");
    assertThat(s.toString()).doesNotContain("very-secret-token");
    assertThat(s.tokenTtl()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> KvConnectServerOptions.of("/", List.of("t"))).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> KvConnectServerOptions.of("/kv/", List.of("t"))).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> KvConnectServerOptions.of("kv", List.of("t"))).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> KvConnectServerOptions.of("/kv", List.of())).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> KvConnectServerOptions.of("/kv", List.of(" "))).isInstanceOf(KvInvalidArgumentException.class);
  }

  @Test
  void versionOneEndpointsAreAbsoluteAndResolveAgainstTheExchangeUrl() {
    MetadataExchange exchange = new MetadataExchange(JsonMapper.builder().build());
    DataPathTokens.Issued token = new DataPathTokens.Issued("t", Instant.parse("2030-01-02T03:04:05Z"));
    UUID id = UUID.randomUUID();
    JsonNode v1 = JsonMapper.builder().build().readTree(
        exchange.metadata(1, id, URI.create("https://kv.example.com:8443/base/kv?x=1"), "kv/data", token));
    assertThat(v1.get("endpoints").get(0).get("url").asString()).isEqualTo("https://kv.example.com:8443/base/kv/data");
    assertThat(v1.get("expiresAt").asString()).isEqualTo("2030-01-02T03:04:05Z");
    JsonNode v3 = JsonMapper.builder().build().readTree(
        exchange.metadata(3, id, URI.create("https://kv.example.com/base/kv"), "kv/data", token));
    assertThat(v3.get("endpoints").get(0).get("url").asString()).isEqualTo("kv/data");
    assertThat(URI.create("https://kv.example.com/base/kv").resolve("kv/data").toString())
        .isEqualTo("https://kv.example.com/base/kv/data");
    assertThat(exchange.negotiate(new byte[0])).isEqualTo(1);
    assertThat(exchange.negotiate("  \n".getBytes())).isEqualTo(1);
    assertThat(exchange.negotiate("{\"supportedVersions\":[3,1]}".getBytes())).isEqualTo(3);
  }
}
