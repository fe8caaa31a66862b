package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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
        GroupCommitter committer = new GroupCommitter(pool, 64, 0, "test-writer")) {
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
}
