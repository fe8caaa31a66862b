package dev.denokv.boot.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MeteredDatabaseTest {

  /** A backend whose asynchronous commits complete when the test completes them. */
  private static final class PendingCommits implements Database {
    final CompletableFuture<CommitResult> pending = new CompletableFuture<>();

    @Override
    public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
      return pending;
    }

    @Override
    public CommitResult atomicWrite(AtomicWrite write) {
      throw new AssertionError("an asynchronous write must not commit synchronously");
    }

    @Override
    public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
      throw new AssertionError();
    }

    @Override
    public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
      throw new AssertionError();
    }

    @Override
    public QueueMessageHandle dequeueNextMessage() {
      throw new AssertionError();
    }

    @Override
    public void close() {}
  }

  private static final AtomicWrite WRITE = new AtomicWrite(List.of(), List.of(), List.of());

  @Test
  void anAsynchronousWriteStaysAsynchronousAndIsTimedWhenItCompletes() {
    PendingCommits backend = new PendingCommits();
    MeterRegistry meters = new SimpleMeterRegistry();
    CompletableFuture<CommitResult> future = new MeteredDatabase(backend, meters).atomicWriteAsync(WRITE);

    assertThat(future).isNotDone();
    assertThat(meters.find(MeteredDatabase.TIMER).timers()).isEmpty();

    backend.pending.complete(new CommitResult.Committed(Versionstamp.parse("00000000000000010000")));
    assertThat(future).isCompleted();
    assertThat(meters.get(MeteredDatabase.TIMER).tags("operation", "write", "outcome", "success").timer().count())
        .isEqualTo(1);
  }

  @Test
  void failedAndConflictingAsynchronousWritesAreRecordedAsSuch() {
    MeterRegistry meters = new SimpleMeterRegistry();
    PendingCommits failing = new PendingCommits();
    new MeteredDatabase(failing, meters).atomicWriteAsync(WRITE);
    failing.pending.completeExceptionally(new IllegalStateException("disk full"));
    PendingCommits conflicting = new PendingCommits();
    new MeteredDatabase(conflicting, meters).atomicWriteAsync(WRITE);
    conflicting.pending.complete(new CommitResult.CheckFailed(List.of(0)));

    assertThat(meters.get(MeteredDatabase.TIMER).tags("operation", "write", "outcome", "error").timer().count())
        .isEqualTo(1);
    assertThat(meters.get(MeteredDatabase.TIMER).tags("operation", "write", "outcome", "conflict").timer().count())
        .isEqualTo(1);
    assertThat(meters.get(MeteredDatabase.CONFLICTS).counter().count()).isEqualTo(1.0);
  }
}
