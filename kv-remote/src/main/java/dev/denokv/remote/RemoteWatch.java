package dev.denokv.remote;

import com.deno.kv.datapath.WatchOutput;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.proto.internal.ProtoMapper;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
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
 * stream ends or breaks, the metadata exchange fails, or the endpoint disables reads, it reconnects
 * with randomized exponential backoff (see {@link WatchBackoff}) until it is closed; the server then
 * emits the current state again. A permanent failure (a 4xx answer, a 401 even with fresh metadata,
 * invalid metadata, a malformed stream, a server without protocol v3) is reported once to the
 * listener's {@code onError} and ends the watch. A stream that stays silent (not even a
 * keep-alive) longer than the idle timeout is dropped and reopened. Whatever ends a stream, its
 * body is aborted rather than drained, since a watch stream never ends on its own.
 */
final class RemoteWatch implements WatchSubscription {

  private static final Logger log = LoggerFactory.getLogger(RemoteWatch.class);
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  /** What the watch needs from the database that opened it. */
  record Context(
      RestClient http,
      MetadataCache metadata,
      String userAgent,
      RetryOptions retry,
      Duration idleTimeout,
      ScheduledExecutorService timer) {}

  private final Context context;
  private final List<byte[]> keys;
  private final byte[] request;
  private final WatchListener listener;
  private final Runnable onEnd;
  private final WatchBackoff backoff;
  private final Thread thread;
  private final AtomicReference<@Nullable InputStream> body = new AtomicReference<>();
  private volatile boolean closed;
  private volatile long lastActivityNanos;
  /** Whether the current connection has delivered an emission. */
  private volatile boolean delivered;
  /** Whether an outage was logged as a warning, so that its end is logged too. */
  private volatile boolean outageLogged;

  RemoteWatch(Context context, List<byte[]> keys, WatchListener listener, Runnable onEnd) {
    this.context = context;
    this.keys = List.copyOf(keys);
    this.request = ProtoMapper.toProtoWatch(this.keys).toByteArray();
    this.listener = listener;
    this.onEnd = onEnd;
    this.backoff = new WatchBackoff(context.retry());
    this.thread = new Thread(this::run, "deno-kv-watch-" + THREAD_NUMBER.incrementAndGet());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    boolean refreshedAfter401 = false;
    try {
      while (!closed) {
        String problem;
        delivered = false;
        try {
          DatabaseMetadata md = context.metadata().current();
          if (md.version() < 3) {
            throw new KvUnsupportedOperationException(
                "Watching keys over KV Connect needs protocol version 3, but the server chose version "
                    + md.version());
          }
          try {
            stream(md);
            problem = "the watch stream ended";
          } catch (RefreshRequired r) {
            if (r.unauthorized()) {
              if (refreshedAfter401) {
                throw r.toFinal("watch");
              }
              context.metadata().refreshAfterRejection(md);
              refreshedAfter401 = true;
              continue;
            }
            problem = r.getMessage();
            context.metadata().refreshAfterRejection(md);
          }
        } catch (TransientFailure | KvUnavailableException e) {
          // a network error or 5xx answer, or a metadata exchange that ran out of retries
          problem = e.getMessage();
        }
        if (closed) {
          return;
        }
        if (delivered) {
          refreshedAfter401 = false;
          backoff.reset();
        }
        pauseBeforeReconnecting(problem);
      }
    } catch (InterruptedException e) {
      // closed while waiting to reconnect
    } catch (RuntimeException e) {
      if (!closed) {
        report(e);
      }
    } finally {
      closed = true;
      onEnd.run();
    }
  }

  private void pauseBeforeReconnecting(String problem) throws InterruptedException {
    long delay = backoff.next();
    int failures = backoff.failures();
    if (failures == context.retry().maxAttempts()) {
      outageLogged = true;
      log.warn(
          "KV Connect watch failed to reconnect {} times; it keeps trying, at most {} ms apart, until"
              + " closed: {}",
          failures,
          context.retry().maxInterval().toMillis(),
          problem);
    } else {
      log.debug("KV Connect watch reconnecting in {} ms (attempt {}): {}", delay, failures, problem);
    }
    Thread.sleep(delay);
  }

  private void report(RuntimeException e) {
    log.debug("KV Connect watch failed for good: {}", e.getMessage());
    try {
      listener.onError(e);
    } catch (RuntimeException listenerFailure) {
      log.warn("A watch listener failed handling an error", listenerFailure);
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
    if (!delivered && outageLogged) {
      outageLogged = false;
      log.info("KV Connect watch reconnected");
    }
    delivered = true;
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
