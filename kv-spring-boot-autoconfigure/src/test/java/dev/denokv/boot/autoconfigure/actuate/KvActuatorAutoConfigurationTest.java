package dev.denokv.boot.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.key.KvKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KvActuatorAutoConfigurationTest {

  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            KvAutoConfiguration.class, KvHealthAutoConfiguration.class, KvMetricsAutoConfiguration.class))
        .withPropertyValues("kv.path=" + dir.resolve("kv.sqlite3"));
  }

  @Test
  void theHealthIndicatorReportsTheWritableSqliteFile() {
    runner().run(context -> {
      Health health = context.getBean("kvHealthIndicator", HealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("backend", "embedded")
          .containsEntry("path", dir.resolve("kv.sqlite3").toString());
    });
  }

  @Test
  void theHealthIndicatorReportsTheFileOfTheApplicationsOwnDatabase() {
    Path own = dir.resolve("own/app.sqlite3");
    runner().withBean("myDatabase", dev.denokv.spi.Database.class, () -> {
      try {
        java.nio.file.Files.createDirectories(own.getParent());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return dev.denokv.sqlite.SqliteDatabase.open(own);
    }).run(context -> {
      Health health = context.getBean("kvHealthIndicator", HealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("path", own.toString());
      assertThat(dir.resolve("kv.sqlite3")).doesNotExist();
    });
  }

  @Test
  void theHealthIndicatorIsDownWhenTheDatabaseIsClosed() {
    runner().withPropertyValues("kv.in-memory=true").run(context -> {
      context.getBean(dev.denokv.spi.Database.class).close();
      Health health = context.getBean("kvHealthIndicator", HealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    });
  }

  @Test
  void withoutHealthSupportThereIsNoHealthIndicator() {
    runner()
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KvHealthIndicator.class)
            .hasSingleBean(KvTemplate.class));
  }

  @Test
  void theHealthIndicatorCanBeTurnedOff() {
    runner().withPropertyValues("management.health.kv.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(KvHealthIndicator.class));
  }

  @Test
  void templateOperationsAreTimedAndConflictsCounted() {
    runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      KvTemplate kv = context.getBean(KvTemplate.class);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      kv.set(KvKey.of("a"), 1);
      kv.get(KvKey.of("a"));
      boolean ok = kv.atomic().check(KvKey.of("a"), null).set(KvKey.of("a"), 2).commit().ok();
      assertThat(ok).isFalse();
      assertThat(meters.get("kv.operations").tags("operation", "write", "outcome", "success").timer().count())
          .isEqualTo(1);
      assertThat(meters.get("kv.operations").tags("operation", "read", "outcome", "success").timer().count())
          .isEqualTo(1);
      assertThat(meters.get("kv.operations").tags("operation", "write", "outcome", "conflict").timer().count())
          .isEqualTo(1);
      assertThat(meters.get("kv.commit.conflicts").counter().count()).isEqualTo(1.0);
    });
  }

  @Test
  void withoutMeterRegistryTheTemplateIsNotWrapped() {
    runner().run(context -> assertThat(context.getBean(KvTemplate.class).database())
        .isSameAs(context.getBean(dev.denokv.spi.Database.class)));
  }

  @Test
  void remoteRetriesAreCountedAndAnUnreachableServerIsDown() {
    runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(
            "kv.url=http://127.0.0.1:1/connect",
            "kv.access-token=t",
            "kv.remote.retry.initial-interval=10ms",
            "kv.remote.retry.max-attempts=3")
        .run(context -> {
          MeterRegistry meters = context.getBean(MeterRegistry.class);
          context.getBean("kvRemoteRetryMetrics", MeterBinder.class).bindTo(meters);
          Health health = context.getBean("kvHealthIndicator", HealthIndicator.class).health(true);
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.toString()).doesNotContain("kv.access-token=t");
          assertThat(meters.get("kv.remote.retries").counter().count()).isEqualTo(2.0);
          assertThat(meters.get("kv.remote.retries.exhausted").counter().count()).isEqualTo(1.0);
        });
  }
}
