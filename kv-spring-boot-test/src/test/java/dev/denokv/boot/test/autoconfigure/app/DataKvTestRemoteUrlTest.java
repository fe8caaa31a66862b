package dev.denokv.boot.test.autoconfigure.app;

import dev.denokv.boot.test.autoconfigure.AutoConfigureTestKv;
import dev.denokv.boot.test.autoconfigure.DataKvTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Even an application configured for a remote database gets the in-memory one under the slice. */
@DataKvTest(properties = {"kv.url=http://127.0.0.1:9/kv", "kv.access-token=unused"})
class DataKvTestRemoteUrlTest {

  @Autowired
  KvTemplate kv;

  @Autowired
  Database database;

  @Test
  void theRemoteDatabaseIsReplaced() {
    assertThat(database).isInstanceOf(SqliteDatabase.class);
    kv.set(KvKey.of("k"), 1);
    assertThat(kv.get(KvKey.of("k")).value()).isEqualTo(1);
  }
}
