package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.spi.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code kv} health indicator ({@code management.health.kv.enabled} turns it off). */
@AutoConfiguration(after = KvAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Database.class)
@ConditionalOnEnabledHealthIndicator("kv")
public class KvHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "kvHealthIndicator")
  KvHealthIndicator kvHealthIndicator(Database database) {
    Path file = database.file().orElse(null);
    return new KvHealthIndicator(database, file, Clock.systemUTC());
  }
}
