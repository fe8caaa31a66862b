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
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ObservedDatabaseTest {

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

  private static Database observed(Database backend, MeterRegistry meters) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    return new ObservedDatabase(backend, registry, new KvObservationConvention(), meters);
  }

  @Test
  void eachOperationIsOneObservationNamedForSpansWithLowCardinalityKeysOnly() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
      @Override
      public void onStop(Observation.Context context) {
        seen.add(context.getContextualName() + " " + context.getLowCardinalityKeyValues().stream()
            .map(kv -> kv.getKey() + "=" + kv.getValue()).toList() + " " + context.getHighCardinalityKeyValues().stream().count());
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    PendingCommits backend = new PendingCommits();
    new ObservedDatabase(backend, registry, new KvObservationConvention(), null).atomicWriteAsync(WRITE);
    backend.pending.complete(new CommitResult.Committed(Versionstamp.parse("00000000000000010000")));
    assertThat(seen).containsExactly("kv write [operation=write, outcome=success] 0");
  }

  private static final AtomicWrite WRITE = new AtomicWrite(List.of(), List.of(), List.of());

  @Test
  void anAsynchronousWriteStaysAsynchronousAndIsTimedWhenItCompletes() {
    PendingCommits backend = new PendingCommits();
    MeterRegistry meters = new SimpleMeterRegistry();
    CompletableFuture<CommitResult> future = observed(backend, meters).atomicWriteAsync(WRITE);

    assertThat(future).isNotDone();
    assertThat(meters.find(KvObservationConvention.NAME).timers()).isEmpty();

    backend.pending.complete(new CommitResult.Committed(Versionstamp.parse("00000000000000010000")));
    assertThat(future).isCompleted();
    assertThat(meters.get(KvObservationConvention.NAME).tags("operation", "write", "outcome", "success").timer().count())
        .isEqualTo(1);
  }

  @Test
  void failedAndConflictingAsynchronousWritesAreRecordedAsSuch() {
    MeterRegistry meters = new SimpleMeterRegistry();
    PendingCommits failing = new PendingCommits();
    observed(failing, meters).atomicWriteAsync(WRITE);
    failing.pending.completeExceptionally(new IllegalStateException("disk full"));
    PendingCommits conflicting = new PendingCommits();
    observed(conflicting, meters).atomicWriteAsync(WRITE);
    conflicting.pending.complete(new CommitResult.CheckFailed(List.of(0)));

    assertThat(meters.get(KvObservationConvention.NAME).tags("operation", "write", "outcome", "error").timer().count())
        .isEqualTo(1);
    assertThat(meters.get(KvObservationConvention.NAME).tags("operation", "write", "outcome", "conflict").timer().count())
        .isEqualTo(1);
    assertThat(meters.get(ObservedDatabase.CONFLICTS).counter().count()).isEqualTo(1.0);
  }
}
