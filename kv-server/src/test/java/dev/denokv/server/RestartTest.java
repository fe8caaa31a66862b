package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.SnapshotReadOutput;
import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.testing.Peers;
import dev.denokv.value.codec.DenoValueCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.EntityResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data-path tokens outlive the server that issued them: after a restart on the same database, and
 * on any instance with the same access tokens and database id, clients keep their tokens.
 */
class RestartTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Writes, reports that it is ready, waits for the restart, then reads and writes with the same token. */
  private static final String NODE_SCRIPT = """
      import { openKv } from "@deno/kv";
      import { existsSync, writeFileSync } from "node:fs";
      const kv = await openKv(process.env.KV_URL, { accessToken: process.env.DENO_KV_ACCESS_TOKEN });
      await kv.set(["restart", "node"], "before");
      writeFileSync(process.env.READY_FILE, "ready");
      while (!existsSync(process.env.GO_FILE)) await new Promise((res) => setTimeout(res, 50));
      const r = {};
      try {
        r.read = (await kv.get(["restart", "node"])).value;
        await kv.set(["restart", "node"], "after");
        r.after = (await kv.get(["restart", "node"])).value;
      } catch (e) {
        r.error = String(e?.message ?? e);
      }
      kv.close();
      console.log(JSON.stringify(r));
      """;

  @TempDir Path dir;

  @Test
  void aHandlerWithTheSameSettingsAndDatabaseAcceptsAnotherHandlersTokens() throws Exception {
    Path file = dir.resolve("kv.sqlite3");
    KvConnectServerOptions settings = KvConnectServerOptions.of("/kv", List.of("alpha-access-token", "beta"));
    try (SqliteDatabase database = SqliteDatabase.open(file)) {
      String token;
      UUID id;
      try (KvConnectHandler first = new KvConnectHandler(database, DatabaseIdStore.besideDatabaseFile(file), TokenSecretStore.besideDatabaseFile(file), settings)) {
        id = first.databaseId();
        token = exchange(first, "alpha-access-token");
        assertThat(read(first, token, id).statusCode().value()).isEqualTo(200);
      }
      try (KvConnectHandler restarted =
          new KvConnectHandler(database, DatabaseIdStore.besideDatabaseFile(file), TokenSecretStore.besideDatabaseFile(file), settings)) {
        assertThat(restarted.databaseId()).isEqualTo(id);
        ServerResponse answer = read(restarted, token, id);
        assertThat(answer.statusCode().value()).isEqualTo(200);
        assertThat(SnapshotReadOutput.parseFrom(body(answer)).getStatusValue()).isEqualTo(1);
      }
      KvConnectServerOptions otherTokens = KvConnectServerOptions.of("/kv", List.of("alpha-access-token"));
      try (KvConnectHandler reconfigured =
          new KvConnectHandler(database, DatabaseIdStore.besideDatabaseFile(file), TokenSecretStore.besideDatabaseFile(file), otherTokens)) {
        assertThat(read(reconfigured, token, id).statusCode().value()).as("access tokens changed").isEqualTo(401);
      }
      try (KvConnectHandler newSecret = new KvConnectHandler(
          database, DatabaseIdStore.besideDatabaseFile(file), TokenSecretStore.ephemeral(), settings)) {
        assertThat(read(newSecret, token, id).statusCode().value()).as("another secret").isEqualTo(401);
      }
      Path secretFile = dir.resolve("kv.sqlite3.kv-connect-secret");
      assertThat(Files.readString(secretFile)).doesNotContain("alpha-access-token");
      if (Files.getFileAttributeView(secretFile, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
            .as("owner-only permissions").isEqualTo("rw-------");
      }
      try (KvConnectHandler otherDatabase = new KvConnectHandler(database, DatabaseIdStore.ephemeral(), TokenSecretStore.besideDatabaseFile(file), settings)) {
        assertThat(read(otherDatabase, token, otherDatabase.databaseId()).statusCode().value())
            .as("another database id")
            .isEqualTo(401);
      }
    }
  }

  @Test
  void realClientsKeepTheirTokensAcrossAServerRestart() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    ConfigurableApplicationContext server = start(data, 0);
    try {
      int port = ((WebServerApplicationContext) server).getWebServer().getPort();
      String url = "http://localhost:" + port + "/kv";
      AtomicInteger exchanges = new AtomicInteger();
      RestClient.Builder counting =
          RestClient.builder()
              .requestInterceptor(
                  (request, body, execution) -> {
                    if (request.getURI().getPath().equals("/kv")) {
                      exchanges.incrementAndGet();
                    }
                    return execution.execute(request, body);
                  });
      Path ready = dir.resolve("ready");
      Path go = dir.resolve("go");
      CompletableFuture<Peers.Result> node =
          CompletableFuture.supplyAsync(
              () -> Peers.node(
                  NODE_SCRIPT,
                  Map.of(
                      "KV_URL", url,
                      "DENO_KV_ACCESS_TOKEN", KvConnectTestApplication.ACCESS_TOKEN,
                      "READY_FILE", ready.toString(),
                      "GO_FILE", go.toString()),
                  90));
      KvKey key = KvKey.of("restart", "java");
      try (KvTemplate kv =
          KvTemplate.builder(
                  RemoteDatabase.builder()
                      .url(url)
                      .accessToken(KvConnectTestApplication.ACCESS_TOKEN)
                      .restClientBuilder(counting)
                      .build())
              .valueCodec(DenoValueCodec.defaults())
              .build()) {
        kv.set(key, "before");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
          assertThat(node).as("the Node client is still running").isNotDone();
          assertThat(System.nanoTime()).as("the Node client is ready in time").isLessThan(deadline);
          Thread.sleep(50);
        }

        server.close();
        server = start(data, port);
        Files.writeString(go, "go");

        assertThat(kv.get(key, String.class).value()).isEqualTo("before");
        kv.set(key, "after");
        assertThat(kv.get(key, String.class).value()).isEqualTo("after");
      }
      String stdout = node.get(90, TimeUnit.SECONDS).orThrow();
      JsonNode r = JSON.readTree(stdout.lines().reduce((a, b) -> b).orElseThrow());
      assertThat(r.has("error")).as("the Node client failed: %s", r).isFalse();
      assertThat(r.get("read").asString()).isEqualTo("before");
      assertThat(r.get("after").asString()).isEqualTo("after");
      assertThat(exchanges.get()).as("metadata exchanges of the Java client (it refreshes on 401)").isEqualTo(1);
    } finally {
      server.close();
    }
  }

  private static ConfigurableApplicationContext start(Path directory, int port) {
    return new SpringApplicationBuilder(KvConnectTestApplication.class)
        .properties("server.port=" + port, KvConnectTestApplication.DIRECTORY_PROPERTY + "=" + directory)
        .run();
  }

  /** A metadata exchange with {@code accessToken}; returns the data-path token. */
  private static String exchange(KvConnectHandler handler, String accessToken) throws Exception {
    ServerResponse answer =
        post(handler, "/kv", Map.of("Authorization", "Bearer " + accessToken), "{\"supportedVersions\":[3]}".getBytes());
    assertThat(answer.statusCode().value()).isEqualTo(200);
    return JSON.readTree(body(answer)).get("token").asString();
  }

  private static ServerResponse read(KvConnectHandler handler, String token, UUID databaseId) throws Exception {
    return post(
        handler,
        "/kv/data/snapshot_read",
        Map.of(
            "Authorization", "Bearer " + token,
            "x-denokv-version", "3",
            "x-denokv-database-id", databaseId.toString()),
        Protos.prefixRead(Protos.key("restart"), 10).toByteArray());
  }

  private static ServerResponse post(KvConnectHandler handler, String path, Map<String, String> headers, byte[] body)
      throws Exception {
    MockHttpServletRequest servletRequest = new MockHttpServletRequest("POST", path);
    headers.forEach(servletRequest::addHeader);
    servletRequest.setContent(body);
    ServletRequestPathUtils.parseAndCache(servletRequest);
    ServerRequest request = ServerRequest.create(servletRequest, List.of());
    return handler.routerFunction().route(request).orElseThrow().handle(request);
  }

  private static byte[] body(ServerResponse response) {
    return (byte[]) ((EntityResponse<?>) response).entity();
  }
}
