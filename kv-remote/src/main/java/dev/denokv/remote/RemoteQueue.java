package dev.denokv.remote;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.proto.internal.KvConnectExtensions;
import dev.denokv.proto.queue.DeliveryOutcome;
import dev.denokv.proto.queue.Dequeue;
import dev.denokv.proto.queue.DequeueOutput;
import dev.denokv.proto.queue.FinishDelivery;
import dev.denokv.proto.queue.FinishDeliveryOutput;
import dev.denokv.proto.queue.FinishStatus;
import dev.denokv.proto.queue.QueueDelivery;
import dev.denokv.proto.queue.RenewReservations;
import dev.denokv.proto.queue.RenewReservationsOutput;
import dev.denokv.spi.QueueMessageHandle;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of the queue extension ({@code queue.proto}) for a server that announced it:
 * long-polls {@code queue_dequeue} for the next message, confirms its receipt at once with a first
 * {@code queue_renew}, renews the reservation of every message being handled at a third of its
 * lease, and ends each delivery with
 * {@code queue_finish}. A dequeue interrupted while waiting hands a message that arrives anyway
 * back to the server untouched. Failures to reach the server while waiting are retried until the
 * database closes.
 */
final class RemoteQueue implements AutoCloseable {

  /** Sends one data-path request (with metadata refresh and retries) and returns the answer body. */
  @FunctionalInterface
  interface DataPath {
    byte[] post(String method, byte[] request);
  }

  private static final Logger log = LoggerFactory.getLogger(RemoteQueue.class);
  private static final HexFormat HEX = HexFormat.of();
  private static final Duration MAX_WAIT = Duration.ofSeconds(20);
  private static final long MIN_RENEW_INTERVAL_MS = 20;

  private final DataPath dataPath;
  private final long waitMs;
  private final Duration outageWait;
  private final ExecutorService requests;
  private final ScheduledExecutorService timer;
  /** The reservations of messages being handled, by hex id. */
  private final Map<String, Message> held = new ConcurrentHashMap<>();
  private @Nullable ScheduledFuture<?> renewal; // guarded by this
  private volatile boolean closed;

  /**
   * @param requestTimeout the transport's deadline for an answer; a dequeue waits half of it at
   *     most (and at most 20 s)
   * @param outageWait how long to wait before asking again after the server could not be reached
   */
  RemoteQueue(DataPath dataPath, Duration requestTimeout, Duration outageWait, ExecutorService requests,
      ScheduledExecutorService timer) {
    this.dataPath = dataPath;
    this.waitMs = Math.max(1, Math.min(MAX_WAIT.toMillis(), requestTimeout.toMillis() / 2));
    this.outageWait = outageWait;
    this.requests = requests;
    this.timer = timer;
  }

  /** Waits for the next message; null once closed. */
  @Nullable QueueMessageHandle dequeue() throws InterruptedException {
    byte[] request = Dequeue.newBuilder().setWaitMs((int) waitMs).build().toByteArray();
    while (!closed) {
      CompletableFuture<DequeueOutput> answer;
      try {
        answer = CompletableFuture.supplyAsync(() -> ask(request), requests);
      } catch (RejectedExecutionException e) {
        return null; // closed meanwhile
      }
      DequeueOutput output;
      try {
        output = answer.get();
      } catch (InterruptedException e) {
        answer.thenAccept(this::release);
        throw e;
      } catch (ExecutionException | CancellationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (closed) {
          return null;
        }
        if (cause instanceof KvUnavailableException) {
          log.warn("Waiting for queue messages: {}; asking again in {}", cause.getMessage(), outageWait);
          Thread.sleep(outageWait.toMillis());
          continue;
        }
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new KvException("Waiting for a queue message failed: " + cause, cause);
      }
      switch (output.getStatus()) {
        case DQ_EMPTY -> {}
        case DQ_DELIVERED -> {
          if (closed) {
            release(output);
            return null;
          }
          Message message = hold(output.getDelivery());
          if (message != null) {
            return message;
          }
        }
        default -> throw new KvCodecException(
            "KV Connect queue_dequeue answered status " + output.getStatusValue() + " (expected DQ_DELIVERED or DQ_EMPTY)");
      }
    }
    return null;
  }

