package dev.denokv.server;

import java.time.Duration;
import java.util.List;
import dev.denokv.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** A Spring Boot web application serving one SQLite database file over KV Connect at {@code /kv}. */
@SpringBootConfiguration
@EnableAutoConfiguration
class KvConnectTestApplication {

  static final String ACCESS_TOKEN = "test-access-token-0123456789";
  static final String OTHER_ACCESS_TOKEN = "another-access-token";
  /** Names a directory that holds the database and outlives the context, instead of a temporary one. */
  static final String DIRECTORY_PROPERTY = "kv-test.directory";
  /** {@code denokv} serves with {@link KvConnectLimits#denokv()} instead of the defaults. */
  static final String LIMITS_PROPERTY = "kv-test.limits";

  /** The directory holding the database file; a temporary one is deleted when the context closes. */
  record DatabaseDirectory(Path path, boolean temporary) implements AutoCloseable {
    Path databaseFile() {
      return path.resolve("kv.sqlite3");
    }

    @Override
    public void close() throws IOException {
      if (temporary) {
        FileSystemUtils.deleteRecursively(path);
      }
    }
  }

  @Bean
  DatabaseDirectory databaseDirectory(Environment environment) throws IOException {
    String kept = environment.getProperty(DIRECTORY_PROPERTY);
    return kept != null
        ? new DatabaseDirectory(Path.of(kept), false)
        : new DatabaseDirectory(Files.createTempDirectory("kv-server-test"), true);
  }

  @Bean
  RecordingDatabase database(DatabaseDirectory directory) {
    return new RecordingDatabase(SqliteDatabase.open(directory.databaseFile()));
  }

  @Bean
  TestClock clock() {
    return new TestClock();
  }

  @Bean
  KvConnectHandler kvConnectHandler(RecordingDatabase database, DatabaseDirectory directory, TestClock clock,
      Environment environment) {
    KvConnectServerSettings settings =
        new KvConnectServerSettings(
            "/kv",
            List.of(ACCESS_TOKEN, OTHER_ACCESS_TOKEN),
            Duration.ofHours(1),
            Duration.ofMillis(500),
            "denokv".equals(environment.getProperty(LIMITS_PROPERTY))
                ? KvConnectLimits.denokv()
                : KvConnectLimits.defaults());
    return new KvConnectHandler(database, DatabaseIdStore.besideDatabaseFile(directory.databaseFile()), settings, clock);
  }

  /** A 1 s container async timeout, so that the tests see watch streams outlive it. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> shortAsyncTimeout() {
    return factory -> factory.addConnectorCustomizers(connector -> connector.setAsyncTimeout(1000));
  }

  @Bean
  RouterFunction<ServerResponse> kvConnectRoutes(KvConnectHandler handler) {
    return handler.routerFunction();
  }
}
