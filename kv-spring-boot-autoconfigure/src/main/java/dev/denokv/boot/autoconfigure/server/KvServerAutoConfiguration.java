package dev.denokv.boot.autoconfigure.server;

import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.KvProperties;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.server.DatabaseIdStore;
import dev.denokv.server.KvConnectHandler;
import dev.denokv.server.KvConnectLimits;
import dev.denokv.server.KvConnectServerSettings;
import dev.denokv.spi.Database;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the application's {@link Database} over KV Connect (so that Deno programs, the
 * {@code @deno/kv} client and other Java services can use it) when {@code kv.server.enabled=true}
 * in a Spring MVC application. The database id is kept in a file next to the SQLite file
 * ({@code <file>.kv-connect-id}) unless {@code kv.server.database-id} fixes it.
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
    return database.file().map(DatabaseIdStore::besideDatabaseFile).orElseGet(DatabaseIdStore::ephemeral);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  KvConnectHandler kvConnectHandler(Database database, DatabaseIdStore databaseIds, KvProperties properties) {
    KvProperties.Server server = properties.getServer();
    List<String> tokens = server.getAccessTokens();
    if (tokens.isEmpty() || tokens.stream().anyMatch(t -> t == null || t.isBlank())) {
      throw new InvalidConfigurationPropertyValueException(
          "kv.server.access-tokens", null,
          "Serving the database over KV Connect needs at least one non-blank access token.");
    }
    KvConnectServerSettings settings;
    try {
      settings = new KvConnectServerSettings(
          server.getPath(), tokens, server.getTokenTtl(), server.getKeepAliveInterval(), KvConnectLimits.defaults());
    } catch (KvInvalidArgumentException e) {
      throw new InvalidConfigurationPropertyValueException("kv.server", null, e.getMessage());
    }
    KvConnectHandler handler = new KvConnectHandler(database, databaseIds, settings);
    log.info("Deno KV: serving the database over KV Connect at {} ({} access token(s))",
        settings.path(), tokens.size());
    return handler;
  }

  @Bean
  @ConditionalOnMissingBean(name = "kvConnectRouterFunction")
  RouterFunction<ServerResponse> kvConnectRouterFunction(KvConnectHandler handler) {
    return handler.routerFunction();
  }
}
