package dev.denokv.server;

import java.time.Duration;
import java.util.List;
import dev.denokv.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** A Spring Boot web application serving one SQLite database file over KV Connect at {@code /kv}. */
@SpringBootConfiguration
@EnableAutoConfiguration
class KvConnectTestApplication {

  static final String ACCESS_TOKEN = "test-access-token-0123456789";
  static final String OTHER_ACCESS_TOKEN = "another-access-token";
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

  /** The directory named by {@code test.kv-directory}, kept after the context closes, or a temporary one. */
  @Bean
  DatabaseDirectory databaseDirectory(@Value("${test.kv-directory:}") String directory) throws IOException {
    return directory.isEmpty()
        ? new DatabaseDirectory(Files.createTempDirectory("kv-server-test"), true)
        : new DatabaseDirectory(Path.of(directory), false);
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
  KvConnectHandler kvConnectHandler(RecordingDatabase database, DatabaseDirectory directory, TestClock clock) {
    KvConnectServerSettings settings =
        new KvConnectServerSettings(
            "/kv",
            List.of(ACCESS_TOKEN, OTHER_ACCESS_TOKEN),
            Duration.ofHours(1),
            Duration.ofMillis(500),
            KvConnectLimits.defaults());
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
