package dev.denokv.boot.test.autoconfigure.app;

import dev.denokv.boot.test.autoconfigure.AutoConfigureTestKv;
import dev.denokv.boot.test.autoconfigure.DataKvTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code replace = NONE}: the test uses the database the configuration names (here a fresh temporary file). */
@DataKvTest
@AutoConfigureTestKv(replace = AutoConfigureTestKv.Replace.NONE)
class ReplaceNoneTest {

  static final Path FILE;

  static {
    try {
      FILE = Files.createTempDirectory("kv-replace-none").resolve("kv.sqlite3");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void path(DynamicPropertyRegistry registry) {
    registry.add("kv.path", FILE::toString);
  }

  @Autowired
  Database database;

  @Test
  void theConfiguredFileIsUsed() {
    assertThat(((SqliteDatabase) database).file()).contains(FILE.toAbsolutePath());
    assertThat(Files.exists(FILE)).isTrue();
  }
}
