package dev.denokv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.QueueSubscription;
import dev.denokv.cli.serve.KvConnectServer;
import dev.denokv.server.DatabaseIdStore;
import dev.denokv.spi.Capability;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The subcommands on the project's own KV Connect server, the token given in the environment. */
class ServerCommandsTest extends CommandsContract {

  private static final String TOKEN = "cli-test-token-0123456789";
  private static Path directory;
  private static SqliteDatabase database;
  private static KvConnectServer server;

  private final Cli cli = new Cli(Map.of("DENO_KV_ACCESS_TOKEN", TOKEN));

  @BeforeAll
  static void startServer() throws IOException {
    directory = Files.createTempDirectory("kv-cli-server");
    database = SqliteDatabase.open(directory.resolve("served.sqlite3"));
    server = KvConnectServer.start(database, DatabaseIdStore.ephemeral(), List.of(TOKEN), "127.0.0.1", 0);
  }

  @AfterAll
  static void stopServer() {
    server.close();
    database.close();
  }

  static String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  String[] target() {
    return new String[] {"--url", url()};
  }

  @Override
  Cli cli() {
    return cli;
  }

  @Override
  Database openBackingDatabase() {
    return new SqliteDatabaseView(database);
  }

  @Test
  void remoteQueueConsumersAreServed() throws Exception {
    try (KvTemplate remote = KvTemplate.connect(url(), TOKEN)) {
      assertThat(remote.database().capabilities()).contains(Capability.QUEUE_CONSUMER);
      CompletableFuture<Object> received = new CompletableFuture<>();
      try (QueueSubscription listener = remote.listenQueue(Object.class, received::complete)) {
        Cli.Run run = cli.run("enqueue", "--url", url(), "\"served job\"");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo("served job");
      }
    }
  }

  @Test
  void theKvPathWorksAsWellAsTheRoot() {
    Cli.Run run = cli.run("set", "--url", url() + "/kv", key("\"via-path\""), "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void aWrongTokenIsAccessDenied() {
    Cli.Run run = cli.run("get", "--url", url(), "--access-token", "not-the-token", "[\"a\"]");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).startsWith("kv: access denied: the server refused the access token").doesNotContain("not-the-token");
  }

  @Test
  void anUnreachableServerIsUnavailable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Cli.Run run = cli.run("get", "--url", "http://127.0.0.1:" + port, "[\"a\"]");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).startsWith("kv: database unavailable: ").doesNotContain(TOKEN);
  }

  @Test
  void aUrlWithoutATokenSaysWhereToPutIt() {
    Cli.Run run = new Cli().run("get", "--url", url(), "[\"a\"]");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("kv: no access token: set DENO_KV_ACCESS_TOKEN or pass --access-token\n");
  }
}
