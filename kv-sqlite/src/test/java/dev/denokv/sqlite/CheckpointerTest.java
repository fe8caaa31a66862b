package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {

  private static final int FRAME = 24 + 4096;
  private static final int WRITERS = 16;

  @TempDir Path dir;

  @Test
  void concurrentWritersCheckpointedOffTheCommitPathKeepTheWalWithinItsLimitAndTheFileWhole() throws Exception {
    Path file = dir.resolve("checkpointed.sqlite3");
    int perWriter = 400;
    long framesWritten;
    try (SqliteDatabase db = SqliteDatabase.open(file, SqliteOptions.defaults(), WritePath.BACKGROUND)) {
      WalIndexHeader wal = WalIndexHeader.open(file);
      assertThat(wal).isNotNull();
      long[] frames = {0};
      int[] last = {wal.lastFrame()};
      db.observeCommits(c -> {
        int now = wal.lastFrame();
        frames[0] += now >= last[0] ? now - last[0] : now;
        last[0] = now;
      });
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          String writer = String.format("%02d", w);
          writers.add(pool.submit(() -> {
            for (int i = 0; i < perWriter; i++) {
              set(db, key("w", writer, String.format("%05d", i)), v8String("value of a small record " + i));
            }
            return null;
          }));
        }
        for (Future<?> f : writers) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      framesWritten = frames[0];
      wal.close();
      for (int w = 0; w < WRITERS; w++) {
        assertThat(get(db, key("w", String.format("%02d", w), String.format("%05d", perWriter - 1))))
            .isNotNull();
      }
      // The WAL started over several times, and never grew far past the limit.
      assertThat(framesWritten).isGreaterThan(3L * Checkpointer.LIMIT_FRAMES);
      assertThat(Files.size(Path.of(file + "-wal")))
          .isLessThan((long) (Checkpointer.LIMIT_FRAMES + 2 * WRITERS * 4) * FRAME);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
    }
    try (SqliteDatabase reopened = SqliteDatabase.open(file)) {
      assertThat(get(reopened, key("w", "15", String.format("%05d", perWriter - 1)))).isNotNull();
    }
  }

  @Test
  void theWriterConnectionLeavesCheckpointsToTheCheckpointerAndOtherConnectionsKeepSqlitesDefault()
      throws Exception {
    Path file = dir.resolve("pragma.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file, SqliteOptions.defaults(), WritePath.BACKGROUND);
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs = other.createStatement().executeQuery("PRAGMA wal_autocheckpoint")) {
      set(db, key("k"), v8String("v"));
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Checkpointer.THRESHOLD_FRAMES);
    }
  }
}
