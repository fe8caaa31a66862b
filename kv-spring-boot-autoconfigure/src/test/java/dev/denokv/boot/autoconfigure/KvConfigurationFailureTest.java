package dev.denokv.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.remote.RemoteDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A rejected setting fails the start-up naming its own property and value, reported by Spring
 * Boot's failure analysis; connection details from elsewhere select the remote backend.
 */
@ExtendWith(OutputCaptureExtension.class)
class KvConfigurationFailureTest {

  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class))
        .withPropertyValues("kv.path=" + dir.resolve("kv.sqlite3"));
  }

  private static InvalidConfigurationPropertyValueException invalid(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigurationPropertyValueException e) {
        return e;
      }
    }
    throw new AssertionError("no InvalidConfigurationPropertyValueException in " + failure);
  }

  @Test
  void eachSqliteSettingIsNamedOnItsOwn() {
    runner().withPropertyValues("kv.sqlite.read-connections=0").run(context -> {
      InvalidConfigurationPropertyValueException e = invalid(context.getStartupFailure());
      assertThat(e.getName()).isEqualTo("kv.sqlite.read-connections");
      assertThat(e.getValue()).isEqualTo(0);
    });
    runner().withPropertyValues("kv.sqlite.busy-timeout=0s").run(context ->
        assertThat(invalid(context.getStartupFailure()).getName()).isEqualTo("kv.sqlite.busy-timeout"));
    runner().withPropertyValues("kv.sqlite.queue-reservation=-1s").run(context ->
        assertThat(invalid(context.getStartupFailure()).getName()).isEqualTo("kv.sqlite.queue-reservation"));
  }

  @Test
  void eachRemoteSettingIsNamedOnItsOwn() {
    String[] remote = {"kv.url=https://kv.example.test/connect", "kv.access-token=t"};
    runner().withPropertyValues(remote).withPropertyValues("kv.remote.retry.max-interval=100ms").run(context ->
        assertThat(invalid(context.getStartupFailure()).getName()).isEqualTo("kv.remote.retry.max-interval"));
    runner().withPropertyValues(remote).withPropertyValues("kv.remote.retry.initial-interval=0ms").run(context ->
        assertThat(invalid(context.getStartupFailure()).getName()).isEqualTo("kv.remote.retry.initial-interval"));
    runner().withPropertyValues(remote).withPropertyValues("kv.remote.retry.max-attempts=0").run(context ->
        assertThat(invalid(context.getStartupFailure()).getName()).isEqualTo("kv.remote.retry.max-attempts"));
    runner().withPropertyValues(remote).withPropertyValues("kv.remote.connect-timeout=0s").run(context ->
        assertThat(invalid(context.getStartupFailure()).getName()).isEqualTo("kv.remote.connect-timeout"));
  }

  @Configuration(proxyBeanMethods = false)
  @Import(KvAutoConfiguration.class)
  static class App {}

  @Test
  void bootsFailureReportNamesThePropertyAndItsValue(CapturedOutput output) {
    assertThatThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
        .run("--kv.path=" + dir.resolve("kv.sqlite3"), "--kv.sqlite.read-connections=0", "--spring.main.banner-mode=off"))
        .isNotNull();
    assertThat(output.toString()).contains("APPLICATION FAILED TO START")
        .contains("Invalid value '0' for configuration property 'kv.sqlite.read-connections'");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class WebApp {}

  @Test
  void aRefusedSecretIsReportedWithoutItsValue(CapturedOutput output) {
    String secret = "too-short-but-secret";
    assertThatThrownBy(() -> new SpringApplicationBuilder(WebApp.class).web(WebApplicationType.SERVLET)
        .run("--server.port=0", "--kv.in-memory=true", "--kv.server.enabled=true", "--kv.server.access-tokens=t",
            "--kv.server.token-secret=" + secret, "--spring.main.banner-mode=off"))
        .isNotNull();
    assertThat(output.toString()).contains("APPLICATION FAILED TO START")
        .contains("for configuration property 'kv.server.token-secret' (the configured value is not shown)")
        .contains("at least 32 bytes").doesNotContain(secret);
  }

  @Test
  void connectionDetailsFromElsewhereSelectTheRemoteBackend() {
    KvConnectionDetails details = new KvConnectionDetails() {
      @Override
      public String getUrl() {
        return "https://kv.example.test/databases/2/connect";
      }

      @Override
      public String getAccessToken() {
        return "from-a-service-binding";
      }
    };
    runner().withBean(KvConnectionDetails.class, () -> details).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(dev.denokv.spi.Database.class)).isInstanceOf(RemoteDatabase.class);
      assertThat(context.getBean(RemoteDatabase.class).url().toString())
          .isEqualTo("https://kv.example.test/databases/2/connect");
      assertThat(dir.resolve("kv.sqlite3")).doesNotExist();
    });
    runner().withBean(KvConnectionDetails.class, () -> details).withPropertyValues("spring.profiles.active=local")
        .run(context -> assertThat(context.getBean(dev.denokv.spi.Database.class)).isNotInstanceOf(RemoteDatabase.class));
  }

  @Test
  void theUrlPropertyBecomesTheConnectionDetails() {
    runner().withPropertyValues("kv.url=https://kv.example.test/databases/3/connect", "kv.access-token=tok")
        .run(context -> {
          KvConnectionDetails details = context.getBean(KvConnectionDetails.class);
          assertThat(details.getUrl()).isEqualTo("https://kv.example.test/databases/3/connect");
          assertThat(details.getAccessToken()).isEqualTo("tok");
        });
  }
}
