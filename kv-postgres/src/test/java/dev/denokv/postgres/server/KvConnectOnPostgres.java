package dev.denokv.postgres.server;

import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.PostgresOptions;
import dev.denokv.server.DatabaseIdStore;
import dev.denokv.server.KvConnectHandler;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.server.TokenSecretStore;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One KV Connect server instance over a PostgreSQL database, as a process of its own (started by
 * {@link ServerProcess}). With {@code --kv-test.consumer=true} it also consumes the queue: each
 * message is "handled" by writing {@code ["handled", <payload>, <instance>, <uuid>]} and taking a
 * moment, then writing
 * {@code ["done", <payload>, <instance>]} before it is acknowledged. Prints {@code KV-CONNECT-READY <port>} once it serves.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class KvConnectOnPostgres {

  static final String TOKEN = "postgres-servers-token";

  public static void main(String[] args) {
    ConfigurableApplicationContext context = SpringApplication.run(KvConnectOnPostgres.class, args);
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    System.out.println("KV-CONNECT-READY " + port);
  }

  @Bean(destroyMethod = "close")
  PostgresDatabase database(Environment env) {
    return PostgresDatabase.builder()
        .url(env.getRequiredProperty("kv-test.url"))
        .poolSize(8)
        .options(PostgresOptions.defaults().withSchema(env.getRequiredProperty("kv-test.schema"))
            .withQueueReservation(Duration.ofMillis(900))
            .withStaleMessageCheckInterval(Duration.ofMillis(200)))
        .build();
  }

  @Bean(destroyMethod = "close")
  KvConnectHandler handler(PostgresDatabase database) {
    return new KvConnectHandler(database, DatabaseIdStore.forDatabase(database), TokenSecretStore.forDatabase(database),
        KvConnectServerOptions.of("/kv", List.of(TOKEN)));
  }

  @Bean
  RouterFunction<ServerResponse> routes(KvConnectHandler handler) {
    return handler.routerFunction();
  }

  @Bean
  Object queueConsumers(PostgresDatabase database, Environment env) {
    if (!env.getProperty("kv-test.consumer", Boolean.class, false)) {
      return "no consumer";
    }
    String instance = env.getRequiredProperty("kv-test.instance");
    for (int i = 0; i < 2; i++) {
      Thread t = new Thread(() -> consume(database, instance), "consumer-" + i);
      t.setDaemon(true);
      t.start();
    }
    return "consumers";
  }

  private static void consume(PostgresDatabase database, String instance) {
    try {
      QueueMessageHandle h;
      while ((h = database.dequeueNextMessage()) != null) {
        String payload = java.util.HexFormat.of().formatHex(h.payload());
        database.atomicWrite(new AtomicWrite(List.of(), List.of(Mutation.set(
            Keys.of("handled", payload, instance, UUID.randomUUID().toString()),
            new EncodedValue(ValueEncoding.BYTES, instance.getBytes(StandardCharsets.UTF_8)), 0)), List.of()));
        Thread.sleep(1000); // the handler's work: a kill lands in it
        database.atomicWrite(new AtomicWrite(List.of(), List.of(Mutation.set(
            Keys.of("done", payload, instance),
            new EncodedValue(ValueEncoding.BYTES, instance.getBytes(StandardCharsets.UTF_8)), 0)), List.of()));
        h.finish(true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      e.printStackTrace();
    }
  }

  /** Keys of string parts in Deno's encoding. */
  static final class Keys {
    static byte[] of(String... parts) {
      return dev.denokv.spi.conformance.Bytes.key(parts);
    }
  }
}
