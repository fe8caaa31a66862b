package dev.denokv.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Consistency;
import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.sqlite.SqliteOptions;
import dev.denokv.value.ValueCodec;
import dev.denokv.value.codec.DenoValueCodec;
import dev.denokv.value.jackson.V8Mapper;
import io.github.resilience4j.retry.Retry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class KvAutoConfigurationTest {

  private static final String URL = "https://kv.example.test/databases/1/connect";

  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class))
        .withPropertyValues("kv.path=" + dir.resolve("db/kv.sqlite3"));
  }

  record Link(String targetUrl, String ownerName) {}

  @Test
  void withoutUrlTheEmbeddedSqliteFileIsUsedAndCreated() {
    runner().run(context -> {
      assertThat(context).hasSingleBean(SqliteDatabase.class).doesNotHaveBean(RemoteDatabase.class)
          .doesNotHaveBean(Retry.class);
      KvTemplate kv = context.getBean(KvTemplate.class);
      kv.set(KvKey.of("links", "a"), new Link("https://deno.com", "ann"));
      assertThat(kv.get(KvKey.of("links", "a"), Link.class).value()).isEqualTo(new Link("https://deno.com", "ann"));
      assertThat(dir.resolve("db/kv.sqlite3")).isRegularFile();
    });
  }

  @Test
  void theDatabaseIsClosedWithTheContext() {
    Database[] seen = new Database[1];
    runner().withPropertyValues("kv.in-memory=true").run(context -> seen[0] = context.getBean(Database.class));
    KvTemplate afterClose = KvTemplate.builder(seen[0]).valueCodec(DenoValueCodec.defaults()).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> afterClose.get(KvKey.of("x")))
        .isInstanceOf(dev.denokv.error.KvClosedException.class);
  }

  @Test
  void inMemoryCreatesNoFile() {
    runner().withPropertyValues("kv.in-memory=true").run(context -> {
      context.getBean(KvTemplate.class).set(KvKey.of("k"), 1);
      assertThat(context).hasSingleBean(SqliteDatabase.class);
      assertThat(dir.resolve("db")).doesNotExist();
    });
  }

  @Test
  void aUrlSelectsTheRemoteBackendWithItsRetrySettingsAndExposesTheRetry() {
    runner()
        .withPropertyValues(
            "kv.url=" + URL,
            "kv.access-token=secret-token-123",
            "kv.remote.retry.max-attempts=7",
            "kv.remote.retry.initial-interval=50ms")
        .run(context -> {
          assertThat(context).hasSingleBean(RemoteDatabase.class).doesNotHaveBean(SqliteDatabase.class);
          RemoteDatabase db = context.getBean(RemoteDatabase.class);
          assertThat(db.url()).hasToString(URL);
          Retry retry = context.getBean(Retry.class);
          assertThat(retry).isSameAs(db.retry());
          assertThat(retry.getRetryConfig().getMaxAttempts()).isEqualTo(7);
          assertThat(db.toString()).doesNotContain("secret-token-123");
          assertThat(dir.resolve("db")).doesNotExist();
        });
  }

  @Test
  void theAccessTokenFallsBackToTheDenoEnvironmentVariable() {
    runner()
        .withPropertyValues("kv.url=" + URL, "DENO_KV_ACCESS_TOKEN=from-env")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RemoteDatabase.class));
  }

  @Test
  void theLocalProfileAlwaysUsesTheEmbeddedDatabase() {
    runner()
        .withPropertyValues("kv.url=" + URL, "kv.access-token=t", "spring.profiles.active=local")
        .run(context -> {
          assertThat(context).hasSingleBean(SqliteDatabase.class).doesNotHaveBean(RemoteDatabase.class);
          assertThat(dir.resolve("db/kv.sqlite3")).isRegularFile();
        });
  }

  @Test
  void aUrlWithoutTokenFailsNamingTheProperty() {
    runner()
        .withPropertyValues("kv.url=https://user:pw@kv.example.test/connect?key=abc")
        .run(context -> {
          assertThat(context).hasFailed();
          String message = rootMessage(context.getStartupFailure());
          assertThat(message).contains("kv.access-token").contains("DENO_KV_ACCESS_TOKEN")
              .contains("https://kv.example.test/connect")
              .doesNotContain("pw").doesNotContain("abc");
        });
  }

  @Test
  void aBadUrlFailsNamingTheProperty() {
    runner()
        .withPropertyValues("kv.url=ftp://kv.example.test/connect", "kv.access-token=t")
        .run(context -> assertThat(rootMessage(context.getStartupFailure())).contains("kv.url"));
  }

  @Test
  void aBadRetrySettingFailsNamingTheProperty() {
    runner()
        .withPropertyValues("kv.url=" + URL, "kv.access-token=t", "kv.remote.retry.multiplier=0.5")
        .run(context -> assertThat(rootMessage(context.getStartupFailure()))
            .contains("kv.remote.retry").contains("multiplier"));
  }

  @Test
  void aMalformedUrlFailsWithoutShowingItsCredentials() {
    runner()
        .withPropertyValues("kv.url=ftp://user:hunter2@kv.example.test/connect", "kv.access-token=t")
        .run(context -> assertThat(rootMessage(context.getStartupFailure()))
            .contains("kv.url").doesNotContain("hunter2"));
  }

  @Test
  void anUnusablePathFailsNamingTheProperty() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    runner()
        .withPropertyValues("kv.path=" + file.resolve("kv.sqlite3"))
        .run(context -> assertThat(rootMessage(context.getStartupFailure())).contains("kv.path"));
  }

  @Test
  void aDirectoryAsPathFailsNamingTheProperty() {
    runner()
        .withPropertyValues("kv.path=" + dir)
        .run(context -> assertThat(rootMessage(context.getStartupFailure())).contains("kv.path").contains("directory"));
  }

  @Test
  void anUnknownFormatVersionFailsNamingTheProperty() {
    runner()
        .withPropertyValues("kv.value-format-version=17")
        .run(context -> assertThat(rootMessage(context.getStartupFailure()))
            .contains("kv.value-format-version").contains("15 or 16"));
  }

  @Test
  void formatVersion16IsWritten() {
    runner().withPropertyValues("kv.value-format-version=16", "kv.in-memory=true").run(context -> {
      byte[] bytes = context.getBean(ValueCodec.class).serialize("x");
      assertThat(bytes[0] & 0xff).isEqualTo(0xff);
      assertThat(bytes[1]).isEqualTo((byte) 16);
    });
  }

  @Test
  void propertiesBind() {
    runner()
        .withPropertyValues(
            "kv.default-consistency=eventual",
            "kv.queue.concurrency=3",
            "kv.sqlite.durability=process-crash-safe",
            "kv.sqlite.read-connections=2",
            "kv.remote.connect-timeout=2s",
            "kv.remote.retry.multiplier=1.5",
            "kv.server.access-tokens=a,b",
            "kv.server.token-ttl=10m")
        .run(context -> {
          KvProperties p = context.getBean(KvProperties.class);
          assertThat(p.getDefaultConsistency()).isEqualTo(Consistency.EVENTUAL);
          assertThat(p.getQueue().getConcurrency()).isEqualTo(3);
          assertThat(p.getSqlite().getDurability()).isEqualTo(SqliteOptions.Durability.PROCESS_CRASH_SAFE);
          assertThat(p.getSqlite().getReadConnections()).isEqualTo(2);
          assertThat(p.getRemote().getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(p.getRemote().getRetry().getMultiplier()).isEqualTo(1.5);
          assertThat(p.getServer().getAccessTokens()).containsExactly("a", "b");
          assertThat(p.getServer().getTokenTtl()).isEqualTo(Duration.ofMinutes(10));
          assertThat(p.getPath()).isEqualTo(dir.resolve("db/kv.sqlite3"));
        });
  }

  @Test
  void userBeansWin() {
    runner().withUserConfiguration(UserBeans.class).run(context -> {
      assertThat(context.getBean(Database.class)).isSameAs(context.getBean("myDatabase"));
      assertThat(context.getBean(ValueCodec.class)).isSameAs(context.getBean("myCodec"));
      assertThat(context.getBean(V8Mapper.class)).isSameAs(context.getBean("myMapper"));
      assertThat(context).hasSingleBean(KvTemplate.class);
      assertThat(context.getBean(KvTemplate.class).database()).isSameAs(context.getBean("myDatabase"));
      assertThat(dir.resolve("db")).doesNotExist();
    });
    runner().withUserConfiguration(UserTemplate.class).run(context -> {
      assertThat(context.getBean(KvTemplate.class)).isSameAs(context.getBean("myTemplate"));
      assertThat(context).doesNotHaveBean(Database.class);
      assertThat(dir.resolve("db")).doesNotExist();
    });
    runner().withUserConfiguration(UserTemplate.class)
        .withPropertyValues("kv.url=" + URL, "kv.access-token=secret")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Database.class));
  }

  @Test
  void theValueMapperFollowsTheApplicationsJsonMapper() {
    runner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RestClientAutoConfiguration.class))
        .withPropertyValues("kv.in-memory=true", "spring.jackson.property-naming-strategy=SNAKE_CASE")
        .run(context -> {
          assertThat(context).hasSingleBean(JsonMapper.class);
          KvTemplate kv = context.getBean(KvTemplate.class);
          kv.set(KvKey.of("l"), new Link("https://deno.com", "ann"));
          KvEntry<Map> entry = kv.get(KvKey.of("l"), Map.class);
          assertThat(entry.value()).containsEntry("target_url", "https://deno.com").containsEntry("owner_name", "ann");
        });
  }

  @Test
  void withoutJacksonBeanTheDefaultMapperIsUsed() {
    runner().withPropertyValues("kv.in-memory=true").run(context -> {
      KvTemplate kv = context.getBean(KvTemplate.class);
      kv.set(KvKey.of("l"), new Link("https://deno.com", "ann"));
      assertThat(kv.get(KvKey.of("l"), Map.class).value()).containsEntry("targetUrl", "https://deno.com");
    });
  }

  @Test
  void theRemoteClientIsBuiltFromBootsRestClientBuilder() {
    runner()
        .withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
        .withPropertyValues("kv.url=" + URL, "kv.access-token=t")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RemoteDatabase.class));
  }

  static String rootMessage(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Configuration(proxyBeanMethods = false)
  static class UserBeans {
    @Bean(destroyMethod = "close")
    Database myDatabase() {
      return SqliteDatabase.inMemory();
    }

    @Bean
    V8Mapper myMapper() {
      return V8Mapper.builder().build();
    }

    @Bean
    ValueCodec myCodec(V8Mapper mapper) {
      return new DenoValueCodec(mapper);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserTemplate {
    @Bean(destroyMethod = "close")
    KvTemplate myTemplate() {
      return KvTemplate.builder(SqliteDatabase.inMemory()).valueCodec(DenoValueCodec.defaults()).build();
    }
  }
}
