package dev.denokv.spi.support;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes consumers waiting for a queue message when the queue may have changed. */
public final class QueueSignal {

  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;
  private int waiters;

  public QueueSignal(Clock clock) {
    this.clock = clock;
  }

  /** The current generation; pass it to {@link #await} to not miss a signal given in between. */
  public long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a consumer is waiting. */
  public boolean hasWaiters() {
    lock.lock();
    try {
      return waiters > 0;
    } finally {
      lock.unlock();
    }
  }

  public void signalAll() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a signal after {@code seen} or until {@code deadlineMs} (epoch ms). */
  public void await(long seen, long deadlineMs) throws InterruptedException {
    lock.lock();
    waiters++;
    try {
      while (generation == seen) {
        long waitMs = deadlineMs - clock.millis();
        if (waitMs <= 0) {
          return;
        }
        changed.await(waitMs, TimeUnit.MILLISECONDS);
      }
    } finally {
      waiters--;
      lock.unlock();
    }
  }
}
