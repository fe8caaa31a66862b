package dev.denokv.remote;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current metadata and renews it. A refresh is scheduled before {@code expiresAt} minus
 * the refresh margin (at most half the metadata's lifetime), and also started by the first caller
 * that notices the refresh time has passed. Only one refresh runs at a time; every caller that
 * needs one joins it. Callers get still-valid metadata at once and wait only when the metadata has
 * expired (or was rejected). A failed refresh keeps the still-valid metadata and is tried again.
 */
final class MetadataCache implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetadataCache.class);
  private static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(1);

  private final Supplier<DatabaseMetadata> fetcher;
  private final Clock clock;
  private final Duration margin;
  private final ScheduledExecutorService timer;
  private final ExecutorService refresher;

  /** Metadata and the instant from which it should be replaced. */
  private record Entry(DatabaseMetadata metadata, Instant refreshAt) {}

  private volatile @Nullable Entry current;
  private @Nullable CompletableFuture<DatabaseMetadata> inFlight; // guarded by this
  private @Nullable ScheduledFuture<?> scheduled; // guarded by this
  private boolean closed; // guarded by this

  MetadataCache(
      Supplier<DatabaseMetadata> fetcher,
      Clock clock,
      Duration margin,
      ScheduledExecutorService timer,
      ExecutorService refresher) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.margin = margin;
    this.timer = timer;
    this.refresher = refresher;
  }

  /** Valid metadata: the cached one, or a fresh one when it is missing or expired. */
  DatabaseMetadata current() {
    Entry entry = current;
    Instant now = clock.instant();
    if (entry != null && entry.metadata().isValidAt(now)) {
      if (!now.isBefore(entry.refreshAt())) {
        refreshAsync();
      }
      return entry.metadata();
    }
    return await(refreshAsync());
  }

  /**
   * Fresh metadata after the server refused {@code rejected}. If another caller has already
   * replaced it, that newer metadata is returned without another exchange.
   */
  DatabaseMetadata refreshAfterRejection(DatabaseMetadata rejected) {
    Entry entry = current;
    if (entry != null && entry.metadata() != rejected && entry.metadata().isValidAt(clock.instant())) {
      return entry.metadata();
    }
    return await(refreshAsync());
  }

  private synchronized CompletableFuture<DatabaseMetadata> refreshAsync() {
    if (closed) {
      return CompletableFuture.failedFuture(new KvClosedException());
    }
    if (inFlight != null) {
      return inFlight;
    }
    CompletableFuture<DatabaseMetadata> f = new CompletableFuture<>();
    inFlight = f;
    refresher.execute(() -> runRefresh(f));
    return f;
  }

  private void runRefresh(CompletableFuture<DatabaseMetadata> f) {
    try {
      DatabaseMetadata md = fetcher.get();
      Instant refreshAt = refreshAt(md, clock.instant());
      synchronized (this) {
        current = new Entry(md, refreshAt);
        inFlight = null;
        schedule(Duration.between(clock.instant(), refreshAt));
      }
      log.debug("KV Connect metadata refreshed: protocol v{}, valid until {}", md.version(), md.expiresAt());
      f.complete(md);
    } catch (RuntimeException e) {
      boolean kept = false;
      synchronized (this) {
        inFlight = null;
        DatabaseMetadata md = current == null ? null : current.metadata();
        Instant now = clock.instant();
        if (md != null && md.isValidAt(now)) {
          kept = true;
          // Try again halfway to expiry (at least a second from now), lazily or on schedule.
          Duration half = Duration.between(now, md.expiresAt()).dividedBy(2);
          Duration delay = half.compareTo(MIN_RETRY_DELAY) < 0 ? MIN_RETRY_DELAY : half;
          current = new Entry(md, now.plus(delay));
          schedule(delay);
        }
      }
      if (kept) {
        log.warn("KV Connect metadata refresh failed; keeping the current metadata: {}", e.getMessage());
      } else {
        // the callers waiting for it get the failure
        log.debug("KV Connect metadata exchange failed: {}", e.getMessage());
      }
      f.completeExceptionally(e);
    }
  }

  private void schedule(Duration delay) {
    if (closed) {
      return;
    }
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    long millis = Math.max(0, delay.toMillis());
    scheduled = timer.schedule(this::refreshAsync, millis, TimeUnit.MILLISECONDS);
  }

  private Instant refreshAt(DatabaseMetadata md, Instant now) {
    Duration lifetime = Duration.between(now, md.expiresAt());
    Duration half = lifetime.dividedBy(2);
    return md.expiresAt().minus(margin.compareTo(half) < 0 ? margin : half);
  }

  private static DatabaseMetadata await(CompletableFuture<DatabaseMetadata> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KvUnavailableException("Interrupted while waiting for KV Connect metadata", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof KvException k) {
        throw k;
      }
      throw new KvUnavailableException("The KV Connect metadata exchange failed: " + cause, cause);
    }
  }

  @Override
  public void close() {
    CompletableFuture<DatabaseMetadata> pending;
    synchronized (this) {
      closed = true;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
      pending = inFlight;
    }
    if (pending != null) {
      pending.completeExceptionally(new KvClosedException());
    }
  }
}
