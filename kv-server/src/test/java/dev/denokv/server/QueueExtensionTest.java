package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.denokv.EnqueueOptions;
import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.proto.internal.KvConnectExtensions;
import dev.denokv.proto.queue.DeliveryOutcome;
import dev.denokv.proto.queue.Dequeue;
import dev.denokv.proto.queue.DequeueOutput;
import dev.denokv.proto.queue.DequeueStatus;
import dev.denokv.proto.queue.FinishDelivery;
import dev.denokv.proto.queue.FinishDeliveryOutput;
import dev.denokv.proto.queue.FinishStatus;
import dev.denokv.proto.queue.QueueDelivery;
import dev.denokv.proto.queue.RenewReservations;
import dev.denokv.proto.queue.RenewReservationsOutput;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.spi.Capability;
import dev.denokv.value.codec.DenoValueCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue extension of the project's server, request by request ({@code queue_dequeue},
 * {@code queue_renew}, {@code queue_finish}) and through a {@link RemoteDatabase}'s queue listener,
 * on a server of its own (a 2 s lease) so that no other test's messages reach it.
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = KvConnectTestApplication.QUEUE_LEASE_PROPERTY + "=2s")
class QueueExtensionTest {

  /** A queue message as an application would send it. */
  record Job(String id, boolean fail) {}

  private static final long LEASE_MS = 2_000;

  @LocalServerPort int port;
  @Autowired RecordingDatabase database;
  @Autowired KvConnectQueueHandler queueHandler;

  private JavaKvConnectClient client;
  private JavaKvConnectClient.Session session;
  private KvTemplate serverSide;
  private KvKey prefix;

  @BeforeEach
  void open() {
    client = new JavaKvConnectClient(port);
    session = client.session();
    serverSide = KvTemplate.builder(database).valueCodec(DenoValueCodec.defaults()).build();
    prefix = KvKey.of("queue-extension", UUID.randomUUID().toString());
  }

  @AfterEach
  void noDeliveryLeftBehind() {
    assertThat(queueHandler.reservationCount()).as("reservations held after the test").isZero();
  }

