package dev.denokv.boot.autoconfigure;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.queue.KvQueueListenerRegistrar;
import dev.denokv.spi.Database;
import dev.denokv.value.ValueCodec;
import dev.denokv.value.codec.DenoValueCodec;
import dev.denokv.value.jackson.V8Mapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deno KV: the backend chosen by {@link KvBackend#of}, the {@link V8Mapper} (built from the
 * application's {@link JsonMapper} when there is one), the {@link ValueCodec}, the
 * {@link KvTemplate}, and {@link dev.denokv.annotation.KvQueueListener} methods.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
      "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
      "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration"
    })
@EnableConfigurationProperties(KvProperties.class)
@Import({EmbeddedDatabaseConfiguration.class, RemoteDatabaseConfiguration.class, QueueExecutorConfiguration.class})
public class KvAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  V8Mapper kvV8Mapper(KvProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
    int version = properties.getValueFormatVersion();
    if (version != 15 && version != 16) {
      throw new InvalidConfigurationPropertyValueException(
          "kv.value-format-version", version, "The V8 format version must be 15 or 16.");
    }
    JsonMapper base = jsonMapper.getIfUnique();
    V8Mapper.Builder builder = base == null ? V8Mapper.builder() : V8Mapper.builder(base);
    return builder.formatVersion(version).build();
  }

  @Bean
  @ConditionalOnMissingBean
  ValueCodec kvValueCodec(V8Mapper mapper) {
    return new DenoValueCodec(mapper);
  }

  /** The template does not close the database on shutdown: the database bean does that itself. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  KvTemplate kvTemplate(
      Database database,
      ValueCodec codec,
      KvProperties properties,
      ObjectProvider<KvDatabaseDecorator> decorators,
      ObjectProvider<KvTemplateBuilderCustomizer> customizers) {
    Database decorated = database;
    for (KvDatabaseDecorator decorator : decorators.orderedStream().toList()) {
      decorated = decorator.decorate(decorated);
    }
    if (properties.getQueue().getConcurrency() < 1) {
      throw new InvalidConfigurationPropertyValueException(
          "kv.queue.concurrency", properties.getQueue().getConcurrency(), "At least one worker is needed.");
    }
    KvTemplate.Builder builder = KvTemplate.builder(decorated)
        .valueCodec(codec)
        .defaultConsistency(properties.getDefaultConsistency())
        .queueConcurrency(properties.getQueue().getConcurrency());
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Bean
  static KvQueueListenerRegistrar kvQueueListenerRegistrar(
      ObjectProvider<KvTemplate> template, ObjectProvider<Database> database, Environment environment) {
    int concurrency = environment.getProperty("kv.queue.concurrency", Integer.class, 1);
    return new KvQueueListenerRegistrar(template, database, Math.max(1, concurrency));
  }
}
