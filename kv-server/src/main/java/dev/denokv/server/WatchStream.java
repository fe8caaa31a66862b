package dev.denokv.server;

import dev.denokv.spi.Database;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.wire.ProtoMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One open watch response: writes each emission of a database watch as a frame (u32
 * little-endian length, then the {@code WatchOutput} bytes), plus zero-length keep-alive frames,
 * and tears the database subscription down when the client goes away or a write fails. Writes
 * happen on the threads that produce them (the database's watch notifier, the shared keep-alive
 * scheduler); no request thread waits.
 */
final class WatchStream implements WatchListener {

  private static final Logger log = LoggerFactory.getLogger(WatchStream.class);
  private static final byte[] KEEP_ALIVE = new byte[4];

  private final ServerResponse.StreamBuilder out;
  private final Consumer<WatchStream> onClosed;
  private final Object lock = new Object();
  private boolean closed;
  private @Nullable WatchSubscription subscription;
  private @Nullable ScheduledFuture<?> keepAlive;

  WatchStream(ServerResponse.StreamBuilder out, Consumer<WatchStream> onClosed) {
    this.out = out;
    this.onClosed = onClosed;
    out.onComplete(this::close);
    out.onTimeout(this::finish);
    out.onError(error -> close());
  }

  /** Sends the first keep-alive, subscribes to {@code keys} and schedules the keep-alives. */
  void start(Database database, List<byte[]> keys, ScheduledExecutorService scheduler, Duration interval) {
    send(KEEP_ALIVE);
    WatchSubscription s;
    try {
      s = database.watch(keys, this);
    } catch (RuntimeException e) {
      log.warn("Opening a watch failed; ending its stream", e);
      finish();
      return;
    }
    long ms = interval.toMillis();
    ScheduledFuture<?> k = scheduler.scheduleAtFixedRate(() -> send(KEEP_ALIVE), ms, ms, TimeUnit.MILLISECONDS);
    boolean alreadyClosed;
    synchronized (lock) {
      alreadyClosed = closed;
      subscription = s;
      keepAlive = k;
    }
    if (alreadyClosed) {
      s.close();
      k.cancel(false);
    }
  }

  @Override
  public void onChange(List<WatchKeyOutput> keys) {
    byte[] message = ProtoMapper.toProtoWatchOutput(keys).toByteArray();
    byte[] frame = new byte[4 + message.length];
    int n = message.length;
    frame[0] = (byte) n;
    frame[1] = (byte) (n >>> 8);
    frame[2] = (byte) (n >>> 16);
    frame[3] = (byte) (n >>> 24);
    System.arraycopy(message, 0, frame, 4, n);
    send(frame);
  }

  @Override
  public void onError(Throwable error) {
    log.warn("A watch failed; ending its stream", error);
    finish();
  }

  /** Ends the response and releases the subscription. */
  void finish() {
    if (close()) {
      try {
        out.complete();
      } catch (RuntimeException e) {
        log.debug("Completing a watch stream failed", e);
      }
    }
  }

  private void send(byte[] frame) {
    boolean failed = false;
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        out.write(frame);
        out.flush();
      } catch (Exception e) {
        log.debug("Writing to a watch stream failed; the client is gone: {}", e.toString());
        failed = true;
      }
    }
    if (failed) {
      finish();
    }
  }

  /** Releases the subscription and the keep-alive; true the first time only. */
  private boolean close() {
    WatchSubscription s;
    ScheduledFuture<?> k;
    synchronized (lock) {
      if (closed) {
        return false;
      }
      closed = true;
      s = subscription;
      k = keepAlive;
    }
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
    onClosed.accept(this);
    return true;
  }

  /** Whether this stream has been torn down. */
  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }
}
