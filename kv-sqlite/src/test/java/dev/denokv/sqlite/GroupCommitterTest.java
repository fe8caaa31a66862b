package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.spi.ReadRange;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

  /** Writes one key; optionally fails afterwards although it claims it cannot. */
  private static final class PutTask extends WriterTask<Long> {
    private final String name;
    private final boolean fail;
    private final boolean savepoint;

    PutTask(String name, boolean fail, boolean savepoint) {
      this.name = name;
      this.fail = fail;
      this.savepoint = savepoint;
    }

    @Override
    Long run(SqlSession session, long nowMs) throws SQLException {
      long version = KvTable.bumpVersion(session, 1);
      KvTable.put(session, key(name), v8String(name), version, -1);
      if (fail) {
        throw new IllegalStateException("failed after writing " + name);
      }
      return version;
    }

    @Override
    boolean mayFailAfterWriting() {
      return savepoint;
    }
  }

  @Test
  void tasksOfOneBatchFailAloneEvenWhenTheyClaimedTheyCouldNot() throws Exception {
    try (ConnectionPool pool = ConnectionPool.openMemory(SqliteOptions.defaults());
        GroupCommitter committer = new GroupCommitter(pool, 64, 0, java.time.Clock.systemUTC(), "test-writer")) {
      CountDownLatch release = new CountDownLatch(1);
      committer.submit(new WriterTask<Void>() {
        @Override
        Void run(SqlSession session, long nowMs) {
          try {
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        }
      });
      PutTask ok1 = committer.submit(new PutTask("ok1", false, false));
      PutTask bad = committer.submit(new PutTask("bad", true, false));
      PutTask failsWithSavepoint = committer.submit(new PutTask("bad2", true, true));
      PutTask ok2 = committer.submit(new PutTask("ok2", false, false));
      release.countDown();

      long v1 = ok1.future.get(5, TimeUnit.SECONDS);
      long v2 = ok2.future.get(5, TimeUnit.SECONDS);
      assertThat(v2).isEqualTo(v1 + 1);
      assertThatThrownBy(() -> bad.future.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasRootCauseMessage("failed after writing bad");
      assertThatThrownBy(() -> failsWithSavepoint.future.get(5, TimeUnit.SECONDS))
          .hasRootCauseMessage("failed after writing bad2");
      long[] present = pool.read(s -> new long[] {
          KvTable.get(s, key("ok1"), 0) == null ? 0 : 1,
          KvTable.get(s, key("ok2"), 0) == null ? 0 : 1,
          KvTable.get(s, key("bad"), 0) == null ? 0 : 1,
          KvTable.get(s, key("bad2"), 0) == null ? 0 : 1,
          KvTable.currentVersion(s)});
      assertThat(present).containsExactly(1, 1, 0, 0, v2);
    }
  }

  @Test
  void aTaskSubmittedToAnIdleWriterWakesIt() throws Exception {
    try (ConnectionPool pool = ConnectionPool.openMemory(SqliteOptions.defaults());
        GroupCommitter committer = new GroupCommitter(pool, 8, TimeUnit.MICROSECONDS.toNanos(300), java.time.Clock.systemUTC(), "test-writer")) {
      for (int i = 0; i < 3; i++) {
        Thread.sleep(50); // the writer thread is asleep, waiting for work
        PutTask task = committer.submit(new PutTask("idle" + i, false, false));
        assertThat(task.future.get(5, TimeUnit.SECONDS)).isPositive();
      }
    }
  }

  @Test
  void writersArrivingInBurstsAndTricklesAreAllCommittedOnceWithIncreasingVersions() throws Exception {
    int threads = 12;
    int perThread = 300;
    try (ConnectionPool pool = ConnectionPool.openMemory(SqliteOptions.defaults());
        GroupCommitter committer = new GroupCommitter(pool, 8, TimeUnit.MICROSECONDS.toNanos(300), java.time.Clock.systemUTC(), "test-writer")) {
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      try {
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          results.add(executor.submit(() -> {
            Random random = new Random(thread);
            long[] versions = new long[perThread];
            for (int i = 0; i < perThread; i++) {
              if (random.nextInt(4) == 0) {
                Thread.sleep(0, random.nextInt(200_000)); // trickle in between bursts
              }
              versions[i] = committer.execute(new PutTask("t" + thread + "-" + i, false, random.nextBoolean()));
            }
            return versions;
          }));
        }
        Set<Long> all = new HashSet<>();
        for (Future<long[]> f : results) {
          long[] versions = f.get(60, TimeUnit.SECONDS);
          for (int i = 1; i < versions.length; i++) {
            assertThat(versions[i]).isGreaterThan(versions[i - 1]);
          }
          for (long v : versions) {
            all.add(v);
          }
        }
        assertThat(all).hasSize(threads * perThread);
        long[] stored = pool.read(s -> new long[] {KvTable.currentVersion(s),
            KvTable.range(s, new ReadRange(new byte[0], new byte[] {(byte) 0xff}, 100_000, false), 0).size()});
        assertThat(stored).containsExactly(Collections.max(all), threads * perThread);
      } finally {
        executor.shutdownNow();
      }
    }
  }
}
