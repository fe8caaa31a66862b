package dev.denokv.boot.autoconfigure.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.key.KvKey;
import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.testing.PostgresCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Credentials checked by a real PostgreSQL server that asks the application's role for its
 * password ({@code scram-sha-256} over TCP): a wrong password fails the start-up with Spring Boot's
 * failure report naming {@code kv.postgres.password}, without printing either password; the right
 * one starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class KvPostgresCredentialsTest {

  private static final String ROLE = "kv_app_" + ProcessHandle.current().pid();
  private static final String PASSWORD = "Right-Pa55word-for-kv";
  private static final String WRONG = "Wrong-Pa55word-for-kv";
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void role() {
    url = PostgresCluster.shared().createPasswordRole(ROLE, PASSWORD);
  }

  @Configuration(proxyBeanMethods = false)
  @Import({KvPostgresAutoConfiguration.class, KvAutoConfiguration.class})
  static class App {}

  private ConfigurableApplicationContext run(String password) {
    return run("--kv.postgres.url=" + url, "--kv.postgres.username=" + ROLE, "--kv.postgres.password=" + password);
  }

  private ConfigurableApplicationContext run(String... connection) {
    return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
        .properties("kv.path=" + dir.resolve("kv.sqlite3"), "kv.postgres.pool-size=3", "spring.main.banner-mode=off")
        .run(connection);
  }

  @Test
  void aWrongPasswordFailsWithAReportNamingKvPostgresPasswordAndNeverThePassword(CapturedOutput output) {
    assertThatThrownBy(() -> run(WRONG)).satisfies(e -> {
          InvalidConfigurationPropertyValueException invalid = invalid(e);
          assertThat(invalid.getName()).isEqualTo("kv.postgres.password");
          assertThat(invalid.getValue()).isEqualTo("<hidden>");
        });
    assertThat(output.toString()).contains("APPLICATION FAILED TO START")
        .contains("kv.postgres.password").contains("password authentication failed")
        .doesNotContain(WRONG).doesNotContain(PASSWORD);
  }

  @Test
  void aWrongPasswordInTheUrlIsNeverPrintedEither(CapturedOutput output) {
    assertThatThrownBy(() -> run("--kv.postgres.url=" + url + "?user=" + ROLE + "&password=" + WRONG))
        .satisfies(e -> assertThat(invalid(e).getName()).isEqualTo("kv.postgres.password"));
    assertThat(output.toString()).contains("APPLICATION FAILED TO START").contains("kv.postgres.password")
        .doesNotContain(WRONG);
  }

  @Test
  void theRightPasswordStarts(CapturedOutput output) {
    try (ConfigurableApplicationContext context = run(PASSWORD)) {
      assertThat(context.getBean(PostgresDatabase.class)).isNotNull();
      KvTemplate kv = context.getBean(KvTemplate.class);
      kv.set(KvKey.of("signed", "in"), "with a password");
      assertThat(kv.get(KvKey.of("signed", "in"), String.class).value()).isEqualTo("with a password");
    }
    assertThat(output.toString()).doesNotContain(PASSWORD);
  }

  private static InvalidConfigurationPropertyValueException invalid(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigurationPropertyValueException e) {
        return e;
      }
    }
    throw new AssertionError("no InvalidConfigurationPropertyValueException in " + failure);
  }
}
