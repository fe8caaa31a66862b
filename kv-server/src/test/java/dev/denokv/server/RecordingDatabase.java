package dev.denokv.server;

import dev.denokv.Consistency;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Capability;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Passes every call to a real database and records what the server asked of it: committed
 * enqueues, atomic writes that reached it, and how many watch subscriptions are open.
 */
final class RecordingDatabase implements Database {

  private final Database delegate;
  private final List<Enqueue> enqueued = new CopyOnWriteArrayList<>();
  private final AtomicInteger openWatches = new AtomicInteger();
  private final AtomicLong atomicWrites = new AtomicLong();

  RecordingDatabase(Database delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    return delegate.snapshotRead(ranges, consistency);
  }

  @Override
  public CommitResult atomicWrite(AtomicWrite write) {
    atomicWrites.incrementAndGet();
    CommitResult result = delegate.atomicWrite(write);
    if (result instanceof CommitResult.Committed) {
      enqueued.addAll(write.enqueues());
    }
    return result;
  }

  @Override
  public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
    WatchSubscription s = delegate.watch(keys, listener);
    openWatches.incrementAndGet();
    AtomicInteger closed = new AtomicInteger();
    return () -> {
      if (closed.getAndIncrement() == 0) {
        openWatches.decrementAndGet();
      }
      s.close();
    };
  }

  @Override
  public @Nullable QueueMessageHandle dequeueNextMessage() throws InterruptedException {
    return delegate.dequeueNextMessage();
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** The enqueues of every committed write, in commit order. */
  List<Enqueue> enqueued() {
    return List.copyOf(enqueued);
  }

  /** How many watch subscriptions are open. */
  int watcherCount() {
    return openWatches.get();
  }

  /** How many atomic writes reached the database. */
  long atomicWriteCount() {
    return atomicWrites.get();
  }
}
