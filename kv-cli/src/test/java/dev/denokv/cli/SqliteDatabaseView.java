package dev.denokv.cli;

import dev.denokv.Consistency;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A database shared by a test class, which a test's template may "close" without closing it. */
final class SqliteDatabaseView implements Database {

  private final Database database;

  SqliteDatabaseView(Database database) {
    this.database = database;
  }

  @Override
  public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    return database.snapshotRead(ranges, consistency);
  }

  @Override
  public CommitResult atomicWrite(AtomicWrite write) {
    return database.atomicWrite(write);
  }

  @Override
  public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
    return database.watch(keys, listener);
  }

  @Override
  public @Nullable QueueMessageHandle dequeueNextMessage() throws InterruptedException {
    return database.dequeueNextMessage();
  }

  @Override
  public void close() {
    // the shared database stays open for the other tests
  }
}
