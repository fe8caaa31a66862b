package dev.denokv;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.spi.Database;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueCodec;
import dev.denokv.value.ValueEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of one queue listener, each running on the listener's executor for as long as the
 * listener runs. A worker takes the next due message from the backend, reads its type marker,
 * converts it for the handler of its type and runs the handler; success acknowledges the message,
 * an exception hands it back for a retry, and a message no handler fits is dead-lettered. Both
 * failures go to the error handler.
 */
final class QueueWorkers implements QueueSubscription {

  private static final Logger log = LoggerFactory.getLogger(QueueWorkers.class);
  private static final AtomicInteger LISTENERS = new AtomicInteger();

  private final Database database;
  private final ValueCodec codec;
  private final QueueHandlers handlers;
  private final QueueListenerOptions options;
  private final List<Worker> workers = new ArrayList<>();
  private final CompletableFuture<Void> stopped;
  private volatile boolean stopping;

  QueueWorkers(Database database, ValueCodec codec, QueueHandlers handlers, QueueListenerOptions options) {
    this.database = database;
    this.codec = codec;
    this.handlers = handlers;
    this.options = options;
    Executor executor = options.executor() != null ? options.executor() : ownThreads(LISTENERS.incrementAndGet());
    List<CompletableFuture<Void>> ends = new ArrayList<>();
    for (int i = 0; i < options.concurrency(); i++) {
      Worker worker = new Worker();
      workers.add(worker);
      ends.add(worker.ended);
    }
    this.stopped = CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
    try {
      for (Worker worker : workers) {
        executor.execute(worker);
      }
    } catch (RejectedExecutionException e) {
      stop();
      throw e;
    }
  }

  /** Daemon threads named {@code kv-queue-<listener>-<worker>}. */
  private static Executor ownThreads(int listener) {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "kv-queue-" + listener + "-" + next.getAndIncrement());
      thread.setDaemon(true);
      thread.start();
    };
  }

  @Override
  public CompletableFuture<Void> stop() {
    stopping = true;
    for (Worker worker : workers) {
      worker.interruptIfIdle();
    }
    return stopped.copy();
  }

  @Override
  public void close() {
    try {
      stop().get(options.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException e) {
      log.warn("Queue listener: handlers still running after {}; interrupting them", options.closeTimeout());
      workers.forEach(Worker::interrupt);
    } catch (ExecutionException e) {
      // A worker loop never completes exceptionally.
    }
  }

  private final class Worker implements Runnable {
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    private @Nullable Thread thread;
    private boolean idle;

    synchronized void interruptIfIdle() {
      if (thread == null) {
        ended.complete(null); // never started: nothing to wait for
      } else if (idle) {
        thread.interrupt();
      }
    }

    synchronized void interrupt() {
      if (thread != null) {
        thread.interrupt();
      }
    }

    /** Marks the worker idle (waiting for a message) or busy; false once it should stop. */
    private synchronized boolean idle(boolean value) {
      idle = value;
      return !stopping;
    }

    @Override
    public void run() {
      synchronized (this) {
        if (ended.isDone()) {
          return;
        }
        thread = Thread.currentThread();
      }
      try {
        loop();
      } finally {
        synchronized (this) {
          thread = null;
          Thread.interrupted();
        }
        ended.complete(null);
      }
    }

    private void loop() {
      while (!stopping) {
        QueueMessageHandle message;
        try {
          if (!idle(true)) {
            return;
          }
          message = database.dequeueNextMessage();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          if (!stopping) {
            log.error("Queue listener stopped: the database failed", e);
          }
          return;
        } finally {
          idle(false);
          Thread.interrupted();
        }
        if (message == null) {
          return;
        }
        deliver(message);
      }
    }

    private void deliver(QueueMessageHandle handle) {
      byte[] payload = handle.payload();
      String type = null;
      Object message;
      QueueHandlers.Route<?> route;
      try {
        QueueMessages.Received received = QueueMessages.read(payload);
        type = received.type();
        route = handlers.routeFor(type);
        if (route == null) {
          throw new KvException(type == null
              ? "no handler takes messages without a type marker; handlers take " + handlers.types()
              : "no handler takes messages of type '" + type + "'; handlers take " + handlers.types());
        }
        message = codec.decode(new EncodedValue(ValueEncoding.V8, received.payload()), route.type());
      } catch (RuntimeException e) {
        end(handle, QueueMessageHandle::deadLetter);
        report(new QueueFailure(QueueFailure.Kind.NOT_CONVERTIBLE, type, null, payload, e));
        return;
      }
      try {
        route.handle(message);
      } catch (Exception e) {
        end(handle, h -> h.finish(false));
        report(new QueueFailure(QueueFailure.Kind.HANDLER_FAILED, type, message, payload, e));
        return;
      }
      end(handle, h -> h.finish(true));
    }

    /** Acknowledges, hands back or dead-letters a message; a database closed meanwhile delivers it again later. */
    private void end(QueueMessageHandle handle, Consumer<QueueMessageHandle> how) {
      try {
        how.accept(handle);
      } catch (KvClosedException e) {
        log.info("Queue listener: the database was closed before a message was finished; it will be delivered again");
      } catch (RuntimeException e) {
        log.error("Queue listener: a message could not be finished; it will be delivered again", e);
      }
    }

    private void report(QueueFailure failure) {
      try {
        options.errorHandler().handleError(failure);
      } catch (RuntimeException e) {
        log.error("Queue error handler failed", e);
      }
    }
  }
}
