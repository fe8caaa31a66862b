package dev.denokv.server;

import com.google.protobuf.ByteString;
import dev.denokv.proto.internal.KvConnectExtensions;
import dev.denokv.proto.queue.Dequeue;
import dev.denokv.proto.queue.DequeueOutput;
import dev.denokv.proto.queue.DequeueStatus;
import dev.denokv.proto.queue.FinishDelivery;
import dev.denokv.proto.queue.FinishDeliveryOutput;
import dev.denokv.proto.queue.FinishStatus;
import dev.denokv.proto.queue.QueueDelivery;
import dev.denokv.proto.queue.RenewReservations;
import dev.denokv.proto.queue.RenewReservationsOutput;
import dev.denokv.spi.Capability;
import dev.denokv.spi.Database;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the queue extension of KV Connect ({@code queue.proto}): remote consumers take the
 * database's queue messages with {@code queue_dequeue} (a long poll), keep their reservation alive
 * with {@code queue_renew} while their handler runs and end it with {@code queue_finish}. Offered,
 * and announced by the metadata exchange of {@code connect}, only when the database can dequeue
 * ({@link Capability#QUEUE_CONSUMER}); otherwise its routes answer 404. Register
 * {@link #routerFunction()} next to {@link KvConnectHandler#routerFunction()}; requests are
 * authenticated and checked like every other data-path request.
 *
 * <p>Waiting requests hold no servlet thread. As a {@link SmartLifecycle} bean it answers waiting
 * consumers when the application stops; closing it ends the deliveries consumers still hold as
 * failed (they are retried after their backoff).
 */
public final class KvConnectQueueHandler implements SmartLifecycle, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KvConnectQueueHandler.class);
  /** How much longer than its wait the container lets a waiting request stay open. */
  private static final Duration ASYNC_MARGIN = Duration.ofSeconds(10);

  private final KvConnectHandler connect;
  private final QueueExtensionOptions options;
  private final @Nullable QueueBroker broker;
  private final @Nullable ScheduledExecutorService scheduler;
  private volatile boolean running;

  /**
   * A handler serving the queue of {@code database}, which should be the database {@code connect}
   * serves.
   */
  public KvConnectQueueHandler(KvConnectHandler connect, Database database, QueueExtensionOptions options) {
    this.connect = connect;
    this.options = options;
    if (canDequeue(database)) {
      this.scheduler = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("kv-connect-queue"));
      this.broker = new QueueBroker(database, options.lease().toMillis(), scheduler);
      connect.announce(KvConnectExtensions.QUEUE);
    } else {
      this.scheduler = null;
      this.broker = null;
    }
  }

  private static boolean canDequeue(Database database) {
    try {
      return database.capabilities().contains(Capability.QUEUE_CONSUMER);
    } catch (RuntimeException e) { // a remote database that cannot be reached now
      log.warn("The queue extension is not offered: the database's capabilities are unknown ({})", e.toString());
      return false;
    }
  }

  /** Whether the extension is offered (the database can dequeue). */
  public boolean offered() {
    return broker != null;
  }

  /** The routes {@code queue_dequeue}, {@code queue_renew} and {@code queue_finish} under the data path. */
  public RouterFunction<ServerResponse> routerFunction() {
    String data = connect.settings().dataPath();
    return RouterFunctions.route()
        .POST(data + "/" + KvConnectExtensions.QUEUE_DEQUEUE, KvConnectHandler.guarded(this::dequeue))
        .POST(data + "/" + KvConnectExtensions.QUEUE_RENEW, KvConnectHandler.guarded(this::renew))
        .POST(data + "/" + KvConnectExtensions.QUEUE_FINISH, KvConnectHandler.guarded(this::finish))
        .build();
  }

  /** How many deliveries remote consumers hold. */
  public int reservationCount() {
    return broker == null ? 0 : broker.reservationCount();
  }

  /** Answers a {@code Dequeue} with a {@code DequeueOutput} once a message is due or the wait ends. */
  public ServerResponse dequeue(ServerRequest request) throws IOException {
    QueueBroker b = authorize(request);
    Dequeue dequeue = Dequeue.parseFrom(connect.dataPathBody(request));
    long waitMs = Math.min(Integer.toUnsignedLong(dequeue.getWaitMs()), options.maxWait().toMillis());
    CompletableFuture<ServerResponse> answer =
        b.dequeue(waitMs).thenApply(delivery -> KvConnectHandler.protobuf(output(delivery).toByteArray()));
    return ServerResponse.async(answer, Duration.ofMillis(waitMs).plus(ASYNC_MARGIN));
  }

  /** Renews the leases of a {@code RenewReservations}' reservations. */
  public ServerResponse renew(ServerRequest request) throws IOException {
    QueueBroker b = authorize(request);
    RenewReservations renew = RenewReservations.parseFrom(connect.dataPathBody(request));
    if (renew.getReservationsCount() > KvConnectExtensions.MAX_RENEWALS) {
      throw KvConnectRejection.badRequest(
          "Too many reservations in one queue_renew: " + renew.getReservationsCount() + " > "
              + KvConnectExtensions.MAX_RENEWALS + ".");
    }
    List<byte[]> ids = new ArrayList<>(renew.getReservationsCount());
    for (ByteString id : renew.getReservationsList()) {
      ids.add(reservation(id));
    }
    RenewReservationsOutput.Builder out = RenewReservationsOutput.newBuilder().setLeaseMs((int) b.leaseMs());
    for (byte[] lost : b.renew(ids)) {
      out.addLost(ByteString.copyFrom(lost));
    }
    return KvConnectHandler.protobuf(out.build().toByteArray());
  }

  /** Ends the delivery named by a {@code FinishDelivery}. */
  public ServerResponse finish(ServerRequest request) throws IOException {
    QueueBroker b = authorize(request);
    FinishDelivery finish = FinishDelivery.parseFrom(connect.dataPathBody(request));
    byte[] id = reservation(finish.getReservation());
    QueueBroker.Outcome outcome = switch (finish.getOutcome()) {
      case DO_SUCCESS -> QueueBroker.Outcome.SUCCESS;
      case DO_FAILURE -> QueueBroker.Outcome.FAILURE;
      case DO_RELEASE -> QueueBroker.Outcome.RELEASE;
      default -> throw KvConnectRejection.badRequest(
          "queue_finish needs an outcome (DO_SUCCESS, DO_FAILURE or DO_RELEASE).");
    };
    FinishStatus status = b.finish(id, outcome) == QueueBroker.Finish.DONE
        ? FinishStatus.FS_DONE
        : FinishStatus.FS_RESERVATION_LOST;
    return KvConnectHandler.protobuf(FinishDeliveryOutput.newBuilder().setStatus(status).build().toByteArray());
  }

  @Override
  public void start() {
    running = true;
  }

  /** Answers waiting consumers, so that a graceful shutdown does not wait for their long polls. */
  @Override
  public void stop() {
    running = false;
    if (broker != null) {
      broker.releaseWaiters();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops handing out messages; deliveries still held end as failed. Does not close the database. */
  @Override
  public void close() {
    stop();
    if (broker != null) {
      broker.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private QueueBroker authorize(ServerRequest request) {
    connect.authorizeDataPath(request);
    if (broker == null) {
      throw new KvConnectRejection(404, "This server does not offer the queue extension.");
    }
    return broker;
  }

  private static byte[] reservation(ByteString id) {
    if (id.isEmpty() || id.size() > KvConnectExtensions.MAX_RESERVATION_BYTES) {
      throw KvConnectRejection.badRequest(
          "A queue reservation must be 1 to " + KvConnectExtensions.MAX_RESERVATION_BYTES + " bytes.");
    }
    return id.toByteArray();
  }

  private static DequeueOutput output(QueueBroker.@Nullable Delivery delivery) {
    if (delivery == null) {
      return DequeueOutput.newBuilder().setStatus(DequeueStatus.DQ_EMPTY).build();
    }
    return DequeueOutput.newBuilder()
        .setStatus(DequeueStatus.DQ_DELIVERED)
        .setDelivery(QueueDelivery.newBuilder()
            .setReservation(ByteString.copyFrom(delivery.reservation()))
            .setPayload(ByteString.copyFrom(delivery.payload()))
            .setLeaseMs((int) delivery.leaseMs()))
        .build();
  }
}