  /** How many messages this consumer holds. */
  int heldCount() {
    return held.size();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      if (renewal != null) {
        renewal.cancel(false);
      }
    }
  }

  private DequeueOutput ask(byte[] request) {
    return parse(DequeueOutput.parser(), dataPath.post(KvConnectExtensions.QUEUE_DEQUEUE, request),
        KvConnectExtensions.QUEUE_DEQUEUE);
  }

  /**
   * Confirms the receipt of {@code delivery} with a first renewal and keeps it renewed; null when
   * the server no longer holds it or cannot be told (it then goes to another consumer, uncounted).
   */
  private @Nullable Message hold(QueueDelivery delivery) {
    if (delivery.getReservation().isEmpty()) {
      throw new KvCodecException("KV Connect queue_dequeue delivered a message without a reservation");
    }
    RenewReservationsOutput confirmed;
    try {
      confirmed = renew(List.of(delivery.getReservation()));
    } catch (KvUnavailableException e) {
      log.warn("Confirming the receipt of a queue message failed; it goes to another consumer: {}", e.getMessage());
      return null;
    }
    if (confirmed.getLostCount() > 0) {
      return null; // not confirmed in time: the server has handed it to another consumer
    }
    Message m = new Message(delivery.getReservation(), delivery.getPayload().toByteArray());
    held.put(m.id, m);
    scheduleRenewal(Integer.toUnsignedLong(confirmed.getLeaseMs()));
    return m;
  }

  private RenewReservationsOutput renew(List<ByteString> reservations) {
    byte[] request = RenewReservations.newBuilder().addAllReservations(reservations).build().toByteArray();
    return parse(RenewReservationsOutput.parser(), dataPath.post(KvConnectExtensions.QUEUE_RENEW, request),
        KvConnectExtensions.QUEUE_RENEW);
  }

  private synchronized void scheduleRenewal(long leaseMs) {
    if (renewal != null || closed) {
      return;
    }
    long every = Math.max(MIN_RENEW_INTERVAL_MS, leaseMs / 3);
    try {
      renewal = timer.scheduleWithFixedDelay(
          () -> requests.execute(this::renewHeld), every, every, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private void renewHeld() {
    if (closed || held.isEmpty()) {
      return;
    }
    try {
      RenewReservationsOutput output = renew(
          held.values().stream().limit(KvConnectExtensions.MAX_RENEWALS).map(m -> m.reservation).toList());
      for (ByteString lost : output.getLostList()) {
        Message m = held.remove(HEX.formatHex(lost.toByteArray()));
        if (m != null) {
          log.warn("The server no longer reserves a queue message being handled (its lease lapsed); "
              + "it will be delivered again");
        }
      }
    } catch (RuntimeException e) {
      if (!closed) {
        log.warn("Renewing queue reservations failed (tried again shortly): {}", e.toString());
      }
    }
  }

  /** Hands a message that arrived for nobody back to the server, without counting a delivery. */
  private void release(DequeueOutput output) {
    if (output.getStatus() != dev.denokv.proto.queue.DequeueStatus.DQ_DELIVERED) {
      return;
    }
    try {
      send(output.getDelivery().getReservation(), DeliveryOutcome.DO_RELEASE);
    } catch (RuntimeException e) {
      log.warn("Handing an unhandled queue message back failed; its reservation lapses instead: {}", e.toString());
    }
  }

  private FinishStatus send(ByteString reservation, DeliveryOutcome outcome) {
    byte[] request = FinishDelivery.newBuilder().setReservation(reservation).setOutcome(outcome).build().toByteArray();
    return parse(FinishDeliveryOutput.parser(), dataPath.post(KvConnectExtensions.QUEUE_FINISH, request),
        KvConnectExtensions.QUEUE_FINISH).getStatus();
  }

  private static <M> M parse(com.google.protobuf.Parser<M> parser, byte[] body, String method) {
    try {
      return parser.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new KvCodecException("Malformed KV Connect " + method + " response (" + body.length + " bytes): "
          + e.getMessage(), e);
    }
  }

  /** A message held by this consumer. */
  private final class Message implements QueueMessageHandle {
    private final ByteString reservation;
    private final String id;
    private final byte[] payload;
    private final AtomicBoolean finished = new AtomicBoolean();

    Message(ByteString reservation, byte[] payload) {
      this.reservation = reservation;
      this.id = HEX.formatHex(reservation.toByteArray());
      this.payload = payload;
    }

    @Override
    public byte[] payload() {
      return payload;
    }

    /**
     * Tells the server the outcome. When it cannot be told (the server is unreachable), the
     * reservation lapses and the message is delivered again after its backoff.
     */
    @Override
    public void finish(boolean success) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      boolean wasHeld = held.remove(id) != null;
      if (closed) {
        throw new KvClosedException();
      }
      try {
        FinishStatus status = send(reservation, success ? DeliveryOutcome.DO_SUCCESS : DeliveryOutcome.DO_FAILURE);
        if (status == FinishStatus.FS_RESERVATION_LOST && wasHeld) {
          log.warn("A queue message was handled after the server gave up its reservation (its lease lapsed); "
              + "it is delivered again");
        } else if (status != FinishStatus.FS_DONE && status != FinishStatus.FS_RESERVATION_LOST) {
          throw new KvCodecException("KV Connect queue_finish answered status " + status);
        }
      } catch (KvUnavailableException e) {
        log.warn("Telling the server the outcome of a queue message failed; its reservation lapses and it is "
            + "delivered again: {}", e.getMessage());
      }
    }
  }
}
