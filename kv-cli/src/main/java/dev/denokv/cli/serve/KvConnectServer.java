package dev.denokv.cli.serve;

import dev.denokv.server.DatabaseIdStore;
import dev.denokv.server.KvConnectHandler;
import dev.denokv.server.KvConnectQueueHandler;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.server.QueueExtensionOptions;
import dev.denokv.server.TokenSecretStore;
import dev.denokv.spi.Database;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The project's KV Connect server in a minimal Spring Boot web application (Tomcat with h2c, as
 * the Deno CLI speaks HTTP/2 to {@code http://} URLs): the metadata exchange answers at {@value #PATH}
 * and at {@code /}, so clients use either {@code http://host:port} (as with denokv) or
 * {@code http://host:port/kv}.
 */
public final class KvConnectServer implements AutoCloseable {

  /** Where the metadata exchange is served; the data path is under it. */
  public static final String PATH = "/kv";

  private final ConfigurableApplicationContext context;
  private final CountDownLatch closed = new CountDownLatch(1);

  private KvConnectServer(ConfigurableApplicationContext context) {
    this.context = context;
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
  }

  /**
   * Starts serving {@code database} on {@code host}:{@code port} (0 for any free port) to clients
   * presenting one of {@code accessTokens}. The database stays open when the server stops.
   */
  public static KvConnectServer start(Database database, DatabaseIdStore ids, List<String> accessTokens, String host, int port) {
    // The token secret lives in the database (PostgreSQL: every instance signs alike) or beside its
    // file, so that clients keep their tokens across restarts.
    TokenSecretStore secrets = TokenSecretStore.forDatabase(database);
    KvConnectHandler handler =
        new KvConnectHandler(database, ids, secrets, KvConnectServerOptions.of(PATH, accessTokens));
    SpringApplication application = new SpringApplicationBuilder(ServeConfiguration.class)
        .web(WebApplicationType.SERVLET)
        .bannerMode(org.springframework.boot.Banner.Mode.OFF)
        .logStartupInfo(false)
        .properties(
            "server.address=" + host,
            "server.port=" + port,
            "server.http2.enabled=true",
            "server.shutdown=immediate",
            "spring.main.register-shutdown-hook=true",
            "spring.jmx.enabled=false",
            "logging.level.root=WARN")
        .initializers(ctx -> {
          ctx.getBeanFactory().registerSingleton("kvConnectHandler", handler);
          ctx.getBeanFactory().registerSingleton("kvConnectRequestFilter", handler.requestFilter());
          ctx.getBeanFactory().registerSingleton("kvConnectQueueHandler",
              new KvConnectQueueHandler(handler, database, QueueExtensionOptions.defaults()));
        })
        .build();
    return new KvConnectServer(application.run());
  }

  /** The port the server listens on. */
  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Waits until the server stops (on {@link #close()} or when the process is asked to end). */
  public void awaitStop() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    context.close();
  }
}
