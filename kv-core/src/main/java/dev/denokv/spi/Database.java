package dev.denokv.spi;

import dev.denokv.Consistency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A Deno KV database at the level of encoded keys and values. Implementations are thread-safe.
 * The API layer above it validates arguments and encodes keys and values; a backend stores bytes,
 * assigns versionstamps and keeps the atomicity, expiry, watch and queue guarantees.
 */
public interface Database extends AutoCloseable {

  /**
   * Reads every range in one consistent snapshot. The result has one list per range, in order.
   * Expired entries are never returned.
   */
  List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency);

  /**
   * The keys and versionstamps {@link #snapshotRead} would return for {@code ranges}, without their
   * values. By default the entries are read and their values dropped; backends that can list keys
   * alone (the embedded database) override it.
   */
  default List<List<RawKey>> snapshotReadKeys(List<ReadRange> ranges, Consistency consistency) {
    List<List<RawEntry>> entries = snapshotRead(ranges, consistency);
    List<List<RawKey>> out = new ArrayList<>(entries.size());
    for (List<RawEntry> range : entries) {
      List<RawKey> keys = new ArrayList<>(range.size());
      for (RawEntry e : range) {
        keys.add(new RawKey(e.key(), e.versionstamp()));
      }
      out.add(keys);
    }
    return out;
  }

  /**
   * How many live entries have encoded keys in [{@code start}, {@code end}), in one consistent
   * snapshot where the backend can count in one (the embedded database counts without reading
   * values). By default the keys are listed in reads of {@link DatabaseLimits#maxReadEntries()} and
   * counted, each read a snapshot of its own.
   */
  default long count(byte[] start, byte[] end, Consistency consistency) {
    int batch = limits().maxReadEntries();
    byte[] from = start;
    long count = 0;
    while (true) {
      List<RawKey> keys = snapshotReadKeys(List.of(new ReadRange(from, end, batch, false)), consistency).get(0);
      count += keys.size();
      if (keys.size() < batch) {
        return count;
      }
      byte[] last = keys.get(keys.size() - 1).key();
      from = Arrays.copyOf(last, last.length + 1);
    }
  }

  /** Commits {@code write} atomically, or reports which check failed. */
  CommitResult atomicWrite(AtomicWrite write);

  /**
   * Commits {@code write} like {@link #atomicWrite} without waiting: the future completes once the
   * write is durable (or fails with the exception {@code atomicWrite} would throw). Backends that
   * cannot commit asynchronously, as by default, commit on the calling thread.
   */
  default CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
    try {
      return CompletableFuture.completedFuture(atomicWrite(write));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Watches {@code keys}: emits their current entries at once, then again whenever one of them
   * changes. Emissions for rapid successive writes may be coalesced.
   */
  WatchSubscription watch(List<byte[]> keys, WatchListener listener);

  /**
   * Waits for the next due queue message. Returns null once the database is closed.
   *
   * @throws dev.denokv.error.KvUnsupportedOperationException if this backend has no queue consumer
   */
  @Nullable QueueMessageHandle dequeueNextMessage() throws InterruptedException;

  /**
   * What this backend offers beyond reads, writes and watches. By default everything in
   * {@link Capability}; backends that lack something leave it out.
   */
  default Set<Capability> capabilities() {
    return EnumSet.allOf(Capability.class);
  }

  /**
   * What this backend accepts in one request: the API layer validates against it and code that
   * batches writes packs atomic operations to fit it. By default {@link DatabaseLimits#DENO_CLI},
   * the Deno CLI's figures; a backend that accepts less must say so here.
   */
  default DatabaseLimits limits() {
    return DatabaseLimits.DENO_CLI;
  }

  /** The file this database lives in (absolute), or empty when it has none (in memory, remote). */
  default Optional<Path> file() {
    return Optional.empty();
  }

  /**
   * The id and secrets this database keeps in itself for every process that opens it, or empty
   * when it keeps none (then a server keeps its own, beside the database file or in memory).
   */
  default Optional<SharedMetadata> sharedMetadata() {
    return Optional.empty();
  }

  /** Releases every resource; pending waits end. Idempotent. */
  @Override
  void close();
}
