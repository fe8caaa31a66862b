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
import dev.denokv.spi.SharedMetadata;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A database whose reads, writes and watch set-ups are Micrometer observations (a timer named
 * {@code kv.operations} and a span each, see {@link KvObservationConvention}); failed checks of
 * atomic writes also count in the {@code kv.commit.conflicts} counter when there is a meter registry.
 */
final class ObservedDatabase implements Database {

  static final String CONFLICTS = "kv.commit.conflicts";

  private final Database delegate;
  private final ObservationRegistry registry;
  private final KvObservationConvention convention;
  private final @Nullable Counter conflicts;

  ObservedDatabase(Database delegate, ObservationRegistry registry, KvObservationConvention convention,
      @Nullable MeterRegistry meters) {
    this.delegate = delegate;
    this.registry = registry;
    this.convention = convention;
    this.conflicts = meters == null ? null
        : Counter.builder(CONFLICTS).description("Atomic writes rejected because a check failed").register(meters);
  }

  private Observation start(KvObservationContext context) {
    return Observation.createNotStarted(convention, () -> context, registry).start();
  }

  @Override
  public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    return observeRead(() -> delegate.snapshotRead(ranges, consistency));
  }

  @Override
  public List<List<RawKey>> snapshotReadKeys(List<ReadRange> ranges, Consistency consistency) {
    return observeRead(() -> delegate.snapshotReadKeys(ranges, consistency));
  }

  @Override
  public long count(byte[] start, byte[] end, Consistency consistency) {
    return observeRead(() -> delegate.count(start, end, consistency));
  }

  private <T> T observeRead(Supplier<T> read) {
    KvObservationContext context = new KvObservationContext("read");
    Observation observation = start(context);
    try (Observation.Scope scope = observation.openScope()) {
      T result = read.get();
      context.setOutcome("success");
      return result;
    } catch (RuntimeException e) {
      observation.error(e);
      throw e;
    } finally {
      observation.stop();
    }
  }

  @Override
  public DatabaseLimits limits() {
    return delegate.limits();
  }

  @Override
  public CommitResult atomicWrite(AtomicWrite write) {
    KvObservationContext context = new KvObservationContext("write");
    Observation observation = start(context);
    CommitResult result = null;
    try (Observation.Scope scope = observation.openScope()) {
      result = delegate.atomicWrite(write);
      return result;
    } catch (RuntimeException e) {
      observation.error(e);
      throw e;
    } finally {
      stopWrite(observation, context, result);
    }
  }

  /** Observes the write from the call until its future completes, without waiting for it. */
  @Override
  public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
    KvObservationContext context = new KvObservationContext("write");
    Observation observation = start(context);
    CompletableFuture<CommitResult> future;
    try (Observation.Scope scope = observation.openScope()) {
      future = delegate.atomicWriteAsync(write);
    } catch (RuntimeException e) {
      observation.error(e);
      stopWrite(observation, context, null);
      throw e;
    }
    future.whenComplete((result, error) -> {
      if (error != null) {
        observation.error(error);
      }
      stopWrite(observation, context, result);
    });
    return future;
  }

  /** Records a write's outcome: a failed check, a commit, or (no result) an error. */
  private void stopWrite(Observation observation, KvObservationContext context, @Nullable CommitResult result) {
    if (result instanceof CommitResult.CheckFailed) {
      context.setOutcome("conflict");
      if (conflicts != null) {
        conflicts.increment();
      }
    } else if (result != null) {
      context.setOutcome("success");
    }
    observation.stop();
  }

  @Override
  public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
    KvObservationContext context = new KvObservationContext("watch");
    Observation observation = start(context);
    try (Observation.Scope scope = observation.openScope()) {
      WatchSubscription subscription = delegate.watch(keys, listener);
      context.setOutcome("success");
      return subscription;
    } catch (RuntimeException e) {
      observation.error(e);
      throw e;
    } finally {
      observation.stop();
    }
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
  public Optional<Path> file() {
    return delegate.file();
  }

  @Override
  public Optional<SharedMetadata> sharedMetadata() {
    return delegate.sharedMetadata();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "ObservedDatabase[" + delegate + "]";
  }
}
