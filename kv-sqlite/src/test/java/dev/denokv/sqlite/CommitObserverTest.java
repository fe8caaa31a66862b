package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8Number;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitObserverTest {

  @TempDir Path dir;

  @Test
  void everyCommittedWriteIsReportedInExactlyOneBatchUntilTheObserverIsRemoved() throws Exception {
    int writers = 8;
    int perWriter = 50;
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("observed.sqlite3"))) {
      List<BatchCommit> batches = new CopyOnWriteArrayList<>();
      Semaphore reported = new Semaphore(0);
      db.observeCommits(b -> {
        batches.add(b);
        reported.release(b.writes());
      });
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          String writer = "w" + w;
          futures.add(pool.submit(() -> {
            for (int i = 0; i < perWriter; i++) {
              set(db, key(writer, "" + i), v8Number(i));
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      // a batch is reported just after its writers were answered
      assertThat(reported.tryAcquire(writers * perWriter, 30, TimeUnit.SECONDS)).isTrue();
      // the expiry sweep that runs once at open is a batch of the writer too, and may be reported
      assertThat(batches.stream().mapToInt(BatchCommit::writes).sum())
          .isBetween(writers * perWriter, writers * perWriter + 1);
      assertThat(batches).allSatisfy(b -> {
        assertThat(b.writes()).isBetween(1, writers + 1);
        assertThat(b.sqlNanos()).isNotNegative();
        assertThat(b.commitNanos()).isPositive();
        assertThat(b.completeNanos()).isNotNegative();
      });

      db.observeCommits(null);
      int seen = batches.size();
      set(db, key("after"), v8Number(1));
      assertThat(batches).hasSize(seen);
    }
  }
}
