package dev.denokv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.cli.serve.KvConnectServer;
import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.PostgresOptions;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.server.DatabaseIdStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kv serve --postgres} run twice over one PostgreSQL database, on a real PostgreSQL server:
 * both announce the database id kept in the schema and sign with the secret kept there, so a
 * data-path token handed out by one is accepted by the other.
 */
class PostgresServeTest {

  private static final String TOKEN = "cli-postgres-serve-token";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private static PostgresDatabase open(String url) {
    return PostgresDatabase.builder().url(url).poolSize(3).options(PostgresOptions.defaults().withSchema("served"))
        .build();
  }

  @Test
  void aTokenHandedOutByOneInstanceIsAcceptedByTheOther() throws Exception {
    String url = PostgresCluster.shared().createDatabase();
    try (PostgresDatabase dbA = open(url);
        PostgresDatabase dbB = open(url);
        KvConnectServer a = KvConnectServer.start(dbA, DatabaseIdStore.forDatabase(dbA), List.of(TOKEN), "127.0.0.1", 0);
        KvConnectServer b = KvConnectServer.start(dbB, DatabaseIdStore.forDatabase(dbB), List.of(TOKEN), "127.0.0.1", 0)) {
      URI atA = URI.create("http://127.0.0.1:" + a.port() + KvConnectServer.PATH);
      URI atB = URI.create("http://127.0.0.1:" + b.port() + KvConnectServer.PATH);
      JsonNode fromA = metadata(atA);
      JsonNode fromB = metadata(atB);
      assertThat(fromA.get("databaseId").asString()).isEqualTo(dbA.databaseId().toString())
          .isEqualTo(fromB.get("databaseId").asString());

      URI dataPathOfB = atB.resolve(fromA.get("endpoints").get(0).get("url").asString() + "/snapshot_read");
      assertThat(dataPathOfB.getPort()).isEqualTo(b.port());
      HttpResponse<byte[]> read = http.send(HttpRequest.newBuilder(dataPathOfB)
              .header("Authorization", "Bearer " + fromA.get("token").asString())
              .header("x-denokv-database-id", fromA.get("databaseId").asString())
              .header("x-denokv-version", "3")
              .header("Content-Type", "application/x-protobuf")
              .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(read.statusCode()).as("B answers a read signed in at A").isEqualTo(200);
    }
  }

  private JsonNode metadata(URI exchange) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(exchange)
            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"supportedVersions\":[1,2,3]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(r.body());
  }
}
