package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Versionstamp;
import dev.denokv.error.KvMutationException;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.RawEntry;
import dev.denokv.value.KvU64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

  private static final int THREADS = 16;

  @TempDir Path dir;

  @Test
  void concurrentCommitsGetDistinctIncreasingVersionstampsAndAllPersist() throws Exception {
    int perThread = 150;
    Path file = dir.resolve("group.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      List<List<Versionstamp>> stamps = runConcurrently(t -> {
        List<Versionstamp> mine = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          mine.add(set(db, key("t" + t, "" + i), v8Number(i)));
        }
        return mine;
      });
      Set<Versionstamp> all = new HashSet<>();
      for (int t = 0; t < THREADS; t++) {
        List<Versionstamp> mine = stamps.get(t);
        for (int i = 0; i < perThread; i++) {
          if (i > 0) {
            assertThat(mine.get(i)).isGreaterThan(mine.get(i - 1));
          }
          assertThat(get(db, key("t" + t, "" + i)).versionstamp()).isEqualTo(mine.get(i));
        }
        all.addAll(mine);
      }
      assertThat(all).hasSize(THREADS * perThread);
    }
  }

  @Test
  void aThreadsWritesCommitInTheOrderItMadeThemAsynchronousOrNot() {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      byte[] k = key("order");
      for (int i = 0; i < 60_000; i += 2) {
        var earlier = db.atomicWriteAsync(mutations(Mutation.set(k, v8Number(i), 0)));
        Versionstamp later = set(db, k, v8Number(i + 1));
        CommitResult first = earlier.join();
        assertThat(((CommitResult.Committed) first).versionstamp()).isLessThan(later);
        assertThat(get(db, k).value()).isEqualTo(v8Number(i + 1));
      }
    }
  }

  @Test
  void checksAreHonouredBetweenWritesOfOneBatch() throws Exception {
    int increments = 10;
    byte[] counter = key("counter");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("cas.sqlite3"))) {
      AtomicInteger conflicts = new AtomicInteger();
      runConcurrently(t -> {
        for (int i = 0; i < increments; i++) {
          while (true) {
            RawEntry e = get(db, counter);
            long current = e == null ? 0 : KvU64.fromLittleEndian(e.value().data()).bits();
            CommitResult r = db.atomicWrite(checked(List.of(new Check(counter, e == null ? null : e.versionstamp())),
                Mutation.set(counter, u64(current + 1), 0)));
            if (r instanceof CommitResult.Committed) {
              break;
            }
            conflicts.incrementAndGet();
          }
        }
        return List.of();
      });
      assertThat(KvU64.fromLittleEndian(get(db, counter).value().data()).bits()).isEqualTo((long) THREADS * increments);
      assertThat(conflicts.get()).as("writers really raced").isPositive();
    }
  }

  @Test
  void aFailingWriteInABatchRollsBackOnlyItself() throws Exception {
    int perThread = 60;
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("mixed.sqlite3"))) {
      set(db, key("text"), v8String("not a number"));
      AtomicInteger failures = new AtomicInteger();
      runConcurrently(t -> {
        for (int i = 0; i < perThread; i++) {
          if (t % 2 == 0) {
            try {
              db.atomicWrite(mutations(Mutation.set(key("bad" + t, "" + i), v8Number(i), 0),
                  Mutation.arithmetic(key("text"), MutationKind.SUM, u64(1))));
            } catch (KvMutationException e) {
              failures.incrementAndGet();
            }
          } else {
            set(db, key("good" + t, "" + i), v8Number(i));
          }
        }
        return List.of();
      });
      assertThat(failures.get()).isEqualTo(THREADS / 2 * perThread);
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < perThread; i++) {
          if (t % 2 == 0) {
            assertThat(get(db, key("bad" + t, "" + i))).isNull();
          } else {
            assertThat(get(db, key("good" + t, "" + i))).isNotNull();
          }
        }
      }
    }
  }

  @Test
  void twoInstancesOnOneFileWaitForEachOthersLocks() throws Exception {
    int perThread = 40;
    Path file = dir.resolve("two.sqlite3");
    try (SqliteDatabase first = SqliteDatabase.open(file); SqliteDatabase second = SqliteDatabase.open(file)) {
      List<List<Versionstamp>> stamps = runConcurrently(t -> {
        SqliteDatabase db = t % 2 == 0 ? first : second;
        List<Versionstamp> mine = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          mine.add(set(db, key("two", "" + t, "" + i), v8Number(i)));
        }
        return mine;
      });
      Set<Versionstamp> all = new HashSet<>();
      stamps.forEach(all::addAll);
      assertThat(all).as("versions are unique across both writers").hasSize(THREADS * perThread);
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < perThread; i++) {
          assertThat(get(first, key("two", "" + t, "" + i)).versionstamp()).isEqualTo(stamps.get(t).get(i));
        }
      }
    }
  }

  @Test
  void concurrentReadersAlwaysSeeOneConsistentSnapshot() throws Exception {
    byte[] left = key("pair", "left");
    byte[] right = key("pair", "right");
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("snapshot.sqlite3"))) {
      commit(db, mutations(Mutation.set(left, u64(0), 0), Mutation.set(right, u64(0), 0)));
      Thread writer = new Thread(() -> {
        for (int i = 1; i <= 100; i++) {
          commit(db, mutations(Mutation.set(left, u64(i), 0), Mutation.set(right, u64(i), 0)));
        }
      });
      writer.start();
      AtomicInteger reads = new AtomicInteger();
      runConcurrently(t -> {
        while (writer.isAlive()) {
          List<List<RawEntry>> r = db.snapshotRead(List.of(
              new dev.denokv.spi.ReadRange(left, java.util.Arrays.copyOf(left, left.length + 1), 1, false),
              new dev.denokv.spi.ReadRange(right, java.util.Arrays.copyOf(right, right.length + 1), 1, false)),
              dev.denokv.Consistency.STRONG);
          assertThat(r.get(0).get(0).value()).isEqualTo(r.get(1).get(0).value());
          assertThat(r.get(0).get(0).versionstamp()).isEqualTo(r.get(1).get(0).versionstamp());
          reads.incrementAndGet();
        }
        return List.of();
      });
      writer.join();
      assertThat(reads.get()).isPositive();
    }
  }

  /** A unit of work of thread {@code t}. */
  interface Work {
    List<Versionstamp> run(int t) throws Exception;
  }

  private static List<List<Versionstamp>> runConcurrently(Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<Versionstamp>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        futures.add(pool.submit((Callable<List<Versionstamp>>) () -> work.run(id)));
      }
      List<List<Versionstamp>> out = new ArrayList<>();
      for (Future<List<Versionstamp>> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
