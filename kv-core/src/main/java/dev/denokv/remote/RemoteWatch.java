package dev.denokv.remote;

import com.deno.kv.datapath.WatchOutput;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.wire.ProtoMapper;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One watch over KV Connect (protocol v3): a dedicated thread POSTs {@code watch}, reads the
 * stream's frames as they arrive and hands each emission to the listener, one at a time. When the
 * stream ends or breaks it reconnects with randomized exponential backoff (the server then emits
 * the current state again); after too many consecutive failed connections, or on a fatal error, the
 * listener's {@code onError} is called once and the watch ends. A stream that stays silent (not
 * even a keep-alive) longer than the idle timeout is dropped and reopened. Whatever ends a stream,
 * its body is aborted rather than drained, since a watch stream never ends on its own.
 */
final class RemoteWatch implements WatchSubscription {

  private static final Logger log = LoggerFactory.getLogger(RemoteWatch.class);
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  /** What the watch needs from the database that opened it. */
  record Context(
      RestClient http,
      MetadataCache metadata,
      String userAgent,
      RetrySettings retry,
      Duration idleTimeout,
      ScheduledExecutorService timer) {}

  private final Context context;
  private final List<byte[]> keys;
  private final byte[] request;
  private final WatchListener listener;
  private final Runnable onEnd;
  private final IntervalFunction backoff;
  private final Thread thread;
  private final AtomicReference<@Nullable InputStream> body = new AtomicReference<>();
  private volatile boolean closed;
  private volatile long lastActivityNanos;
  private volatile boolean receivedOnConnection;

  RemoteWatch(Context context, List<byte[]> keys, WatchListener listener, Runnable onEnd) {
    this.context = context;
    this.keys = List.copyOf(keys);
    this.request = ProtoMapper.toProtoWatch(this.keys).toByteArray();
    this.listener = listener;
    this.onEnd = onEnd;
    this.backoff = context.retry().intervalFunction();
    this.thread = new Thread(this::run, "deno-kv-watch-" + THREAD_NUMBER.incrementAndGet());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    int failures = 0;
    boolean refreshed = false;
    String lastProblem = "";
    try {
      while (!closed) {
        DatabaseMetadata md = context.metadata().current();
        if (md.version() < 3) {
          throw new KvUnsupportedOperationException(
              "Watching keys over KV Connect needs protocol version 3, but the server chose version "
                  + md.version());
        }
        receivedOnConnection = false;
        try {
          stream(md);
          lastProblem = "the watch stream ended";
        } catch (RefreshRequired r) {
          if (refreshed) {
            throw r.toFinal("watch");
          }
          refreshed = true;
          context.metadata().refreshAfterRejection(md);
          continue;
        } catch (TransientFailure e) {
          lastProblem = e.getMessage();
        }
        if (closed) {
          return;
        }
        if (receivedOnConnection) {
          failures = 0;
          refreshed = false;
        }
        failures++;
        if (failures >= context.retry().maxAttempts()) {
          throw new KvUnavailableException(
              "KV Connect watch failed after " + failures + " consecutive attempt(s): " + lastProblem);
        }
        long delay = backoff.apply(failures);
        log.debug("KV Connect watch reconnecting in {} ms: {}", delay, lastProblem);
        Thread.sleep(delay);
      }
    } catch (InterruptedException e) {
      // closed while waiting to reconnect
    } catch (RuntimeException e) {
      if (!closed) {
        listener.onError(e);
      }
    } finally {
      closed = true;
      onEnd.run();
    }
  }

  private void stream(DatabaseMetadata md) {
    URI uri = URI.create(md.strongEndpoint() + "/watch");
    try {
      context
          .http()
          .post()
          .uri(uri)
          .headers(DataPathHeaders.of(md, context.userAgent(), MediaType.APPLICATION_OCTET_STREAM))
          .headers(h -> h.setContentLength(request.length))
          .body(out -> out.write(request))
          .exchange((req, response) -> exchange(response, uri, md), false);
    } catch (ResourceAccessException e) {
      if (!closed) {
        throw new TransientFailure(
            "watch stream from " + uri + " failed: " + HttpAnswer.rootMessage(e), e);
      }
    }
  }

  /**
   * Reads the answer until it ends, fails or the watch is closed; on every way out its body is
   * aborted (the response is not closed, as that would drain a body that never ends).
   */
  private Boolean exchange(ClientHttpResponse response, URI uri, DatabaseMetadata md) throws IOException {
    InputStream in = response.getBody();
    body.set(in);
    try {
      if (closed) {
        return Boolean.FALSE;
      }
      if (!response.getStatusCode().is2xxSuccessful()) {
        throw HttpAnswer.read(response).failure("watch", uri, true, md.token());
      }
      readFrames(in);
      return Boolean.TRUE;
    } finally {
      body.set(null);
      StreamAborter.abort(in);
    }
  }

  private void readFrames(InputStream in) throws IOException {
    lastActivityNanos = System.nanoTime();
    long checkMillis = Math.max(1, context.idleTimeout().toMillis() / 4);
    ScheduledFuture<?> watchdog =
        context.timer().scheduleAtFixedRate(this::dropIfIdle, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    try {
      FrameReader reader = new FrameReader(in);
      while (!closed) {
        byte[] frame = reader.next();
        if (frame == null) {
          return;
        }
        lastActivityNanos = System.nanoTime();
        receivedOnConnection = true;
        if (frame.length > 0) {
          handle(frame);
        }
      }
    } finally {
      watchdog.cancel(false);
    }
  }

  private void handle(byte[] frame) {
    WatchOutput output;
    try {
      output = WatchOutput.parseFrom(frame);
    } catch (InvalidProtocolBufferException e) {
      throw new KvCodecException("Malformed KV Connect watch frame: " + e.getMessage(), e);
    }
    switch (output.getStatus()) {
      case SR_SUCCESS -> deliver(ProtoMapper.fromProto(output));
      case SR_READ_DISABLED -> throw RefreshRequired.because("reads are disabled on the endpoint");
      default -> throw new KvCodecException(
          "KV Connect watch frame has status " + output.getStatusValue() + " (expected SR_SUCCESS)");
    }
  }

  private void deliver(List<WatchKeyOutput> outputs) {
    if (outputs.size() != keys.size()) {
      throw new KvCodecException(
          "KV Connect watch frame reports " + outputs.size() + " keys, " + keys.size() + " are watched");
    }
    if (closed) {
      return;
    }
    try {
      listener.onChange(outputs);
    } catch (RuntimeException e) {
      log.warn("A watch listener failed; the watch goes on", e);
    }
  }

  private void dropIfIdle() {
    if (System.nanoTime() - lastActivityNanos > context.idleTimeout().toNanos()) {
      log.debug("KV Connect watch stream idle for more than {}; reconnecting", context.idleTimeout());
      closeBody();
    }
  }

  private void closeBody() {
    StreamAborter.abort(body.get());
  }

  /** Whether the watch has ended (closed, or failed for good). */
  boolean isDone() {
    return !thread.isAlive();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeBody();
    thread.interrupt();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
