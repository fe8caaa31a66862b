package dev.denokv.benchmarks;

import dev.denokv.server.DatabaseIdStore;
import dev.denokv.server.KvConnectHandler;
import dev.denokv.server.KvConnectRequestFilter;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.server.TokenSecretStore;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The project's KV Connect server over one SQLite file, as a Spring Boot web application on a
 * random local port with HTTP/2 over cleartext enabled (the Deno CLI connects with h2c).
 */
final class KvConnectBenchServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final SqliteDatabase database;

  private KvConnectBenchServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.database = context.getBean(SqliteDatabase.class);
  }

  /** Starts a server over {@code databaseFile} accepting {@code accessToken}. */
  static KvConnectBenchServer start(Path databaseFile, String accessToken) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Application.class)
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "server.http2.enabled=true",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "kv.bench.database=" + databaseFile,
                "kv.bench.access-token=" + accessToken)
            .run();
    return new KvConnectBenchServer(context);
  }

  /** The metadata exchange URL. */
  String url() {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return "http://127.0.0.1:" + port + "/kv";
  }

  /** The database the server hosts, for checking the final state. */
  SqliteDatabase database() {
    return database;
  }

  @Override
  public void close() {
    context.close();
  }

  /** The web application. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {

    @Bean(destroyMethod = "close")
    SqliteDatabase database(@Value("${kv.bench.database}") Path file) {
      return SqliteDatabase.open(file);
    }

    @Bean
    KvConnectHandler kvConnectHandler(
        SqliteDatabase database,
        @Value("${kv.bench.database}") Path file,
        @Value("${kv.bench.access-token}") String accessToken) {
      return new KvConnectHandler(
          database, DatabaseIdStore.besideDatabaseFile(file), TokenSecretStore.besideDatabaseFile(file),
          KvConnectServerOptions.of("/kv", List.of(accessToken)));
    }

    @Bean
    KvConnectRequestFilter kvConnectRequestFilter(KvConnectHandler handler) {
      return handler.requestFilter();
    }

    @Bean
    RouterFunction<ServerResponse> kvConnectRoutes(KvConnectHandler handler) {
      return handler.routerFunction();
    }
  }
}
