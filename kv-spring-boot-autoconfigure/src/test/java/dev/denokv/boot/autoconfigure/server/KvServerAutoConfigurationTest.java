package dev.denokv.boot.autoconfigure.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.server.KvConnectHandler;
import dev.denokv.server.KvConnectRequestFilter;
import dev.denokv.server.TokenSecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

class KvServerAutoConfigurationTest {

  @TempDir Path dir;

  private WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class, KvServerAutoConfiguration.class))
        .withPropertyValues("kv.path=" + dir.resolve("kv.sqlite3"));
  }

  @Test
  void theServerIsOffByDefault() {
    runner().run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(KvConnectHandler.class).doesNotHaveBean(RouterFunction.class));
  }

  @Test
  void theServerServesTheApplicationsDatabaseWithAnIdKeptNextToTheSqliteFile() {
    runner()
        .withPropertyValues("kv.server.enabled=true", "kv.server.access-tokens=token-1", "kv.server.path=/db")
        .run(context -> {
          assertThat(context).hasSingleBean(KvConnectHandler.class).hasBean("kvConnectRouterFunction");
          KvConnectHandler handler = context.getBean(KvConnectHandler.class);
          assertThat(handler.settings().path()).isEqualTo("/db");
          Path idFile = dir.resolve("kv.sqlite3.kv-connect-id");
          UUID id = handler.databaseId();
          assertThat(Files.readString(idFile).trim()).isEqualTo(id.toString());
        });
  }

  @Test
  void theTokenSecretIsKeptNextToTheSqliteFileForItsOwnerOnlyOrConfigured() {
    runner()
        .withPropertyValues("kv.server.enabled=true", "kv.server.access-tokens=token-1")
        .run(context -> {
          assertThat(context).hasSingleBean(TokenSecretStore.class).hasSingleBean(KvConnectRequestFilter.class);
          Path secretFile = dir.resolve("kv.sqlite3.kv-connect-secret");
          assertThat(secretFile).exists();
          if (Files.getFileAttributeView(secretFile, PosixFileAttributeView.class) != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
          }
        });
    String secret = "a-secret-shared-by-every-instance-0123456789";
    runner()
        .withPropertyValues("kv.server.enabled=true", "kv.server.access-tokens=token-1", "kv.server.token-secret=" + secret)
        .run(context -> assertThat(context.getBean(TokenSecretStore.class).secret())
            .isEqualTo(secret.getBytes(StandardCharsets.UTF_8)));
    runner()
        .withPropertyValues("kv.server.enabled=true", "kv.server.access-tokens=token-1", "kv.server.token-secret=short")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("kv.server.token-secret")
              .message().doesNotContain("short");
        });
  }

  @Test
  void aConfiguredDatabaseIdIsAnnounced() {
    UUID id = UUID.fromString("6f1b7c2e-1d2a-4b3c-9e8f-0a1b2c3d4e5f");
    runner()
        .withPropertyValues("kv.server.enabled=true", "kv.server.access-tokens=t", "kv.server.database-id=" + id)
        .run(context -> assertThat(context.getBean(KvConnectHandler.class).databaseId()).isEqualTo(id));
  }

  @Test
  void theServerNeedsAnAccessToken() {
    runner().withPropertyValues("kv.server.enabled=true").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("kv.server.access-tokens");
    });
  }

  @Test
  void theServerNeedsAServletWebApplication() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class, KvServerAutoConfiguration.class))
        .withPropertyValues("kv.in-memory=true", "kv.server.enabled=true", "kv.server.access-tokens=t")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KvConnectHandler.class));
  }

  @Test
  void theServerNeedsTheServerModule() {
    runner()
        .withClassLoader(new FilteredClassLoader(KvConnectHandler.class))
        .withPropertyValues("kv.server.enabled=true", "kv.server.access-tokens=t")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("kvConnectRouterFunction"));
  }
}
