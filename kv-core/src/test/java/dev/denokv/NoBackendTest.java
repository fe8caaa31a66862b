package dev.denokv;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvUnsupportedOperationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The core has no backend of its own: the shortcuts name the module to add. */
class NoBackendTest {

  @Test
  void openingAFileWithoutTheSqliteModuleNamesIt() {
    assertThatThrownBy(() -> KvTemplate.open(Path.of("never-created.sqlite3")))
        .isInstanceOf(KvUnsupportedOperationException.class)
        .hasMessage("No backend on the class path opens a file never-created.sqlite3: "
            + "add the dev.denokv:kv-sqlite dependency");
    assertThatThrownBy(KvTemplate::inMemory)
        .isInstanceOf(KvUnsupportedOperationException.class)
        .hasMessageContaining("dev.denokv:kv-sqlite");
  }

  @Test
  void connectingWithoutTheRemoteModuleNamesItAndNeverTheToken() {
    assertThatThrownBy(() -> KvTemplate.connect("https://example.test/kv", "s3cret-token"))
        .isInstanceOf(KvUnsupportedOperationException.class)
        .hasMessage("No backend on the class path opens a KV Connect database at https://example.test/kv: "
            + "add the dev.denokv:kv-remote dependency");
  }

  @Test
  void aMalformedUrlIsAnInvalidArgument() {
    assertThatThrownBy(() -> KvTemplate.connect("http://bad host/", "t"))
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessageStartingWith("Invalid KV Connect URL: ");
  }
}
