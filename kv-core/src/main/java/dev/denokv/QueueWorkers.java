package dev.denokv;

import dev.denokv.spi.Database;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueCodec;
import dev.denokv.value.ValueEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one queue listener. Each takes the next due message from the backend, converts
 * it and runs the handler; success acknowledges the message, an exception hands it back for a
 * retry. Closing stops taking messages and waits for running handlers to finish.
 */
final class QueueWorkers<T> implements KvSubscription {

  private static final Logger log = LoggerFactory.getLogger(QueueWorkers.class);
  private static final AtomicInteger LISTENERS = new AtomicInteger();
  private static final long SHUTDOWN_WAIT_MILLIS = 30_000;

  private final Database database;
  private final ValueCodec codec;
  private final Class<T> type;
  private final QueueHandler<? super T> handler;
  private final List<Worker> workers = new ArrayList<>();
  private volatile boolean stopping;

  QueueWorkers(Database database, ValueCodec codec, Class<T> type, QueueHandler<? super T> handler, int concurrency) {
    this.database = database;
    this.codec = codec;
    this.type = type;
    this.handler = handler;
    int id = LISTENERS.incrementAndGet();
    for (int i = 0; i < concurrency; i++) {
      Worker w = new Worker("kv-queue-" + id + "-" + i);
      workers.add(w);
      w.start();
    }
  }

  @Override
  public void close() {
    stopping = true;
    for (Worker w : workers) {
      w.interruptIfIdle();
    }
    long deadline = System.currentTimeMillis() + SHUTDOWN_WAIT_MILLIS;
    for (Worker w : workers) {
      try {
        w.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private final class Worker extends Thread {
    private boolean idle;

    Worker(String name) {
      super(name);
      setDaemon(true);
    }

    synchronized void interruptIfIdle() {
      if (idle) {
        interrupt();
      }
    }

    private synchronized void idle(boolean value) {
      idle = value;
    }

    @Override
    public void run() {
      while (!stopping) {
        QueueMessageHandle message;
        try {
          idle(true);
          if (stopping) {
            return;
          }
          message = database.dequeueNextMessage();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          if (!stopping) {
            log.warn("Queue listener stopped: {}", e.toString());
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

    private void deliver(QueueMessageHandle message) {
      boolean success = false;
      try {
        T value = codec.decode(new EncodedValue(ValueEncoding.V8, message.payload()), type);
        handler.handle(value);
        success = true;
      } catch (Exception e) {
        log.warn("Queue handler failed; the message will be retried: {}", e.toString());
      } finally {
        message.finish(success);
      }
    }
  }
}
