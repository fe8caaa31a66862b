package dev.denokv.boot.autoconfigure.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.key.KvKey;
import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.sqlite.SqliteDatabase;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The PostgreSQL backend chosen and configured through {@code kv.postgres.*}, on a real server. */
class KvPostgresAutoConfigurationTest {

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void cluster() {
    url = PostgresCluster.shared().createDatabase();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KvPostgresAutoConfiguration.class, KvAutoConfiguration.class))
        .withPropertyValues("kv.path=" + dir.resolve("kv.sqlite3"));
  }

  private static String schema() {
    return "boot_" + SCHEMAS.incrementAndGet();
  }

  @Test
  void kvPostgresUrlSelectsThePostgresBackend() {
    runner().withPropertyValues("kv.postgres.url=" + url, "kv.postgres.schema=" + schema(), "kv.postgres.pool-size=4")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(PostgresDatabase.class)
              .doesNotHaveBean(SqliteDatabase.class);
          KvTemplate kv = context.getBean(KvTemplate.class);
          kv.set(KvKey.of("boot", 1), "stored in PostgreSQL");
          assertThat(kv.get(KvKey.of("boot", 1), String.class).value()).isEqualTo("stored in PostgreSQL");
          Health health = context.getBean(PostgresHealthIndicator.class).health(true);
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("backend", "postgres").containsEntry("primary", "up");
        });
  }

  @Test
  void kvUrlComesBeforePostgresAndTheLocalProfileKeepsTheEmbeddedDatabase() {
    runner().withPropertyValues("kv.postgres.url=" + url, "kv.url=http://localhost:1/kv", "kv.access-token=t")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RemoteDatabase.class)
            .doesNotHaveBean(PostgresDatabase.class));
    runner().withPropertyValues("kv.postgres.url=" + url, "spring.profiles.active=local")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SqliteDatabase.class)
            .doesNotHaveBean(PostgresDatabase.class));
  }

  @Test
  void theApplicationsDataSourceCanBeUsed() {
    String schema = schema();
    runner().withPropertyValues("kv.postgres.use-data-source=true", "kv.postgres.schema=" + schema)
        .withBean(DataSource.class, () -> {
          HikariDataSource ds = new HikariDataSource();
          ds.setJdbcUrl(url);
          ds.setMaximumPoolSize(4);
          return ds;
        })
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(PostgresDatabase.class);
          assertThat(context.getBean(PostgresDatabase.class).primaryDataSource())
              .isSameAs(context.getBean(DataSource.class));
          context.getBean(KvTemplate.class).set(KvKey.of("ds"), 1);
        });
  }

  @Test
  void anUnreachableServerFailsNamingKvPostgresUrl() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    runner().withPropertyValues("kv.postgres.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/kv?password=secret")
        .run(context -> {
          assertThat(context).hasFailed();
          String message = rootMessage(context.getStartupFailure());
          assertThat(message).contains("kv.postgres.url").doesNotContain("secret");
        });
  }

  @Test
  void aSchemaOfANewerVersionFailsNamingKvPostgresSchema() throws Exception {
    String schema = schema();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
      s.execute("create table " + schema + ".kv_meta (name text primary key, value text not null)");
      s.execute("insert into " + schema + ".kv_meta values ('schema_version', '99'), ('database_id', gen_random_uuid()::text)");
    }
    runner().withPropertyValues("kv.postgres.url=" + url, "kv.postgres.schema=" + schema)
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(rootMessage(context.getStartupFailure())).contains("kv.postgres.schema")
              .contains("version 99").contains("newer");
        });
    runner().withPropertyValues("kv.postgres.url=" + url, "kv.postgres.schema=" + schema(),
            "kv.postgres.initialize-schema=false")
        .run(context -> assertThat(rootMessage(context.getStartupFailure())).contains("kv.postgres.schema")
            .contains("initialization is off"));
  }

  private static String rootMessage(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
