package dev.denokv.samples.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The sample pointed at a remote database with {@code kv.url}: a second instance of the sample
 * serves its SQLite database over KV Connect ({@code kv.server.enabled=true}) and, having the queue
 * consumer, counts the clicks the remote instance enqueues.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteDatabaseLinksTest {

  private static final String TOKEN = "sample-test-token-" + UUID.randomUUID();

  private static ConfigurableApplicationContext server;
  private static ConfigurableApplicationContext client;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("kv-sample-remote");
    server = new SpringApplicationBuilder(LinksApplication.class)
        .run("--server.port=0", "--kv.path=" + dir.resolve("served.sqlite3"),
            "--kv.server.enabled=true", "--kv.server.access-tokens=" + TOKEN,
            "--kv.server.keep-alive-interval=1s", "--spring.main.banner-mode=off");
    client = new SpringApplicationBuilder(LinksApplication.class)
        .run("--server.port=0", "--kv.url=http://localhost:" + port(server) + "/kv",
            "--kv.access-token=" + TOKEN, "--kv.path=" + dir.resolve("unused.sqlite3"),
            "--management.endpoint.health.show-details=always",
            "--management.health.kv.cache-time=0s", "--kv.remote.retry.max-attempts=2",
            "--kv.remote.retry.initial-interval=10ms", "--spring.main.banner-mode=off");
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @Test
  void theClientUsesTheServedDatabase() {
    assertThat(client.getBean(Database.class)).isInstanceOf(RemoteDatabase.class);
    assertThat(server.getBean(Database.class)).isInstanceOf(SqliteDatabase.class);
    assertThat(dir.resolve("unused.sqlite3")).doesNotExist();
    assertThat(dir.resolve("served.sqlite3.kv-connect-id")).isRegularFile();
  }

  @Test
  void linksCreatedThroughTheRemoteInstanceLiveInTheServedDatabaseAndTheirClicksAreCounted() throws Exception {
    LinksApi remote = new LinksApi(port(client));
    LinksApi local = new LinksApi(port(server));

    assertThat(remote.post("/api/links", Map.of("code", "remote-1", "url", "https://deno.com", "owner", "rem")).status())
        .isEqualTo(201);
    assertThat(remote.post("/api/links", Map.of("code", "remote-1", "url", "https://x.example", "owner", "rem")).status())
        .isEqualTo(409);
    KvTemplate served = server.getBean(KvTemplate.class);
    assertThat(served.get(KvKey.of("links", "remote-1"), Link.class).value().url()).isEqualTo("https://deno.com");
    assertThat(local.get("/api/links?owner=rem").body().get("links")).hasSize(1);

    BlockingQueue<String> clickEvents = remote.events("/api/links/remote-1/clicks");
    assertThat(clickEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"remote-1\":0}");
    assertThat(remote.get("/r/remote-1").status()).isEqualTo(302);
    assertThat(clickEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"remote-1\":1}");
    assertThat(remote.get("/api/links/remote-1").body().get("clicks").asLong()).isEqualTo(1);
  }

  @Test
  void theRemoteInstancesHealthShowsTheServedDatabaseId() throws Exception {
    JsonNode kv = new LinksApi(port(client)).get("/actuator/health").body().get("components").get("kv");
    assertThat(kv.get("status").asString()).isEqualTo("UP");
    assertThat(kv.get("details").get("backend").asString()).isEqualTo("remote");
    String servedId = Files.readString(dir.resolve("served.sqlite3.kv-connect-id")).trim();
    assertThat(kv.get("details").get("databaseId").asString()).isEqualTo(servedId);
    assertThat(kv.toString()).doesNotContain(TOKEN);
  }

  /** Runs last: it stops the serving instance. */
  @Test
  @Order(Integer.MAX_VALUE)
  void theRemoteInstanceIsDownWithTheReasonOnceTheServerIsGone() {
    LinksApi api = new LinksApi(port(client));
    assertThat(api.get("/actuator/health").body().get("components").get("kv").get("status").asString())
        .isEqualTo("UP");
    server.close();
    LinksApi.Answer health = api.get("/actuator/health");
    assertThat(health.status()).isEqualTo(503);
    JsonNode kv = health.body().get("components").get("kv");
    assertThat(kv.get("status").asString()).isEqualTo("DOWN");
    assertThat(kv.get("details").get("reason").asString()).isNotBlank();
    assertThat(kv.toString()).doesNotContain(TOKEN);
  }
}
