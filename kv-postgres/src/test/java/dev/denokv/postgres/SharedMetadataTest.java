package dev.denokv.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.spi.SharedMetadata;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The id and secrets a PostgreSQL database keeps in its schema for every instance, on a real
 * server: instances that ask for a secret first at the same moment all get the one that was stored.
 */
class SharedMetadataTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<PostgresDatabase> opened = new ArrayList<>();

  @AfterEach
  void close() {
    threads.shutdownNow();
    opened.forEach(PostgresDatabase::close);
  }

  private PostgresDatabase open(String schema) {
    PostgresDatabase db = Instances.open(schema);
    synchronized (opened) {
      opened.add(db);
    }
    return db;
  }

  @Test
  void instancesAskingForASecretFirstAtOnceAllGetTheOneStored() throws Exception {
    String schema = Instances.newSchema();
    int n = 6;
    CyclicBarrier together = new CyclicBarrier(n);
    List<Future<byte[]>> secrets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      secrets.add(threads.submit(() -> {
        PostgresDatabase db = open(schema);
        together.await(60, TimeUnit.SECONDS);
        return db.secret("kv-connect.token-secret");
      }));
    }
    byte[] first = secrets.get(0).get(90, TimeUnit.SECONDS);
    assertThat(first).hasSize(SharedMetadata.SECRET_BYTES);
    for (Future<byte[]> s : secrets) {
      assertThat(s.get(90, TimeUnit.SECONDS)).isEqualTo(first);
    }
    try (Connection c = DriverManager.getConnection(PostgresConformanceTest.url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select value from " + schema + ".kv_meta where name like 'secret:%'")) {
      assertThat(rs.next()).isTrue();
      assertThat(Base64.getDecoder().decode(rs.getString(1))).isEqualTo(first);
      assertThat(rs.next()).as("one secret row").isFalse();
    }
    PostgresDatabase later = open(schema);
    assertThat(later.secret("kv-connect.token-secret")).as("an instance opened later").isEqualTo(first);
    assertThat(later.sharedMetadata()).containsSame(later);
    assertThat(later.toString()).doesNotContain(Base64.getEncoder().encodeToString(first));
  }

  @Test
  void secretsAreKeptPerNameAndPerSchemaAndNamesAreChecked() {
    PostgresDatabase a = open(Instances.newSchema());
    PostgresDatabase b = open(Instances.newSchema());
    byte[] one = a.secret("one");
    assertThat(a.secret("two")).isNotEqualTo(one);
    assertThat(b.secret("one")).as("another schema, another database").isNotEqualTo(one);
    assertThat(a.databaseId()).isNotEqualTo(b.databaseId());
    assertThatThrownBy(() -> a.secret("database_id")).isInstanceOf(KvInvalidArgumentException.class);
    assertThatThrownBy(() -> a.secret("")).isInstanceOf(KvInvalidArgumentException.class);
  }
}
