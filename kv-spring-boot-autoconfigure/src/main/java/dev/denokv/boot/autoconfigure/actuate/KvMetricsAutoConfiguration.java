package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.KvDatabaseDecorator;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.spi.Database;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer observations and metrics of Deno KV: the {@link dev.denokv.KvTemplate}'s reads, writes
 * and watch set-ups are observations named {@code kv.operations} (timers and spans through the
 * application's {@link ObservationRegistry}; without one but with a {@link MeterRegistry}, timers
 * only), failed checks count in {@code kv.commit.conflicts}, and retried remote requests in
 * {@code kv.remote.retries}.
 */
@AutoConfiguration(
    before = KvAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass({MeterRegistry.class, ObservationRegistry.class})
public class KvMetricsAutoConfiguration {

  @Bean
  KvDatabaseDecorator kvObservationDatabaseDecorator(ObjectProvider<ObservationRegistry> observations,
      ObjectProvider<MeterRegistry> meters, ObjectProvider<KvObservationConvention> convention) {
    return database -> {
      MeterRegistry meterRegistry = meters.getIfUnique();
      ObservationRegistry registry = observations.getIfUnique();
      if (registry == null && meterRegistry != null) {
        registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
      }
      if (registry == null || registry.isNoop()) {
        return database;
      }
      return new ObservedDatabase(database, registry, convention.getIfUnique(KvObservationConvention::new), meterRegistry);
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
