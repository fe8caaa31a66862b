package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.Consistency;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Capability;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.DatabaseLimits;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.RawKey;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A database that records each operation in the {@code kv.operations} timer (tags
 * {@code operation}: read, write, watch; {@code outcome}: success, conflict, error) and failed
 * checks of atomic writes in the {@code kv.commit.conflicts} counter.
 */
final class MeteredDatabase implements Database {

  static final String TIMER = "kv.operations";
  static final String CONFLICTS = "kv.commit.conflicts";

  private final Database delegate;
  private final MeterRegistry registry;
  private final Counter conflicts;

  MeteredDatabase(Database delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
    this.conflicts = Counter.builder(CONFLICTS)
        .description("Atomic writes rejected because a check failed")
        .register(registry);
  }

  @Override
  public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      List<List<RawEntry>> result = delegate.snapshotRead(ranges, consistency);
      outcome = "success";
      return result;
    } finally {
      sample.stop(timer("read", outcome));
    }
  }

  @Override
  public List<List<RawKey>> snapshotReadKeys(List<ReadRange> ranges, Consistency consistency) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      List<List<RawKey>> result = delegate.snapshotReadKeys(ranges, consistency);
      outcome = "success";
      return result;
    } finally {
      sample.stop(timer("read", outcome));
    }
  }

  @Override
  public long count(byte[] start, byte[] end, Consistency consistency) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      long result = delegate.count(start, end, consistency);
      outcome = "success";
      return result;
    } finally {
      sample.stop(timer("read", outcome));
    }
  }

  @Override
  public DatabaseLimits limits() {
    return delegate.limits();
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public Optional<Path> file() {
    return delegate.file();
  }

  @Override
  public CommitResult atomicWrite(AtomicWrite write) {
    Timer.Sample sample = Timer.start(registry);
    CommitResult result = null;
    try {
      result = delegate.atomicWrite(write);
      return result;
    } finally {
      recordWrite(sample, result);
    }
  }

  /** Times the write from the call until its future completes, without waiting for it. */
  @Override
  public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
    Timer.Sample sample = Timer.start(registry);
    CompletableFuture<CommitResult> future;
    try {
      future = delegate.atomicWriteAsync(write);
    } catch (RuntimeException e) {
      recordWrite(sample, null);
      throw e;
    }
    future.whenComplete((result, error) -> recordWrite(sample, result));
    return future;
  }

  /** Records a write's outcome: a failed check, a commit, or (no result) an error. */
  private void recordWrite(Timer.Sample sample, @Nullable CommitResult result) {
    String outcome;
    if (result == null) {
      outcome = "error";
    } else if (result instanceof CommitResult.CheckFailed) {
      outcome = "conflict";
      conflicts.increment();
    } else {
      outcome = "success";
    }
    sample.stop(timer("write", outcome));
  }

  @Override
  public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      WatchSubscription subscription = delegate.watch(keys, listener);
      outcome = "success";
      return subscription;
    } finally {
      sample.stop(timer("watch", outcome));
    }
  }

  @Override
  public @Nullable QueueMessageHandle dequeueNextMessage() throws InterruptedException {
    return delegate.dequeueNextMessage();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private Timer timer(String operation, String outcome) {
    return Timer.builder(TIMER)
        .description("Deno KV operations")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public String toString() {
    return "MeteredDatabase[" + delegate + "]";
  }
}
