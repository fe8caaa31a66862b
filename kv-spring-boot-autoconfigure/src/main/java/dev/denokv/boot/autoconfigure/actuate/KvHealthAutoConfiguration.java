package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.KvBackend;
import dev.denokv.boot.autoconfigure.KvProperties;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The {@code kv} health indicator ({@code management.health.kv.enabled} turns it off). */
@AutoConfiguration(after = KvAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Database.class)
@ConditionalOnEnabledHealthIndicator("kv")
public class KvHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "kvHealthIndicator")
  KvHealthIndicator kvHealthIndicator(Database database, KvProperties properties, Environment environment) {
    Path file = null;
    if (database instanceof SqliteDatabase && !properties.isInMemory()
        && KvBackend.of(environment) == KvBackend.EMBEDDED) {
      file = properties.getPath().toAbsolutePath().normalize();
    }
    return new KvHealthIndicator(database, file, Clock.systemUTC());
  }
}
