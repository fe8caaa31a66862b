package dev.denokv.server;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes the frames of an asynchronous response with Servlet non-blocking I/O: a frame is written
 * only while the container reports the connection ready, and once it is not, the container calls
 * back ({@link #onWritePossible()}) when it is again. {@link #pump()} may be called from any
 * thread and returns at once: the writing happens in one drain at a time on the writer executor,
 * so no lock is held across a write, and a container whose non-blocking writes still wait on a
 * stalled connection (Tomcat over HTTP/2 does, briefly) holds up that drain only.
 */
final class FrameWriter implements WriteListener {

  /** Whether and how the response ends. */
  enum End {
    /** Not yet: write on. */
    NOT_YET,
    /** Complete the response now, whether or not the client still reads. */
    COMPLETE,
    /** Leave the response alone: the container has ended it, or it failed. */
    ABANDON
  }

  /** Where the frames come from. Called by the draining thread only. */
  interface Frames {

    /** Whether the response is to end now. */
    End end();

    /** The next frame to write, or null when there is none yet. */
    byte @Nullable [] next();
  }

  /** {@link #heldBackSinceMs()} of a writer the connection is not holding back. */
  static final long NOT_HELD_BACK = Long.MIN_VALUE;

  private final AsyncContext async;
  private final Clock clock;
  /** When the connection last reported itself not ready, or {@link #NOT_HELD_BACK} since it was ready again. */
  private volatile long heldBackSinceMs = NOT_HELD_BACK;
  private final Frames frames;
  private final Executor executor;
  private final Consumer<Throwable> onFailure;
  /** Pumps not yet served; a drain runs while this is positive. */
  private final AtomicInteger pumps = new AtomicInteger();
  private volatile @Nullable ServletOutputStream out;
  /** Touched by the draining thread only. */
  private boolean unflushed;
  private volatile boolean done;

  FrameWriter(AsyncContext async, Frames frames, Executor executor, Consumer<Throwable> onFailure, Clock clock) {
    this.async = async;
    this.clock = clock;
    this.frames = frames;
    this.executor = executor;
    this.onFailure = onFailure;
  }

  /**
   * Switches the response to non-blocking writes; the container then calls
   * {@link #onWritePossible()} for the first time.
   */
  void start() throws IOException {
    ServletOutputStream stream = async.getResponse().getOutputStream();
    out = stream;
    stream.setWriteListener(this);
  }

  /** Completes the response of a writer whose {@link #start()} failed. */
  void completeUnstarted() {
    done = true;
    completeQuietly();
  }

  /** Has what the frames hold written, or the response ended; never waits. */
  void pump() {
    if (pumps.getAndIncrement() != 0) {
      return; // the running drain goes round once more
    }
    try {
      executor.execute(this::drainAll);
    } catch (RejectedExecutionException e) {
      drainAll(); // the server is stopping: end the response here
    }
  }

  @Override
  public void onWritePossible() {
    heldBackSinceMs = NOT_HELD_BACK;
    pump();
  }

  /**
   * Since when (epoch milliseconds) the connection has been holding this writer's frames back, or
   * {@link #NOT_HELD_BACK}.
   */
  long heldBackSinceMs() {
    return heldBackSinceMs;
  }

  @Override
  public void onError(Throwable error) {
    done = true;
    onFailure.accept(error);
  }

  private void drainAll() {
    do {
      drain();
    } while (pumps.decrementAndGet() != 0);
  }

  private void drain() {
    ServletOutputStream stream = out;
    if (done || stream == null) {
      return;
    }
    try {
      while (true) {
        End end = frames.end();
        if (end != End.NOT_YET) {
          done = true;
          if (end == End.COMPLETE) {
            async.complete(); // also when the client stopped reading: nothing waits for it
          }
          return;
        }
        if (!stream.isReady()) {
          if (heldBackSinceMs == NOT_HELD_BACK) {
            heldBackSinceMs = clock.millis();
          }
          return; // onWritePossible follows
        }
        byte[] frame = frames.next();
        if (frame != null) {
          stream.write(frame);
          unflushed = true;
        } else if (unflushed) {
          unflushed = false;
          stream.flush();
        } else {
          return;
        }
      }
    } catch (IOException e) {
      done = true;
      onFailure.accept(e); // the container has seen the connection fail and ends the request
    } catch (RuntimeException e) {
      done = true;
      onFailure.accept(e);
      completeQuietly();
    }
  }

  private void completeQuietly() {
    try {
      async.complete();
    } catch (IllegalStateException alreadyEnded) {
      // the container ended the request first
    }
  }
}
