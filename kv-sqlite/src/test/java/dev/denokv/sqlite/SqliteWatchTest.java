package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Versionstamp;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchSubscription;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteWatchTest {

  @TempDir Path dir;

  @Test
  void firstEmissionHoldsEveryKeyThenOnlyChangesAreFlagged() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      Versionstamp va = set(db, key("a"), v8String("a1"));
      Recorder rec = new Recorder();
      try (WatchSubscription sub = db.watch(List.of(key("a"), key("b")), rec)) {
        List<WatchKeyOutput> first = rec.next(5);
        assertThat(first).hasSize(2);
        assertThat(first.get(0).changed()).isTrue();
        assertThat(first.get(0).entry().versionstamp()).isEqualTo(va);
        assertThat(first.get(1)).isEqualTo(new WatchKeyOutput(true, null));

        Versionstamp vb = set(db, key("b"), v8String("b1"));
        List<WatchKeyOutput> second = rec.next(5);
        assertThat(second.get(0).changed()).isFalse();
        assertThat(second.get(1).changed()).isTrue();
        assertThat(second.get(1).entry().versionstamp()).isEqualTo(vb);
        assertThat(second.get(1).entry().value()).isEqualTo(v8String("b1"));

        commit(db, mutations(Mutation.delete(key("a"))));
        List<WatchKeyOutput> third = rec.next(5);
        assertThat(third.get(0)).isEqualTo(new WatchKeyOutput(true, null));
      }
      assertThat(rec.error).isNull();
    }
  }

  @Test
  void writesToOtherKeysDoNotWakeTheWatcher() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      Recorder rec = new Recorder();
      try (WatchSubscription sub = db.watch(List.of(key("w")), rec)) {
        rec.next(5);
        for (int i = 0; i < 20; i++) {
          set(db, key("other", "" + i), v8Number(i));
        }
        assertThat(rec.poll(300)).isNull();
        set(db, key("w"), v8Number(1));
        assertThat(rec.next(5).get(0).changed()).isTrue();
      }
    }
  }

  @Test
  void rapidWritesCoalesceToTheLatestStateAndEmissionsNeverOverlap() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      Recorder rec = new Recorder();
      rec.delayMs = 40;
      byte[] k = key("counter");
      Versionstamp last = null;
      try (WatchSubscription sub = db.watch(List.of(k), rec)) {
        rec.next(5);
        for (int i = 1; i <= 100; i++) {
          last = set(db, k, v8Number(i));
        }
        Versionstamp seen = null;
        int emissions = 0;
        while (!last.equals(seen)) {
          RawEntry e = rec.next(5).get(0).entry();
          Versionstamp vs = e.versionstamp();
          if (seen != null) {
            assertThat(vs).as("never a stale state").isGreaterThan(seen);
          }
          seen = vs;
          emissions++;
        }
        assertThat(emissions).as("coalesced").isLessThan(100);
        assertThat(rec.poll(200)).isNull();
      }
      assertThat(rec.maxActive.get()).isEqualTo(1);
    }
  }

  @Test
  void theSweeperWakesWatchersOfExpiredKeys() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      byte[] k = key("ttl");
      commit(db, mutations(Mutation.set(k, v8String("soon gone"), System.currentTimeMillis() + 200)));
      Recorder rec = new Recorder();
      try (WatchSubscription sub = db.watch(List.of(k), rec)) {
        assertThat(rec.next(5).get(0).entry()).isNotNull();
        assertThat(rec.next(5).get(0)).isEqualTo(new WatchKeyOutput(true, null));
      }
    }
  }

  @Test
  void commitsOfAnotherConnectionToTheFileWakeTheWatcher() throws Exception {
    Path file = dir.resolve("watch.sqlite3");
    try (SqliteDatabase watcher = SqliteDatabase.open(file); SqliteDatabase writer = SqliteDatabase.open(file)) {
      Recorder rec = new Recorder();
      try (WatchSubscription sub = watcher.watch(List.of(key("x")), rec)) {
        assertThat(rec.next(5).get(0).entry()).isNull();
        Versionstamp vs = set(writer, key("x"), v8String("from elsewhere"));
        RawEntry e = rec.next(5).get(0).entry();
        assertThat(e.versionstamp()).isEqualTo(vs);
        assertThat(e.value()).isEqualTo(v8String("from elsewhere"));
      }
    }
  }

  @Test
  void closingTheSubscriptionStopsEmissions() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      Recorder rec = new Recorder();
      WatchSubscription sub = db.watch(List.of(key("c")), rec);
      rec.next(5);
      sub.close();
      set(db, key("c"), v8Number(1));
      assertThat(rec.poll(300)).isNull();
    }
  }
}
