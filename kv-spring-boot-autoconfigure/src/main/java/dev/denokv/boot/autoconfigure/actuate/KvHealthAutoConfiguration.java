package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.spi.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code kv} health indicator ({@code management.health.kv.enabled} turns it off,
 * {@code management.health.kv.cache-time} sets how long a result is reused, 5 seconds by default).
 */
@AutoConfiguration(after = KvAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Database.class)
@ConditionalOnEnabledHealthIndicator("kv")
public class KvHealthAutoConfiguration {

  /** How long one check's result is reused. */
  static final String CACHE_TIME = "management.health.kv.cache-time";

  @Bean
  @ConditionalOnMissingBean(name = "kvHealthIndicator")
  KvHealthIndicator kvHealthIndicator(Database database, Environment environment) {
    Path file = database.file().orElse(null);
    Duration cacheTime = Binder.get(environment).bind(CACHE_TIME, Duration.class).orElse(Duration.ofSeconds(5));
    if (cacheTime.isNegative()) {
      throw new InvalidConfigurationPropertyValueException(CACHE_TIME, cacheTime, "It must not be negative.");
    }
    return new KvHealthIndicator(database, file, Clock.systemUTC(), cacheTime);
  }
}
