package dev.denokv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.Versionstamp;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kv backup} of a SQLite file that an application keeps writing to with 16 writers: the
 * copy passes SQLite's integrity check and holds exactly the acknowledged writes up to one commit.
 */
class BackupDuringWritesTest {

  private static final int WRITERS = 16;
  private static final int WRITES_BEFORE = 25;
  private static final int WRITES_AFTER = 25;

  @TempDir
  Path dir;

  @Test
  void theCopyHoldsAPrefixOfTheAcknowledgedWrites() throws Exception {
    Path live = dir.resolve("live.sqlite3");
    Path copy = dir.resolve("copy.sqlite3");
    Map<KvKey, Versionstamp> acknowledged = new ConcurrentHashMap<>();
    CountDownLatch warmedUp = new CountDownLatch(WRITERS);
    CountDownLatch backupDone = new CountDownLatch(1);
    CountDownLatch continued = new CountDownLatch(WRITERS);
    AtomicBoolean stop = new AtomicBoolean();
    Cli.Run backup;
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try (KvTemplate application = KvTemplate.builder(SqliteDatabase.open(live)).build()) {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          int afterBackup = 0;
          for (int i = 0; !stop.get(); i++) {
            KvKey key = KvKey.of("writer", writer, i);
            acknowledged.put(key, application.set(key, "payload " + writer + "/" + i + " " + "x".repeat(200)));
            if (i + 1 == WRITES_BEFORE) {
              warmedUp.countDown();
            }
            if (backupDone.getCount() == 0 && ++afterBackup == WRITES_AFTER) {
              continued.countDown();
            }
          }
          return null;
        }));
      }
      assertThat(warmedUp.await(120, TimeUnit.SECONDS)).isTrue();

      backup = new Cli().run("backup", "--path", live.toString(), copy.toString());

      backupDone.countDown();
      assertThat(continued.await(120, TimeUnit.SECONDS)).isTrue();
      stop.set(true);
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(backup.exitCode()).as(backup.err()).isZero();
    assertThat(backup.line()).startsWith("backup of " + live + " written to " + copy).endsWith("integrity check ok");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    Map<KvKey, Versionstamp> copied = new HashMap<>();
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(copy)).build()) {
      for (KvEntry<Object> e : kv.list(ListSelector.prefix(KvKey.EMPTY), Object.class)) {
        copied.put(e.key(), e.versionstamp());
      }
    }
    Versionstamp last = copied.values().stream().max(Versionstamp::compareTo).orElseThrow();
    Map<KvKey, Versionstamp> acknowledgedUpToLast = new HashMap<>();
    acknowledged.forEach((key, stamp) -> {
      if (stamp.compareTo(last) <= 0) {
        acknowledgedUpToLast.put(key, stamp);
      }
    });
    assertThat(copied).hasSizeGreaterThanOrEqualTo(WRITERS * WRITES_BEFORE).isEqualTo(acknowledgedUpToLast);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(copied.size() + WRITERS * WRITES_AFTER);
  }
}
