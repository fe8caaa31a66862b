package dev.denokv.sqlite;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes consumers waiting for a queue message when the queue may have changed. */
final class QueueSignal {

  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;
  private int waiters;

  QueueSignal(Clock clock) {
    this.clock = clock;
  }

  /** The current generation; pass it to {@link #await} to not miss a signal given in between. */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a consumer is waiting. */
  boolean hasWaiters() {
    lock.lock();
    try {
      return waiters > 0;
    } finally {
      lock.unlock();
    }
  }

  void signalAll() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a signal after {@code seen} or until {@code deadlineMs} (epoch ms). */
  void await(long seen, long deadlineMs) throws InterruptedException {
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
