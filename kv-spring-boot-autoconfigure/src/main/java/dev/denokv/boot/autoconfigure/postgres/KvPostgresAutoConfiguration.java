package dev.denokv.boot.autoconfigure.postgres;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.KvProperties;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.PostgresOptions;
import dev.denokv.postgres.PostgresSchemaException;
import dev.denokv.spi.Database;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL backend (see {@link KvPostgresProperties}): the {@code Database} bean and a health
 * indicator for the primary and the replica. The database keeps its id and the KV Connect server's
 * token-signing secret in its schema, so that every server instance announces the same id and
 * accepts the others' tokens. Start-up failures name the property to fix.
 */
@AutoConfiguration(
    before = KvAutoConfiguration.class,
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(PostgresDatabase.class)
@Conditional(OnPostgresBackendCondition.class)
@EnableConfigurationProperties({KvPostgresProperties.class, KvProperties.class})
public class KvPostgresAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KvPostgresAutoConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean({Database.class, KvTemplate.class})
  PostgresDatabase kvDatabase(KvPostgresProperties properties, ObjectProvider<DataSource> dataSources) {
    PostgresOptions options;
    try {
      options = PostgresOptions.defaults().withSchema(properties.getSchema())
          .withInitializeSchema(properties.isInitializeSchema());
    } catch (KvInvalidArgumentException e) {
      throw new InvalidConfigurationPropertyValueException("kv.postgres.schema", properties.getSchema(), e.getMessage());
    }
    PostgresDatabase.Builder builder = PostgresDatabase.builder().options(options)
        .username(properties.getUsername()).password(properties.getPassword())
        .replicaUrl(properties.getReplicaUrl());
    try {
      builder.poolSize(properties.getPoolSize());
    } catch (KvInvalidArgumentException e) {
      throw new InvalidConfigurationPropertyValueException("kv.postgres.pool-size", properties.getPoolSize(), e.getMessage());
    }
    String where;
    if (properties.isUseDataSource()) {
      DataSource dataSource = dataSources.getIfUnique();
      if (dataSource == null) {
        throw new InvalidConfigurationPropertyValueException("kv.postgres.use-data-source", true,
            "The application has no single DataSource bean; set kv.postgres.url instead.");
      }
      builder.dataSource(dataSource);
      where = "the application's DataSource";
    } else {
      builder.url(properties.getUrl());
      where = withoutCredentials(properties.getUrl());
    }
    try {
      PostgresDatabase database = builder.build();
      log.info("Deno KV: PostgreSQL database at {}, schema {}{}", where, properties.getSchema(),
          database.hasReplica() ? ", eventual reads from the replica" : "");
      return database;
    } catch (PostgresSchemaException e) {
      throw new InvalidConfigurationPropertyValueException("kv.postgres.schema", properties.getSchema(), e.getMessage());
    } catch (RuntimeException e) {
      throw failure(properties, e);
    }
  }

  /** The failure of opening the database, naming the property to fix. */
  private static RuntimeException failure(KvPostgresProperties properties, RuntimeException e) {
    String state = sqlState(e);
    String reason = e.getMessage();
    if (state != null && (state.equals("28P01") || state.equals("28000"))) {
      return new InvalidConfigurationPropertyValueException("kv.postgres.password", "<hidden>",
          "PostgreSQL refused the credentials of kv.postgres.username: " + reason);
    }
    if (state != null && state.equals("3D000")) {
      return new InvalidConfigurationPropertyValueException("kv.postgres.url",
          withoutCredentials(properties.getUrl()), "The database does not exist: " + reason);
    }
    if (properties.isUseDataSource()) {
      return new InvalidConfigurationPropertyValueException("kv.postgres.use-data-source", true,
          "The application's DataSource cannot reach PostgreSQL: " + reason);
    }
    return new InvalidConfigurationPropertyValueException("kv.postgres.url",
        withoutCredentials(properties.getUrl()), "PostgreSQL cannot be reached: " + reason);
  }

  private static @Nullable String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException se && se.getSQLState() != null) {
        return se.getSQLState();
      }
    }
    return null;
  }

  /** The URL without a password parameter. */
  static String withoutCredentials(@Nullable String url) {
    if (url == null) {
      return "";
    }
    return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***").replaceAll("//[^/@]*@", "//");
  }

  /** The {@code kv} health indicator for PostgreSQL. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("kv")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "kvHealthIndicator")
    PostgresHealthIndicator kvHealthIndicator(PostgresDatabase database) {
      return new PostgresHealthIndicator(database);
    }
  }
}
