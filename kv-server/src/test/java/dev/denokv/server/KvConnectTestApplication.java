package dev.denokv.server;

import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.sqlite.SqliteOptions;
import dev.denokv.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  /** The lease of remote queue consumers' reservations. */
  static final String QUEUE_LEASE_PROPERTY = "kv-test.queue-lease";
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

  /** The clock of the database's expiry times, which tests move forward instead of waiting. */
  @Bean
  MutableClock databaseClock() {
    return MutableClock.followingSystem();
  }

  @Bean
  RecordingDatabase database(DatabaseDirectory directory, MutableClock databaseClock) {
    return new RecordingDatabase(
        SqliteDatabase.open(directory.databaseFile(), SqliteOptions.defaults().withClock(databaseClock)));
  }

  @Bean
  TestClock clock() {
    return new TestClock();
  }

  @Bean
  KvConnectHandler kvConnectHandler(RecordingDatabase database, DatabaseDirectory directory, TestClock clock,
      Environment environment) {
    KvConnectServerOptions settings =
        new KvConnectServerOptions(
            "/kv",
            List.of(ACCESS_TOKEN, OTHER_ACCESS_TOKEN),
            Duration.ofHours(1),
            Duration.ofMillis(500),
            "denokv".equals(environment.getProperty(LIMITS_PROPERTY))
                ? KvConnectLimits.denokv()
                : KvConnectLimits.defaults(),
            environment.getProperty("kv-test.public-url", URI.class),
            environment.getProperty("kv-test.watch-stall-timeout", Duration.class, Duration.ofMinutes(1)),
            environment.getProperty("kv-test.max-watches-per-client", Integer.class, 1000),
            environment.getProperty("kv-test.max-failed-authentications", Integer.class, 1000));
    return new KvConnectHandler(database, DatabaseIdStore.besideDatabaseFile(directory.databaseFile()),
        TokenSecretStore.besideDatabaseFile(directory.databaseFile()), settings, clock);
  }

  /** A 1 s container async timeout, so that the tests see watch streams outlive it. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> shortAsyncTimeout() {
    return factory -> factory.addConnectorCustomizers(connector -> connector.setAsyncTimeout(1000));
  }

  /** The queue extension, with a lease of {@value #QUEUE_LEASE_PROPERTY} (default 1 s). */
  @Bean
  KvConnectRequestFilter kvConnectRequestFilter(KvConnectHandler handler) {
    return handler.requestFilter();
  }

  @Bean
  KvConnectQueueHandler kvConnectQueueHandler(KvConnectHandler handler, RecordingDatabase database,
      Environment environment) {
    Duration lease = environment.getProperty(QUEUE_LEASE_PROPERTY, Duration.class, Duration.ofSeconds(1));
    return new KvConnectQueueHandler(handler, database,
        QueueExtensionOptions.defaults().withLease(lease).withMaxWait(Duration.ofSeconds(5)));
  }

  @Bean
  RouterFunction<ServerResponse> kvConnectRoutes(KvConnectHandler handler, KvConnectQueueHandler queue) {
    return handler.routerFunction().and(queue.routerFunction());
  }
}
