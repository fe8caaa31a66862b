package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shortcuts of {@code Deno.openKv} find the SQLite backend on the class path. */
class OpeningTest {

  @Test
  void openCreatesAFileDatabaseThatKeepsItsEntries(@TempDir Path dir) {
    Path file = dir.resolve("app.sqlite3");
    try (KvTemplate kv = KvTemplate.open(file)) {
      assertThat(kv.database()).isInstanceOf(SqliteDatabase.class);
      assertThat(kv.database().file()).contains(file.toAbsolutePath());
      kv.set(KvKey.of("users", 1), "ada");
    }
    try (KvTemplate kv = KvTemplate.open(file)) {
      assertThat(kv.get(KvKey.of("users", 1)).value()).isEqualTo("ada");
    }
  }

  @Test
  void inMemoryDatabasesAreSeparateAndHaveNoFile() {
    try (KvTemplate a = KvTemplate.inMemory(); KvTemplate b = KvTemplate.inMemory()) {
      a.set(KvKey.of("k"), 1);
      assertThat(b.get(KvKey.of("k")).exists()).isFalse();
      assertThat(a.database().file()).isEmpty();
    }
  }

  @Test
  void aKvConnectUrlNeedsTheRemoteModule() {
    assertThatThrownBy(() -> KvTemplate.connect("http://localhost:4512", "token"))
        .isInstanceOf(KvUnsupportedOperationException.class)
        .hasMessageContaining("dev.denokv:kv-remote")
        .hasMessageNotContaining("token\"");
  }
}