  @Test
  void theMetadataExchangeAnnouncesTheExtensionInAHeaderAndLeavesTheJsonAsTheProtocolHasIt() {
    HttpResponse<String> r = client.exchange(
        Map.of("Authorization", "Bearer " + KvConnectTestApplication.ACCESS_TOKEN, "Content-Type", "application/json"),
        "{\"supportedVersions\":[2,3]}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue(KvConnectExtensions.HEADER)).hasValue(KvConnectExtensions.QUEUE);
    assertThat(JsonMapper.builder().build().readTree(r.body()).propertyNames())
        .containsExactly("version", "databaseId", "endpoints", "token", "expiresAt");
    assertThat(queueHandler.offered()).isTrue();
  }

  @Test
  void aDeliveryIsReservedForOneConsumerUntilItIsFinished() {
    serverSide.enqueue(new Job(prefix + "-a", false));

    QueueDelivery first = delivered(dequeue(5_000));
    assertThat(first.getLeaseMs()).isEqualTo(LEASE_MS);
    assertThat(decode(first)).isEqualTo(new Job(prefix + "-a", false));
    assertThat(renew(first.getReservation()).getLostList()).isEmpty();

    // Another consumer waiting meanwhile gets nothing: the only message is reserved.
    assertThat(dequeue(300).getStatus()).isEqualTo(DequeueStatus.DQ_EMPTY);

    assertThat(finish(first.getReservation(), DeliveryOutcome.DO_SUCCESS)).isEqualTo(FinishStatus.FS_DONE);
    assertThat(finish(first.getReservation(), DeliveryOutcome.DO_SUCCESS)).isEqualTo(FinishStatus.FS_RESERVATION_LOST);
    assertThat(renew(first.getReservation()).getLostList()).containsExactly(first.getReservation());
    assertThat(dequeue(0).getStatus()).isEqualTo(DequeueStatus.DQ_EMPTY);
  }

  @Test
  void aLapsedReservationIsDeliveredToTheNextConsumerAndItsLateOutcomeIsRefused() {
    KvKey dead = prefix.append("dead");
    serverSide.enqueue(new Job(prefix + "-lapse", false),
        EnqueueOptions.defaults().withKeysIfUndelivered(dead).withBackoffSchedule(Duration.ofMillis(10)));

    QueueDelivery abandoned = delivered(dequeue(5_000));
    assertThat(renew(abandoned.getReservation()).getLostList()).as("receipt confirmed").isEmpty();
    // Not renewed again: the lease lapses, the delivery counts as failed, and after the 10 ms
    // backoff the message goes to the next consumer.
    QueueDelivery again = delivered(dequeue(5_000));

    assertThat(again.getPayload()).isEqualTo(abandoned.getPayload());
    assertThat(again.getReservation()).isNotEqualTo(abandoned.getReservation());
    assertThat(finish(abandoned.getReservation(), DeliveryOutcome.DO_SUCCESS))
        .isEqualTo(FinishStatus.FS_RESERVATION_LOST);
    // The lapse used up the one retry: failing now dead-letters the message.
    assertThat(finish(again.getReservation(), DeliveryOutcome.DO_FAILURE)).isEqualTo(FinishStatus.FS_DONE);
    assertThat(serverSide.get(dead, Job.class).value()).isEqualTo(new Job(prefix + "-lapse", false));
  }

  @Test
  void aDeliveryNeverConfirmedGoesToTheNextConsumerWithoutCountingADelivery() {
    KvKey dead = prefix.append("dead");
    serverSide.enqueue(new Job(prefix + "-unconfirmed", true),
        EnqueueOptions.defaults().withKeysIfUndelivered(dead).withBackoffSchedule());

    // Handed to a consumer that never confirms it (as when the answer reaches no one).
    QueueDelivery lost = delivered(dequeue(5_000));
    QueueDelivery next = delivered(dequeue(5_000));
    assertThat(next.getPayload()).isEqualTo(lost.getPayload());
    assertThat(serverSide.get(dead).exists()).as("no delivery counted").isFalse();
    assertThat(finish(lost.getReservation(), DeliveryOutcome.DO_SUCCESS)).isEqualTo(FinishStatus.FS_RESERVATION_LOST);

    // With no retry in its schedule, the first counted failure dead-letters it.
    assertThat(finish(next.getReservation(), DeliveryOutcome.DO_FAILURE)).isEqualTo(FinishStatus.FS_DONE);
    assertThat(serverSide.get(dead, Job.class).value()).isEqualTo(new Job(prefix + "-unconfirmed", true));
  }

  @Test
  void aReleasedMessageGoesToTheNextConsumerWithoutCountingADelivery() {
    KvKey dead = prefix.append("dead");
    serverSide.enqueue(new Job(prefix + "-release", true),
        EnqueueOptions.defaults().withKeysIfUndelivered(dead).withBackoffSchedule(Duration.ofMillis(10)));

    QueueDelivery released = delivered(dequeue(5_000));
    assertThat(finish(released.getReservation(), DeliveryOutcome.DO_RELEASE)).isEqualTo(FinishStatus.FS_DONE);
    QueueDelivery first = delivered(dequeue(0)); // handed over at once, no backoff
    assertThat(first.getPayload()).isEqualTo(released.getPayload());

    assertThat(finish(first.getReservation(), DeliveryOutcome.DO_FAILURE)).isEqualTo(FinishStatus.FS_DONE);
    assertThat(serverSide.get(dead).exists()).as("one retry is left").isFalse();
    QueueDelivery retry = delivered(dequeue(5_000));
    assertThat(finish(retry.getReservation(), DeliveryOutcome.DO_FAILURE)).isEqualTo(FinishStatus.FS_DONE);
    assertThat(serverSide.get(dead, Job.class).value()).isEqualTo(new Job(prefix + "-release", true));
  }

  @Test
  void badQueueRequestsAreRefusedWithAPlainTextClientError() {
    byte[] finishWithoutOutcome =
        FinishDelivery.newBuilder().setReservation(ByteString.copyFrom(new byte[16])).build().toByteArray();
    byte[] longReservation = FinishDelivery.newBuilder()
        .setReservation(ByteString.copyFrom(new byte[65])).setOutcome(DeliveryOutcome.DO_SUCCESS).build().toByteArray();
    RenewReservations.Builder tooMany = RenewReservations.newBuilder();
    for (int i = 0; i < 1001; i++) {
      tooMany.addReservations(ByteString.copyFrom(new byte[] {1}));
    }

    assertRefused(client.post(session, "queue_finish", finishWithoutOutcome), 400, "needs an outcome");
    assertRefused(client.post(session, "queue_finish", longReservation), 400, "1 to 64 bytes");
    assertRefused(client.post(session, "queue_renew", tooMany.build().toByteArray()), 400, "1001 > 1000");
    assertRefused(client.post(session, "queue_dequeue", new byte[] {(byte) 0xff}), 400, "not a valid protobuf");
    Map<String, String> wrongToken = JavaKvConnectClient.headers(session);
    wrongToken.put("Authorization", "Bearer not-a-token");
    assertRefused(client.post(session.endpoint().resolve(session.endpoint().getPath() + "/queue_dequeue"), wrongToken,
        Dequeue.getDefaultInstance().toByteArray()), 401, "data path token");
  }

  @Test
  void aRemoteListenerKeepsItsReservationWhileItsHandlerRunsLongerThanTheLease() throws Exception {
    KvKey dead = prefix.append("dead");
    List<Job> handled = new CopyOnWriteArrayList<>();
    CountDownLatch slowStarted = new CountDownLatch(1);
    CompletableFuture<Void> slowMayEnd = new CompletableFuture<>();
    CountDownLatch allHandled = new CountDownLatch(3);
    try (KvTemplate remote = KvTemplate.builder(RemoteDatabase.builder()
            .url("http://localhost:" + port + "/kv").accessToken(KvConnectTestApplication.ACCESS_TOKEN).build())
        .valueCodec(DenoValueCodec.defaults()).build()) {
      assertThat(remote.database().capabilities()).containsExactly(Capability.QUEUE_CONSUMER);
      try (KvSubscription listener = remote.listenQueue(Job.class, job -> {
        handled.add(job);
        allHandled.countDown();
        if (job.id().endsWith("slow")) {
          slowStarted.countDown();
          slowMayEnd.get();
        }
        if (job.fail()) {
          throw new IllegalStateException("cannot handle " + job.id());
        }
      })) {
        remote.enqueue(new Job(prefix + "-slow", false), EnqueueOptions.defaults().withBackoffSchedule(Duration.ofMillis(10)));
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // Waiting three leases long for a message: had the listener's reservation lapsed, its
        // message would come here after 10 ms.
        assertThat(dequeue(3 * LEASE_MS).getStatus()).isEqualTo(DequeueStatus.DQ_EMPTY);
        slowMayEnd.complete(null);

        remote.enqueue(new Job(prefix + "-poison", true),
            EnqueueOptions.defaults().withKeysIfUndelivered(dead).withBackoffSchedule(Duration.ofMillis(10)));
        assertThat(allHandled.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Job> deadLetter = new CompletableFuture<>();
        try (KvSubscription watch = remote.watch(List.of(dead), Job.class, entries -> {
          if (entries.get(0).value() != null) {
            deadLetter.complete(entries.get(0).value());
          }
        })) {
          assertThat(deadLetter.get(10, TimeUnit.SECONDS)).isEqualTo(new Job(prefix + "-poison", true));
        }
      }
    }
    assertThat(handled).containsExactly(
        new Job(prefix + "-slow", false), new Job(prefix + "-poison", true), new Job(prefix + "-poison", true));
  }

  @Test
  void aMessageArrivingForAClosedListenerIsHandedBackToTheNextConsumer() throws Exception {
    try (RemoteDatabase remoteDatabase = RemoteDatabase.builder()
            .url("http://localhost:" + port + "/kv").accessToken(KvConnectTestApplication.ACCESS_TOKEN).build();
        KvTemplate remote = KvTemplate.builder(remoteDatabase).valueCodec(DenoValueCodec.defaults()).build()) {
      CountDownLatch waiting = new CountDownLatch(1);
      List<Job> handled = new CopyOnWriteArrayList<>();
      KvSubscription listener = remote.listenQueue(Job.class, handled::add);
      // The listener's worker is waiting on the server; once a raw consumer also waits behind it,
      // closing the listener leaves its long poll open at the server.
      CompletableFuture<DequeueOutput> next = CompletableFuture.supplyAsync(() -> {
        waiting.countDown();
        return dequeue(5_000);
      });
      assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
      listener.close();

      // A minute's backoff: had the message been lost with a lapsing reservation instead of handed
      // back, the next consumer would not get it within its wait.
      serverSide.enqueue(new Job(prefix + "-late", false), EnqueueOptions.defaults().withBackoffSchedule(Duration.ofMinutes(1)));
      // Whoever the server offers it to first, the closed listener hands it back untouched.
      QueueDelivery delivery = delivered(next.get(10, TimeUnit.SECONDS));
      assertThat(decode(delivery)).isEqualTo(new Job(prefix + "-late", false));
      assertThat(finish(delivery.getReservation(), DeliveryOutcome.DO_SUCCESS)).isEqualTo(FinishStatus.FS_DONE);
      assertThat(handled).isEmpty();
    }
  }

  // ---- wire helpers -------------------------------------------------------------------------

  private DequeueOutput dequeue(long waitMs) {
    HttpResponse<byte[]> r = client.post(session, "queue_dequeue",
        Dequeue.newBuilder().setWaitMs((int) waitMs).build().toByteArray());
    assertThat(r.statusCode()).as(() -> new String(r.body())).isEqualTo(200);
    return parse(() -> DequeueOutput.parseFrom(r.body()));
  }

  private RenewReservationsOutput renew(ByteString reservation) {
    HttpResponse<byte[]> r = client.post(session, "queue_renew",
        RenewReservations.newBuilder().addReservations(reservation).build().toByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return parse(() -> RenewReservationsOutput.parseFrom(r.body()));
  }

  private FinishStatus finish(ByteString reservation, DeliveryOutcome outcome) {
    HttpResponse<byte[]> r = client.post(session, "queue_finish",
        FinishDelivery.newBuilder().setReservation(reservation).setOutcome(outcome).build().toByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return parse(() -> FinishDeliveryOutput.parseFrom(r.body())).getStatus();
  }

  private static QueueDelivery delivered(DequeueOutput output) {
    assertThat(output.getStatus()).isEqualTo(DequeueStatus.DQ_DELIVERED);
    return output.getDelivery();
  }

  private Job decode(QueueDelivery delivery) {
    return DenoValueCodec.defaults().decode(
        new dev.denokv.value.EncodedValue(dev.denokv.value.ValueEncoding.V8, delivery.getPayload().toByteArray()),
        Job.class);
  }

  private static void assertRefused(HttpResponse<byte[]> r, int status, String text) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(new String(r.body())).contains(text);
  }

  private interface Parse<T> {
    T get() throws Exception;
  }

  private static <T> T parse(Parse<T> parse) {
    try {
      return parse.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
