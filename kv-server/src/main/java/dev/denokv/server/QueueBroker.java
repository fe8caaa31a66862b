package dev.denokv.server;

import dev.denokv.spi.Database;
import dev.denokv.spi.QueueMessageHandle;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the database's queue messages to remote consumers. One pump thread takes due messages from
 * the backend, but only while a consumer waits for one; each goes to the longest-waiting consumer
 * under a fresh reservation. The backend keeps the message reserved as long as this broker holds
 * its {@link QueueMessageHandle}; the broker keeps it for a consumer as long as the consumer renews
 * its lease, and ends the delivery as failed (retry after backoff, or dead letter) once the lease
 * lapses. The consumer's first renewal confirms receipt: a reservation that lapses before it (the
 * answer went to a consumer that had gone) hands the message to the next consumer uncounted. The pump stops waiting for the backend as soon as no consumer waits (it interrupts the
 * backend's dequeue, which every backend must allow). A message whose consumer stopped waiting
 * just as it arrived, or that a consumer released, waits here for the next consumer without
 * counting a delivery.
 */
final class QueueBroker implements AutoCloseable {

  /** A message reserved for one consumer. */
  record Delivery(byte[] reservation, byte[] payload, long leaseMs) {}

  /** What ending a delivery did. */
  enum Finish { DONE, LOST }

  /** How a consumer ends a delivery. */
  enum Outcome { SUCCESS, FAILURE, RELEASE }

  private static final Logger log = LoggerFactory.getLogger(QueueBroker.class);
  private static final HexFormat HEX = HexFormat.of();

  /**
   * A message handed to a consumer. Until the consumer's first renewal confirms it received the
   * message, the reservation lives only for the hand-off window, and its lapse hands the message
   * to the next consumer without counting a delivery (the answer may never have reached anyone).
   */
  private record Reservation(QueueMessageHandle handle, long expiresAtNanos, boolean confirmed) {}

  /** The longest hand-off window: how long a delivered message waits for its consumer's confirmation. */
  static final long MAX_HANDOFF_MS = 5_000;

  private final Database database;
  private final long leaseMs;
  private final ScheduledExecutorService scheduler;
  private final SecureRandom random = new SecureRandom();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wanted = lock.newCondition();
  private final ArrayDeque<CompletableFuture<@Nullable Delivery>> waiters = new ArrayDeque<>();
  private final ArrayDeque<QueueMessageHandle> parked = new ArrayDeque<>();
  private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
  private final Thread pump;
  /** Whether the pump is waiting in the backend for a message; guarded by {@link #lock}. */
  private boolean dequeuing;
  private volatile boolean closed;

  QueueBroker(Database database, long leaseMs, ScheduledExecutorService scheduler) {
    this.database = database;
    this.leaseMs = leaseMs;
    this.scheduler = scheduler;
    long sweep = Math.max(10, leaseMs / 4);
    scheduler.scheduleWithFixedDelay(this::sweepLapsed, sweep, sweep, TimeUnit.MILLISECONDS);
    this.pump = new DaemonThreads("kv-connect-queue-pump").newThread(this::pump);
    pump.start();
  }

  /**
   * The next message for a consumer willing to wait {@code waitMs}: completes with a delivery, or
   * with null when none came in time or the broker closed.
   */
  CompletableFuture<@Nullable Delivery> dequeue(long waitMs) {
    CompletableFuture<@Nullable Delivery> waiter = new CompletableFuture<>();
    lock.lock();
    try {
      if (closed) {
        return CompletableFuture.completedFuture(null);
      }
      QueueMessageHandle ready = parked.poll();
      if (ready != null) {
        return CompletableFuture.completedFuture(reserve(ready));
      }
      waiters.add(waiter);
      wanted.signal();
    } finally {
      lock.unlock();
    }
    scheduler.schedule(() -> giveUp(waiter), Math.max(1, waitMs), TimeUnit.MILLISECONDS);
    return waiter;
  }

  /** Renews the leases of {@code ids}; returns those no longer held. */
  List<byte[]> renew(List<byte[]> ids) {
    List<byte[]> lost = new ArrayList<>();
    long expires = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMs);
    for (byte[] id : ids) {
      Reservation renewed =
          reservations.computeIfPresent(HEX.formatHex(id), (k, r) -> new Reservation(r.handle(), expires, true));
      if (renewed == null) {
        lost.add(id);
      }
    }
    return lost;
  }

  /** Ends the delivery under {@code id}. */
  Finish finish(byte[] id, Outcome outcome) {
    Reservation r = reservations.remove(HEX.formatHex(id));
    if (r == null) {
      return Finish.LOST;
    }
    switch (outcome) {
      case SUCCESS -> r.handle().finish(true);
      case FAILURE -> r.handle().finish(false);
      case RELEASE -> offer(r.handle());
    }
    return Finish.DONE;
  }

  /** The lease handed out with every delivery and renewal. */
  long leaseMs() {
    return leaseMs;
  }

  /** How many deliveries consumers hold. */
  int reservationCount() {
    return reservations.size();
  }

  /** Answers every waiting consumer with no message (at shutdown, so that no request lingers). */
  void releaseWaiters() {
    List<CompletableFuture<@Nullable Delivery>> all;
    lock.lock();
    try {
      all = new ArrayList<>(waiters);
      waiters.clear();
      cancelIfUnwanted();
    } finally {
      lock.unlock();
    }
    all.forEach(w -> w.complete(null));
  }

  /**
   * Stops handing out messages. Messages waiting here or held by consumers end as failed
   * deliveries (retried after their backoff), as when an embedded consumer stops in the middle.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      wanted.signalAll();
      cancelIfUnwanted();
    } finally {
      lock.unlock();
    }
    releaseWaiters();
    List<QueueMessageHandle> held = new ArrayList<>();
    lock.lock();
    try {
      held.addAll(parked);
      parked.clear();
    } finally {
      lock.unlock();
    }
    for (String id : List.copyOf(reservations.keySet())) {
      Reservation r = reservations.remove(id);
      if (r != null) {
        held.add(r.handle());
      }
    }
    held.forEach(QueueBroker::failQuietly);
  }

  private void pump() {
    while (true) {
      lock.lock();
      try {
        while (!closed && waiters.isEmpty()) {
          wanted.awaitUninterruptibly();
        }
        if (closed) {
          return;
        }
        dequeuing = true;
      } finally {
        lock.unlock();
      }
      QueueMessageHandle message = null;
      boolean cancelled = false;
      try {
        message = database.dequeueNextMessage();
      } catch (InterruptedException e) {
        cancelled = true; // nobody waits any more
      } catch (RuntimeException e) {
        if (!closed) {
          log.warn("Taking the next queue message for remote consumers failed; they get none", e);
        }
        return;
      } finally {
        lock.lock();
        try {
          dequeuing = false;
        } finally {
          lock.unlock();
        }
        Thread.interrupted(); // a cancellation that came after the message
      }
      if (message != null) {
        offer(message);
      } else if (!cancelled) { // the database closed
        return;
      }
    }
  }

  /** Stops the pump's wait for a message once nobody waits for one (called holding the lock). */
  private void cancelIfUnwanted() {
    if (dequeuing && (closed || waiters.isEmpty())) {
      pump.interrupt();
    }
  }

  /** Gives {@code message} to the longest-waiting consumer, or keeps it for the next one. */
  private void offer(QueueMessageHandle message) {
    lock.lock();
    try {
      if (closed) {
        failQuietly(message);
        return;
      }
      CompletableFuture<@Nullable Delivery> waiter;
      while ((waiter = waiters.poll()) != null) {
        Delivery delivery = reserve(message);
        if (waiter.complete(delivery)) {
          return;
        }
        reservations.remove(HEX.formatHex(delivery.reservation()));
      }
      parked.add(message);
    } finally {
      lock.unlock();
    }
  }

  private Delivery reserve(QueueMessageHandle message) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    long handoffMs = Math.min(leaseMs, MAX_HANDOFF_MS);
    reservations.put(HEX.formatHex(id),
        new Reservation(message, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(handoffMs), false));
    return new Delivery(id, message.payload(), handoffMs);
  }

  private void giveUp(CompletableFuture<@Nullable Delivery> waiter) {
    lock.lock();
    try {
      if (waiters.remove(waiter)) {
        waiter.complete(null);
        cancelIfUnwanted();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the deliveries whose consumer stopped renewing them, as failed; hands those never
   * confirmed to the next consumer.
   */
  private void sweepLapsed() {
    long now = System.nanoTime();
    for (Map.Entry<String, Reservation> e : reservations.entrySet()) {
      Reservation r = e.getValue();
      if (now - r.expiresAtNanos() >= 0 && reservations.remove(e.getKey(), r)) {
        if (r.confirmed()) {
          log.debug("A remote consumer's queue reservation lapsed; the delivery counts as failed");
          failQuietly(r.handle());
        } else {
          log.debug("A queue message was not confirmed by the consumer it was handed to; it goes to the next one");
          offer(r.handle());
        }
      }
    }
  }

  private static void failQuietly(QueueMessageHandle message) {
    try {
      message.finish(false);
    } catch (RuntimeException e) {
      log.debug("Handing back a queue message failed (the backend puts it back itself)", e);
    }
  }
}
