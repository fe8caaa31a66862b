package dev.denokv.server;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** A Spring Boot web application serving one database over KV Connect at {@code /kv}. */
@SpringBootConfiguration
@EnableAutoConfiguration
class KvConnectTestApplication {

  static final String ACCESS_TOKEN = "test-access-token-0123456789";
  static final String OTHER_ACCESS_TOKEN = "another-access-token";
  static final UUID DATABASE_ID = UUID.fromString("3f0c8a6e-2b7d-4c1e-9a55-0d6f4b2e8c11");

  @Bean
  RecordingDatabase database() {
    return new RecordingDatabase(new InMemoryTestDatabase());
  }

  @Bean
  TestClock clock() {
    return new TestClock();
  }

  @Bean
  KvConnectHandler kvConnectHandler(RecordingDatabase database, TestClock clock) {
    KvConnectServerSettings settings =
        new KvConnectServerSettings(
            "/kv",
            List.of(ACCESS_TOKEN, OTHER_ACCESS_TOKEN),
            Duration.ofHours(1),
            Duration.ofMillis(500),
            KvConnectLimits.defaults());
    return new KvConnectHandler(database, DatabaseIdStore.fixed(DATABASE_ID), settings, clock);
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
