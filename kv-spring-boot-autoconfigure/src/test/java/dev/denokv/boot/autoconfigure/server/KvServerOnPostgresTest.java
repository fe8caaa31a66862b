package dev.denokv.boot.autoconfigure.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.postgres.KvPostgresAutoConfiguration;
import dev.denokv.key.KvKey;
import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.server.DatabaseIdStore;
import dev.denokv.server.KvConnectHandler;
import dev.denokv.server.TokenSecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The KV Connect server over the PostgreSQL backend, on a real PostgreSQL server: every instance
 * takes the database id and the token-signing secret from the database, so a data-path token one
 * instance hands out is accepted by another.
 */
class KvServerOnPostgresTest {

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static final String TOKEN = "postgres-server-access-token";
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void cluster() {
    url = PostgresCluster.shared().createDatabase();
  }

  private static String schema() {
    return "server_" + SCHEMAS.incrementAndGet();
  }

  private WebApplicationContextRunner runner(String schema) {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            KvPostgresAutoConfiguration.class, KvAutoConfiguration.class, KvServerAutoConfiguration.class))
        .withPropertyValues("kv.path=" + dir.resolve("kv.sqlite3"), "kv.postgres.url=" + url,
            "kv.postgres.schema=" + schema, "kv.postgres.pool-size=3", "kv.server.enabled=true",
            "kv.server.access-tokens=" + TOKEN);
  }

  @Test
  void theTokenSecretAndTheDatabaseIdComeFromThePostgresDatabase() {
    String schema = schema();
    AtomicReference<byte[]> first = new AtomicReference<>();
    runner(schema).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(TokenSecretStore.class).hasSingleBean(KvConnectHandler.class);
      PostgresDatabase database = context.getBean(PostgresDatabase.class);
      byte[] secret = context.getBean(TokenSecretStore.class).secret();
      assertThat(secret).isEqualTo(database.secret(TokenSecretStore.SHARED_SECRET_NAME));
      assertThat(context.getBean(TokenSecretStore.class).toString()).isEqualTo("TokenSecretStore[in the database]");
      assertThat(context.getBean(DatabaseIdStore.class).databaseId()).isEqualTo(database.databaseId());
      assertThat(context.getBean(KvConnectHandler.class).databaseId()).isEqualTo(database.databaseId());
      first.set(secret);
    });
    assertThat(dir.resolve("kv.sqlite3.kv-connect-secret")).as("no secret file for the unused SQLite path")
        .doesNotExist();
    runner(schema).run(context -> assertThat(context.getBean(TokenSecretStore.class).secret())
        .as("another instance over the same schema").isEqualTo(first.get()));
    String configured = "a-secret-shared-by-every-instance-0123456789";
    runner(schema).withPropertyValues("kv.server.token-secret=" + configured)
        .run(context -> assertThat(context.getBean(TokenSecretStore.class).secret())
            .isEqualTo(configured.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aClientGivenItsTokenByOneInstanceIsServedByTheOther() {
    String schema = schema();
    try (ConfigurableApplicationContext b = start(schema, null)) {
      String bUrl = "http://127.0.0.1:" + port(b) + "/kv";
      // Instance A hands out data-path endpoints on instance B: the client signs in at A and
      // then reads and writes at B with the token A made.
      try (ConfigurableApplicationContext a = start(schema, bUrl);
          KvTemplate viaA = KvTemplate.connect("http://127.0.0.1:" + port(a) + "/kv", TOKEN);
          KvTemplate viaB = KvTemplate.connect(bUrl, TOKEN)) {
        viaA.set(KvKey.of("signed", "at A"), "served by B");
        assertThat(viaB.get(KvKey.of("signed", "at A"), String.class).value()).isEqualTo("served by B");
        assertThat(viaA.get(KvKey.of("signed", "at A"), String.class).value()).isEqualTo("served by B");
      }
    }
  }

  private ConfigurableApplicationContext start(String schema, String publicUrl) {
    SpringApplicationBuilder app = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
        .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
            "kv.path=" + dir.resolve("unused.sqlite3"), "kv.postgres.url=" + url, "kv.postgres.schema=" + schema,
            "kv.postgres.pool-size=3", "kv.server.enabled=true", "kv.server.access-tokens=" + TOKEN);
    if (publicUrl != null) {
      app.properties("kv.server.public-url=" + publicUrl);
    }
    return app.run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
