package dev.denokv.boot.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TestKvAutoConfigurationTest {

  @TempDir
  static Path dir;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class, TestKvAutoConfiguration.class))
      .withPropertyValues("kv.path=" + dir.resolve("app.sqlite3"));

  @Configuration(proxyBeanMethods = false)
  static class OwnDatabase {
    @Bean(destroyMethod = "close")
    SqliteDatabase appDatabase() {
      return SqliteDatabase.open(dir.resolve("own.sqlite3"));
    }
  }

  private static boolean inMemory(Database database) {
    return ((SqliteDatabase) database).file().isEmpty();
  }

  @Test
  void replacesTheAutoConfiguredDatabase() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Database.class).hasBean("kvDatabase");
      assertThat(inMemory(context.getBean(Database.class))).isTrue();
      assertThat(context.getBean(KvTemplate.class).database()).isSameAs(context.getBean(Database.class));
    });
  }

  @Test
  void replacesTheApplicationsDatabaseUnderAny() {
    runner.withUserConfiguration(OwnDatabase.class).run(context -> {
      assertThat(context).doesNotHaveBean("appDatabase");
      assertThat(inMemory(context.getBean(Database.class))).isTrue();
    });
  }

  @Test
  void keepsTheApplicationsDatabaseUnderAutoConfigured() {
    runner.withUserConfiguration(OwnDatabase.class).withPropertyValues("kv.test.replace=auto-configured")
        .run(context -> {
          assertThat(context).hasBean("appDatabase");
          assertThat(inMemory(context.getBean(Database.class))).isFalse();
        });
    runner.withPropertyValues("kv.test.replace=auto_configured")
        .run(context -> assertThat(inMemory(context.getBean(Database.class))).isTrue());
  }

  @Test
  void replacesNothingUnderNone() {
    runner.withPropertyValues("kv.test.replace=none")
        .run(context -> assertThat(inMemory(context.getBean(Database.class))).isFalse());
  }
}
