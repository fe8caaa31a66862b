package dev.denokv.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.denokv.remote.KvConnectStub.DATABASE_ID;
import static dev.denokv.remote.KvConnectStub.DATA_TOKEN;
import static dev.denokv.remote.KvConnectStub.json;
import static dev.denokv.remote.KvConnectStub.metadataJson;
import static dev.denokv.remote.KvConnectStub.protobuf;
import static dev.denokv.remote.KvConnectStub.strongEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.protobuf.ByteString;
import dev.denokv.KvTemplate;
import dev.denokv.error.KvUnsupportedOperationException;
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
import dev.denokv.spi.Capability;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.value.codec.DenoValueCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client side of the queue extension: used only when the metadata exchange announces it, so
 * that servers without it (Deno Deploy, denokv) are never sent anything new.
 */
class QueueExtensionClientTest {

  private static final KvConnectStub server = KvConnectStub.shared();
  private final Instant expiry = Instant.now().plus(Duration.ofHours(1));

  @BeforeEach
  void reset() {
    server.wm.resetAll();
  }

  private void metadata(String extensionsHeader) {
    var answer = json(metadataJson(3, strongEndpoint("/v2"), expiry));
    if (extensionsHeader != null) {
      answer = answer.withHeader(KvConnectExtensions.HEADER, extensionsHeader);
    }
    server.stub(post(urlEqualTo("/connect")).willReturn(answer));
  }

  @Test
  void aServerWithoutTheExtensionHasNoQueueConsumerAndIsSentNothingNew() throws Exception {
    metadata(null);
    try (RemoteDatabase db = server.database().build();
        KvTemplate kv = KvTemplate.builder(db).build()) {
      assertThat(db.capabilities()).isEmpty();
      assertThatThrownBy(() -> kv.listenQueue(String.class, message -> {}))
          .isInstanceOf(KvUnsupportedOperationException.class)
          .hasMessageContaining("Listening to the queue is not supported")
          .hasMessageContaining("queue extension");
      assertThatThrownBy(db::dequeueNextMessage)
          .isInstanceOf(KvUnsupportedOperationException.class)
          .hasMessageContaining("does not offer the queue extension");
    }
    assertThat(server.wm.getAllServeEvents()).extracting(e -> e.getRequest().getUrl()).containsOnly("/connect");
  }

  @Test
  void extensionsOtherThanTheQueueOneAreIgnored() {
    metadata("something-else, queue-v2");
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.capabilities()).isEmpty();
      assertThat(db.metadata().extensions()).containsExactlyInAnyOrder("something-else", "queue-v2");
    }
  }

  @Test
  void aServerAnnouncingTheExtensionIsAskedForMessagesAndToldTheirOutcome() throws Exception {
    metadata("Queue-V1");
    byte[] payload = DenoValueCodec.defaults().encode("hello").data();
    ByteString reservation = ByteString.copyFromUtf8("reservation-1");
    server.stub(post(urlEqualTo("/v2/queue_dequeue")).willReturn(protobuf(DequeueOutput.newBuilder()
        .setStatus(DequeueStatus.DQ_DELIVERED)
        .setDelivery(QueueDelivery.newBuilder()
            .setReservation(reservation).setPayload(ByteString.copyFrom(payload)).setLeaseMs(60_000))
        .build())));
    server.stub(post(urlEqualTo("/v2/queue_renew")).willReturn(
        protobuf(RenewReservationsOutput.newBuilder().setLeaseMs(60_000).build())));
    server.stub(post(urlEqualTo("/v2/queue_finish")).willReturn(
        protobuf(FinishDeliveryOutput.newBuilder().setStatus(FinishStatus.FS_DONE).build())));

    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.capabilities()).containsExactly(Capability.QUEUE_CONSUMER);
      QueueMessageHandle message = db.dequeueNextMessage();
      assertThat(message).isNotNull();
      assertThat(message.payload()).isEqualTo(payload);
      message.finish(false);
      message.finish(true); // a handle ends once
    }

    LoggedRequest dequeue = server.requests("/v2/queue_dequeue").get(0);
    assertThat(dequeue.getHeader("Authorization")).isEqualTo("Bearer " + DATA_TOKEN);
    assertThat(dequeue.getHeader("x-denokv-version")).isEqualTo("3");
    assertThat(dequeue.getHeader("x-denokv-database-id")).isEqualTo(DATABASE_ID);
    // Half the 5 s request timeout of the test database: the wait ends before the transport gives up.
    assertThat(Dequeue.parseFrom(dequeue.getBody()).getWaitMs()).isEqualTo(2_500);
    // Receipt confirmed at once with a first renewal of the reservation.
    assertThat(RenewReservations.parseFrom(server.requests("/v2/queue_renew").get(0).getBody()).getReservationsList())
        .containsExactly(reservation);
    List<LoggedRequest> finishes = server.requests("/v2/queue_finish");
    assertThat(finishes).hasSize(1);
    FinishDelivery finish = FinishDelivery.parseFrom(finishes.get(0).getBody());
    assertThat(finish.getReservation()).isEqualTo(reservation);
    assertThat(finish.getOutcome()).isEqualTo(DeliveryOutcome.DO_FAILURE);
  }
}
