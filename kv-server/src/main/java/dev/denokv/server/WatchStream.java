package dev.denokv.server;

import dev.denokv.spi.Database;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One open watch response: a keep-alive frame at once, a {@link WatchFrames#frame frame} for each
 * emission of the database watch, and keep-alives at the keep-alive interval. The database's
 * notifier and the shared keep-alive scheduler only hand work over: an emission is merged into the
 * pending one ({@link WatchFrames#merge}), a keep-alive marked due, and a {@link FrameWriter}
 * writes whatever the connection takes. A client that stops reading therefore holds up neither of
 * them nor any other stream, and costs at most one pending emission of memory.
 *
 * <p>A stream whose writes the connection has held back (its client reads nothing) for the stall
 * timeout is finished at its next keep-alive tick.
 *
 * <p>{@link #finish()} marks the stream closed, releases the subscription and completes the
 * response, even one whose client stopped reading; it never waits. The monitor guarding the
 * pending work is never held while writing.
 */
final class WatchStream implements WatchListener, FrameWriter.Frames {

  private static final Logger log = LoggerFactory.getLogger(WatchStream.class);

  private final Consumer<WatchStream> onClosed;
  private final FrameWriter writer;
  private final Clock clock;
  private final Duration stallTimeout;

  private final Object lock = new Object();
  private boolean keepAliveDue = true; // the first frame
  private @Nullable List<WatchKeyOutput> pending;
  private boolean closed;
  /** What to do with the response once closed. */
  private FrameWriter.End end = FrameWriter.End.NOT_YET;
  private @Nullable WatchSubscription subscription;
  private @Nullable ScheduledFuture<?> keepAlive;

  /**
   * A stream answering {@code async}, written on {@code writers}; {@code onClosed} hears when it is
   * torn down.
   */
  WatchStream(
      ServerResponse.StreamBuilder out, AsyncContext async, Executor writers, Consumer<WatchStream> onClosed,
      Clock clock, Duration stallTimeout) {
    this.onClosed = onClosed;
    this.clock = clock;
    this.stallTimeout = stallTimeout;
    this.writer = new FrameWriter(async, this, writers, this::failed, clock);
    out.onComplete(() -> close(FrameWriter.End.ABANDON));
    out.onTimeout(this::finish);
    out.onError(error -> close(FrameWriter.End.ABANDON));
  }

  /**
   * Starts writing (the first keep-alive goes out when the container first reports the connection
   * ready), subscribes to {@code keys} and schedules the keep-alives on {@code scheduler}.
   */
  void start(Database database, List<byte[]> keys, ScheduledExecutorService scheduler, Duration interval) {
    try {
      writer.start();
    } catch (Exception e) {
      log.warn("A watch stream cannot write without blocking; ending it", e);
      close(FrameWriter.End.ABANDON);
      writer.completeUnstarted();
      return;
    }
    WatchSubscription s;
    try {
      s = database.watch(keys, this);
    } catch (RuntimeException e) {
      log.warn("Opening a watch failed; ending its stream", e);
      finish();
      return;
    }
    long ms = interval.toMillis();
    ScheduledFuture<?> k;
    try {
      k = scheduler.scheduleAtFixedRate(this::keepAliveTick, ms, ms, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("No keep-alives for a watch stream (the server is stopping); ending it");
      release(s, null);
      finish();
      return;
    }
    boolean alreadyClosed;
    synchronized (lock) {
      alreadyClosed = closed;
      if (!closed) {
        subscription = s;
        keepAlive = k;
      }
    }
    if (alreadyClosed) {
      release(s, k);
    }
  }

  @Override
  public void onChange(List<WatchKeyOutput> keys) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      pending = pending == null ? List.copyOf(keys) : WatchFrames.merge(pending, keys);
    }
    writer.pump();
  }

  @Override
  public void onError(Throwable error) {
    log.warn("A watch failed; ending its stream", error);
    finish();
  }

  /** Ends the stream and completes the response, without waiting for the client. */
  void finish() {
    close(FrameWriter.End.COMPLETE);
  }

  private void keepAliveTick() {
    long heldBackSince = writer.heldBackSinceMs();
    if (heldBackSince != FrameWriter.NOT_HELD_BACK && clock.millis() - heldBackSince >= stallTimeout.toMillis()) {
      log.debug("A watch stream's client has read nothing for {}; ending the stream", stallTimeout);
      finish();
      return;
    }
    synchronized (lock) {
      keepAliveDue = true;
    }
    writer.pump();
  }

  // ---- FrameWriter.Frames (called by the draining thread) ---------------------------------

  @Override
  public FrameWriter.End end() {
    synchronized (lock) {
      return end;
    }
  }

  @Override
  public byte @Nullable [] next() {
    List<WatchKeyOutput> keys;
    synchronized (lock) {
      if (keepAliveDue) {
        keepAliveDue = false;
        return WatchFrames.KEEP_ALIVE;
      }
      keys = pending;
      pending = null;
    }
    return keys == null ? null : WatchFrames.frame(keys);
  }

  // ---- teardown ---------------------------------------------------------------------------

  private void failed(Throwable error) {
    if (error instanceof IOException) {
      log.debug("Writing to a watch stream failed; the client is gone: {}", error.toString());
    } else {
      log.warn("Writing to a watch stream failed; ending it", error);
    }
    close(FrameWriter.End.ABANDON);
  }

  /**
   * Marks the stream closed, the first time only: releases the subscription and the keep-alive
   * and has the writer end the response as {@code how} says.
   */
  private void close(FrameWriter.End how) {
    WatchSubscription s;
    ScheduledFuture<?> k;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      end = how;
      pending = null;
      s = subscription;
      k = keepAlive;
      subscription = null;
      keepAlive = null;
    }
    release(s, k);
    onClosed.accept(this);
    writer.pump();
  }

  private static void release(@Nullable WatchSubscription s, @Nullable ScheduledFuture<?> k) {
    if (k != null) {
      k.cancel(false);
    }
    if (s != null) {
      try {
        s.close();
      } catch (RuntimeException e) {
        log.debug("Closing a watch subscription failed", e);
      }
    }
  }
}
