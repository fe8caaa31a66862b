package dev.denokv.boot.autoconfigure.server;

import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.KvProperties;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.server.DatabaseIdStore;
import dev.denokv.server.KvConnectHandler;
import dev.denokv.server.KvConnectLimits;
import dev.denokv.server.KvConnectQueueHandler;
import dev.denokv.server.KvConnectRequestFilter;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.server.QueueExtensionOptions;
import dev.denokv.server.TokenSecretStore;
import dev.denokv.spi.Database;
import java.util.List;
import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the application's {@link Database} over KV Connect (so that Deno programs, the
 * {@code @deno/kv} client and other Java services can use it) when {@code kv.server.enabled=true}
 * in a Spring MVC application. The database id and the secret that signs data-path tokens are
 * those the database keeps for every server instance when it keeps them (PostgreSQL: in its
 * schema, so that instances accept each other's tokens), else they are kept in files next to the
 * SQLite file ({@code <file>.kv-connect-id}, {@code <file>.kv-connect-secret}, owner-only);
 * {@code kv.server.database-id} and {@code kv.server.token-secret} fix them instead. On an embedded Tomcat the HTTP/2 stream limit per
 * connection is raised to {@code kv.server.max-concurrent-streams}. Where the database
 * can dequeue, the queue extension lets this project's remote clients consume its queue
 * ({@code kv.server.queue.*}).
 */
@AutoConfiguration(after = KvAutoConfiguration.class)
@ConditionalOnClass({KvConnectHandler.class, RouterFunction.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "kv.server.enabled")
@ConditionalOnBean(Database.class)
public class KvServerAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KvServerAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  DatabaseIdStore kvConnectDatabaseIdStore(KvProperties properties, Database database) {
    KvProperties.Server server = properties.getServer();
    if (server.getDatabaseId() != null) {
      try {
        return DatabaseIdStore.fixed(server.getDatabaseId());
      } catch (KvInvalidArgumentException e) {
        throw new InvalidConfigurationPropertyValueException(
            "kv.server.database-id", server.getDatabaseId(), e.getMessage());
      }
    }
    return DatabaseIdStore.forDatabase(database);
  }

  @Bean
  @ConditionalOnMissingBean
  TokenSecretStore kvConnectTokenSecretStore(KvProperties properties, Database database) {
    String configured = properties.getServer().getTokenSecret();
    if (configured != null) {
      try {
        return TokenSecretStore.fixed(configured);
      } catch (KvInvalidArgumentException e) {
        throw new InvalidConfigurationPropertyValueException("kv.server.token-secret", "(hidden)", e.getMessage());
      }
    }
    return TokenSecretStore.forDatabase(database);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  KvConnectHandler kvConnectHandler(
      Database database, DatabaseIdStore databaseIds, TokenSecretStore tokenSecrets, KvProperties properties) {
    KvProperties.Server server = properties.getServer();
    List<String> tokens = server.getAccessTokens();
    if (tokens.isEmpty() || tokens.stream().anyMatch(t -> t == null || t.isBlank())) {
      throw new InvalidConfigurationPropertyValueException(
          "kv.server.access-tokens", null,
          "Serving the database over KV Connect needs at least one non-blank access token.");
    }
    KvConnectServerOptions settings;
    try {
      settings = new KvConnectServerOptions(
          server.getPath(), tokens, server.getTokenTtl(), server.getKeepAliveInterval(), KvConnectLimits.defaults(),
          server.getPublicUrl(), server.getWatchStallTimeout(), server.getMaxWatchesPerClient(),
          server.getMaxFailedAuthenticationsPerMinute());
    } catch (KvInvalidArgumentException e) {
      throw new InvalidConfigurationPropertyValueException("kv.server", null, e.getMessage());
    }
    KvConnectHandler handler = new KvConnectHandler(database, databaseIds, tokenSecrets, settings);
    log.info("Deno KV: serving the database over KV Connect at {} ({} access token(s))",
        settings.path(), tokens.size());
    return handler;
  }

  /** Keeps requests with a wildcard Content-Type from failing before they reach the routes. */
  @Bean
  @ConditionalOnMissingBean
  KvConnectRequestFilter kvConnectRequestFilter(KvConnectHandler handler) {
    return handler.requestFilter();
  }

  /**
   * Raises an embedded Tomcat's HTTP/2 stream limit per connection ({@code kv.server.max-concurrent-streams}):
   * the Deno CLI opens one stream per watch on one connection, and at Tomcat's default of 100 a
   * program with 100 watches would leave no stream for its gets and sets.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.apache.coyote.http2.Http2Protocol",
      "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory"})
  static class TomcatStreams {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> kvConnectHttp2Streams(KvProperties properties) {
      int streams = properties.getServer().getMaxConcurrentStreams();
      if (streams < 1) {
        throw new InvalidConfigurationPropertyValueException(
            "kv.server.max-concurrent-streams", streams, "The stream limit must be positive.");
      }
      return factory -> factory.addConnectorCustomizers(connector -> {
        for (UpgradeProtocol protocol : connector.findUpgradeProtocols()) {
          if (protocol instanceof Http2Protocol http2) {
            http2.setMaxConcurrentStreams(streams);
          }
        }
      });
    }
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "kv.server.queue.enabled", matchIfMissing = true)
  KvConnectQueueHandler kvConnectQueueHandler(KvConnectHandler handler, Database database, KvProperties properties) {
    KvProperties.Server.Queue queue = properties.getServer().getQueue();
    QueueExtensionOptions options;
    try {
      options = QueueExtensionOptions.defaults().withLease(queue.getLease()).withMaxWait(queue.getMaxWait());
    } catch (KvInvalidArgumentException e) {
      throw new InvalidConfigurationPropertyValueException("kv.server.queue", null, e.getMessage());
    }
    KvConnectQueueHandler queueHandler = new KvConnectQueueHandler(handler, database, options);
    if (queueHandler.offered()) {
      log.info("Deno KV: remote queue consumers served (lease {})", options.lease());
    }
    return queueHandler;
  }

  @Bean
  @ConditionalOnMissingBean(name = "kvConnectRouterFunction")
  RouterFunction<ServerResponse> kvConnectRouterFunction(
      KvConnectHandler handler, ObjectProvider<KvConnectQueueHandler> queueHandler) {
    RouterFunction<ServerResponse> routes = handler.routerFunction();
    KvConnectQueueHandler queue = queueHandler.getIfAvailable();
    return queue == null ? routes : routes.and(queue.routerFunction());
  }
}
