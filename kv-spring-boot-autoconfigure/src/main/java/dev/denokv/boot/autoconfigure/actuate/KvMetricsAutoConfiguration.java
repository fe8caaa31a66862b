package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.KvDatabaseDecorator;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.spi.Database;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer metrics of Deno KV when a {@link MeterRegistry} is present: the {@code kv.operations}
 * timer and {@code kv.commit.conflicts} counter of the {@link dev.denokv.KvTemplate}'s operations,
 * and the {@code kv.remote.retries} counter of retried remote requests.
 */
@AutoConfiguration(before = KvAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public class KvMetricsAutoConfiguration {

  @Bean
  KvDatabaseDecorator kvMetricsDatabaseDecorator(ObjectProvider<MeterRegistry> registry) {
    return database -> {
      MeterRegistry meters = registry.getIfUnique();
      return meters == null ? database : new MeteredDatabase(database, meters);
    };
  }

  /** The remote backend's retry counters, when the {@code kv-remote} module is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.denokv.remote.RemoteDatabase")
  static class RemoteRetryMetricsConfiguration {

    @Bean
    MeterBinder kvRemoteRetryMetrics(ObjectProvider<Database> database) {
      return registry -> {
        if (database.getIfUnique() instanceof RemoteDatabase remote) {
          bindRetries(remote.retry(), registry);
        }
      };
    }

    static void bindRetries(Retry retry, MeterRegistry registry) {
      Counter retries = Counter.builder("kv.remote.retries")
          .description("Remote requests retried after a network error or a 5xx answer")
          .register(registry);
      Counter exhausted = Counter.builder("kv.remote.retries.exhausted")
          .description("Remote requests that failed after their last retry")
          .register(registry);
      retry.getEventPublisher().onRetry(event -> retries.increment());
      retry.getEventPublisher().onError(event -> exhausted.increment());
    }
  }
}
