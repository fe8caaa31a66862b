package dev.denokv.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.denokv.remote.KvConnectStub.DATABASE_ID;
import static dev.denokv.remote.KvConnectStub.DATA_TOKEN;
import static dev.denokv.remote.KvConnectStub.json;
import static dev.denokv.remote.KvConnectStub.metadataJson;
import static dev.denokv.remote.KvConnectStub.protobuf;
import static dev.denokv.remote.KvConnectStub.secretFree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.deno.kv.datapath.KvEntry;
import com.deno.kv.datapath.ReadRangeOutput;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.protobuf.ByteString;
import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvOutcomeUnknownException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

class DataPathTest {

  private static final KvConnectStub server = KvConnectStub.shared();
  private static final List<ReadRange> ONE_RANGE = List.of(new ReadRange(new byte[] {2, 'a', 0}, new byte[] {2, 'b', 0}, 10, false));
  private static final Versionstamp VS = Versionstamp.ofVersion(42);
  private static final AtomicWrite ONE_SET =
      new AtomicWrite(List.of(), List.of(Mutation.set(new byte[] {2, 'a', 0}, new EncodedValue(ValueEncoding.BYTES, new byte[] {7}), 0)), List.of());

  private final Instant expiry = Instant.now().plus(Duration.ofHours(1));

  @BeforeEach
  void reset() {
    server.wm.resetAll();
  }

  private static SnapshotReadOutput readOutput(boolean strong, SnapshotReadStatus status, KvEntry... entries) {
    return SnapshotReadOutput.newBuilder()
        .setStatus(status)
        .setReadIsStronglyConsistent(strong)
        .addRanges(ReadRangeOutput.newBuilder().addAllValues(List.of(entries)))
        .build();
  }

  private static KvEntry entry(String key, long version) {
    return KvEntry.newBuilder()
        .setKey(ByteString.copyFrom(new byte[] {2, (byte) key.charAt(0), 0}))
        .setValue(ByteString.copyFrom(new byte[] {1, 2, 3}))
        .setEncoding(com.deno.kv.datapath.ValueEncoding.VE_BYTES)
        .setVersionstamp(ByteString.copyFrom(Versionstamp.ofVersion(version).toBytes()))
        .build();
  }

  private static AtomicWriteOutput committed() {
    return AtomicWriteOutput.newBuilder()
        .setStatus(AtomicWriteStatus.AW_SUCCESS)
        .setVersionstamp(ByteString.copyFrom(VS.toBytes()))
        .build();
  }

  private static MappingBuilder read() {
    return post(urlEqualTo("/v2/snapshot_read"));
  }

  private static MappingBuilder write() {
    return post(urlEqualTo("/v2/atomic_write"));
  }

  /** Stubs {@code mapping} to answer {@code first} once, then {@code then} forever. */
  private static void onceThen(Supplier<MappingBuilder> mapping, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    String name = "once-" + System.nanoTime();
    server.stub(mapping.get().inScenario(name).whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("after"));
    server.stub(mapping.get().inScenario(name).whenScenarioStateIs("after").willReturn(then));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void readsWithTheHeadersOfEachVersion(int version) {
    server.metadata(version, expiry);
    server.stub(read().willReturn(protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS, entry("a", 5)))));
    try (RemoteDatabase db = server.database().build()) {
      List<List<RawEntry>> result = db.snapshotRead(ONE_RANGE, Consistency.STRONG);

      assertThat(result).hasSize(1);
      assertThat(result.get(0)).singleElement().satisfies(e -> {
        assertThat(e.key()).containsExactly(2, 'a', 0);
        assertThat(e.value()).isEqualTo(new EncodedValue(ValueEncoding.BYTES, new byte[] {1, 2, 3}));
        assertThat(e.versionstamp()).isEqualTo(Versionstamp.ofVersion(5));
      });
    }
    var expected = postRequestedFor(urlEqualTo("/v2/snapshot_read"))
        .withHeader("Authorization", equalTo("Bearer " + DATA_TOKEN))
        .withHeader("Content-Type", equalTo("application/x-protobuf"))
        .withHeader("User-Agent", equalTo(UserAgent.DEFAULT));
    if (version == 1) {
      expected.withHeader("x-transaction-domain-id", equalTo(DATABASE_ID)).withHeader("x-denokv-version", absent());
    } else {
      expected.withHeader("x-denokv-database-id", equalTo(DATABASE_ID)).withHeader("x-denokv-version", equalTo(Integer.toString(version)));
    }
    server.wm.verify(1, expected);
  }

  @Test
  void sendsTheRangesAsProtobuf() throws Exception {
    server.metadata(3, expiry);
    server.stub(read().willReturn(protobuf(SnapshotReadOutput.newBuilder().setStatus(SnapshotReadStatus.SR_SUCCESS)
        .setReadIsStronglyConsistent(true).addRanges(ReadRangeOutput.getDefaultInstance()).addRanges(ReadRangeOutput.getDefaultInstance()).build())));
    List<ReadRange> ranges = List.of(ONE_RANGE.get(0), new ReadRange(new byte[] {1}, new byte[] {3}, 7, true));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.snapshotRead(ranges, Consistency.STRONG)).containsExactly(List.of(), List.of());
    }
    SnapshotRead sent = SnapshotRead.parseFrom(server.requests("/v2/snapshot_read").get(0).getBody());
    assertThat(sent.getRangesCount()).isEqualTo(2);
    assertThat(sent.getRanges(1).getLimit()).isEqualTo(7);
    assertThat(sent.getRanges(1).getReverse()).isTrue();
    assertThat(sent.getRanges(0).getStart().toByteArray()).containsExactly(2, 'a', 0);
  }

  @Test
  void eventualReadsGoToAnEventualEndpointAndStrongOnesToAStrongEndpoint() {
    String endpoints = "[{\"url\":\"/replica\",\"consistency\":\"eventual\"},{\"url\":\"/primary\",\"consistency\":\"strong\"}]";
    server.stub(post(urlEqualTo("/connect")).willReturn(json(metadataJson(3, endpoints, expiry))));
    server.stub(post(urlEqualTo("/replica/snapshot_read")).willReturn(protobuf(readOutput(false, SnapshotReadStatus.SR_SUCCESS))));
    server.stub(post(urlEqualTo("/primary/snapshot_read")).willReturn(protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS))));
    server.stub(post(urlEqualTo("/primary/atomic_write")).willReturn(protobuf(committed())));
    try (RemoteDatabase db = server.database().build()) {
      db.snapshotRead(ONE_RANGE, Consistency.EVENTUAL);
      db.snapshotRead(ONE_RANGE, Consistency.STRONG);
      db.atomicWrite(ONE_SET);
    }
    assertThat(server.requests("/replica/snapshot_read")).hasSize(1);
    assertThat(server.requests("/primary/snapshot_read")).hasSize(1);
    assertThat(server.requests("/primary/atomic_write")).hasSize(1);
  }

  @Test
  void writesCommitAndSendEnqueuesAsEnqueueMessages() throws Exception {
    server.metadata(3, expiry);
    server.stub(write().willReturn(protobuf(committed())));
    AtomicWrite write = new AtomicWrite(
        List.of(new Check(new byte[] {2, 'a', 0}, null)),
        ONE_SET.mutations(),
        List.of(new Enqueue(new byte[] {(byte) 0xFF, 0x0F, 'T'}, 1234, List.of(new byte[] {2, 'u', 0}), List.of(100, 200))));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.atomicWrite(write)).isEqualTo(new CommitResult.Committed(VS));
    }
    com.deno.kv.datapath.AtomicWrite sent = com.deno.kv.datapath.AtomicWrite.parseFrom(server.requests("/v2/atomic_write").get(0).getBody());
    assertThat(sent.getChecksCount()).isEqualTo(1);
    assertThat(sent.getMutations(0).getMutationType()).isEqualTo(com.deno.kv.datapath.MutationType.M_SET);
    assertThat(sent.getEnqueuesCount()).isEqualTo(1);
    assertThat(sent.getEnqueues(0).getDeadlineMs()).isEqualTo(1234);
    assertThat(sent.getEnqueues(0).getBackoffScheduleList()).containsExactly(100, 200);
    assertThat(sent.getEnqueues(0).getKeysIfUndelivered(0).toByteArray()).containsExactly(2, 'u', 0);
  }

  @Test
  void asynchronousWritesLeaveTheCallerFreeAndFailOnceClosed() throws Exception {
    server.metadata(3, expiry);
    server.stub(write().willReturn(protobuf(committed()).withFixedDelay(300)));
    RemoteDatabase db = server.database().build();
    try {
      CompletableFuture<CommitResult> pending = db.atomicWriteAsync(ONE_SET);
      assertThat(pending).isNotDone(); // the server answers after 300 ms
      assertThat(pending.get(5, TimeUnit.SECONDS)).isEqualTo(new CommitResult.Committed(VS));
    } finally {
      db.close();
    }
    assertThatThrownBy(() -> db.atomicWriteAsync(ONE_SET).join()).hasCauseInstanceOf(KvClosedException.class);
  }

  @Test
  void aFailedCheckReportsTheFailedIndexes() {
    server.metadata(3, expiry);
    server.stub(write().willReturn(protobuf(AtomicWriteOutput.newBuilder().setStatus(AtomicWriteStatus.AW_CHECK_FAILURE).addFailedChecks(1).build())));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.atomicWrite(ONE_SET)).isEqualTo(new CommitResult.CheckFailed(List.of(1)));
    }
  }

  @Test
  void unauthorizedRefreshesTheMetadataAndRetriesOnce() {
    server.metadata(3, expiry);
    onceThen(DataPathTest::read, aResponse().withStatus(401).withBody("Invalid access token."), protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS)));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.snapshotRead(ONE_RANGE, Consistency.STRONG)).containsExactly(List.of());
    }
    assertThat(server.requests("/connect")).hasSize(2);
    assertThat(server.requests("/v2/snapshot_read")).hasSize(2);
  }

  @Test
  void unauthorizedTwiceIsFatal() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(aResponse().withStatus(401).withBody("Invalid access token.")));
    try (RemoteDatabase db = server.database().build()) {
      KvRemoteException e = catchThrowableOfType(KvRemoteException.class, () -> db.snapshotRead(ONE_RANGE, Consistency.STRONG));

      assertThat(e.status()).isEqualTo(401);
      assertThat(e).hasMessageContaining("Invalid access token.");
      secretFree(e);
    }
    assertThat(server.requests("/v2/snapshot_read")).hasSize(2);
    assertThat(server.requests("/connect")).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void disabledReadsRefreshTheMetadataAndRetryOnce(int version) {
    server.metadata(version, expiry);
    SnapshotReadOutput disabled = version == 3
        ? SnapshotReadOutput.newBuilder().setStatus(SnapshotReadStatus.SR_READ_DISABLED).build()
        : SnapshotReadOutput.newBuilder().setReadDisabled(true).build();
    onceThen(DataPathTest::read, protobuf(disabled), protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS, entry("a", 9))));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.snapshotRead(ONE_RANGE, Consistency.STRONG).get(0)).hasSize(1);
    }
    assertThat(server.requests("/connect")).hasSize(2);
    assertThat(server.requests("/v2/snapshot_read")).hasSize(2);
  }

  @Test
  void readsDisabledTwiceAreUnavailable() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(protobuf(SnapshotReadOutput.newBuilder().setStatus(SnapshotReadStatus.SR_READ_DISABLED).build())));
    try (RemoteDatabase db = server.database().build()) {
      assertThatThrownBy(() -> db.snapshotRead(ONE_RANGE, Consistency.STRONG))
          .isInstanceOf(KvUnavailableException.class)
          .hasMessageContaining("snapshot_read")
          .hasMessageContaining("reads are disabled");
    }
  }

  @Test
  void disabledWritesRefreshTheMetadataAndRetryOnce() {
    server.metadata(3, expiry);
    onceThen(DataPathTest::write, protobuf(AtomicWriteOutput.newBuilder().setStatus(AtomicWriteStatus.AW_WRITE_DISABLED).build()), protobuf(committed()));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.atomicWrite(ONE_SET)).isEqualTo(new CommitResult.Committed(VS));
    }
    assertThat(server.requests("/connect")).hasSize(2);
    assertThat(server.requests("/v2/atomic_write")).hasSize(2);
  }

  @Test
  void aStrongReadAnsweredNotStronglyConsistentRefreshesAndRetries() {
    server.metadata(3, expiry);
    onceThen(DataPathTest::read, protobuf(readOutput(false, SnapshotReadStatus.SR_SUCCESS)), protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS)));
    try (RemoteDatabase db = server.database().build()) {
      db.snapshotRead(ONE_RANGE, Consistency.STRONG);
    }
    assertThat(server.requests("/connect")).hasSize(2);
    assertThat(server.requests("/v2/snapshot_read")).hasSize(2);
  }

  @Test
  void anEventualReadMayBeNotStronglyConsistent() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(protobuf(readOutput(false, SnapshotReadStatus.SR_SUCCESS))));
    try (RemoteDatabase db = server.database().build()) {
      db.snapshotRead(ONE_RANGE, Consistency.EVENTUAL);
    }
    assertThat(server.requests("/connect")).hasSize(1);
  }

  @Test
  void unspecifiedStatusesAreFatal() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(protobuf(SnapshotReadOutput.newBuilder().setReadIsStronglyConsistent(true).build())));
    server.stub(write().willReturn(protobuf(AtomicWriteOutput.getDefaultInstance())));
    try (RemoteDatabase db = server.database().build()) {
      assertThatThrownBy(() -> db.snapshotRead(ONE_RANGE, Consistency.STRONG))
          .isInstanceOf(KvCodecException.class).hasMessageContaining("status 0");
      assertThatThrownBy(() -> db.atomicWrite(ONE_SET))
          .isInstanceOf(KvCodecException.class).hasMessageContaining("Invalid atomic write status: 0");
    }
    assertThat(server.requests("/v2/snapshot_read")).hasSize(1);
    assertThat(server.requests("/v2/atomic_write")).hasSize(1);
  }

  @Test
  void aBurstOfServerErrorsIsRetriedUntilSuccess() {
    server.metadata(3, expiry);
    String s = "burst";
    server.stub(write().inScenario(s).whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("2"));
    server.stub(write().inScenario(s).whenScenarioStateIs("2").willReturn(aResponse().withStatus(502)).willSetStateTo("3"));
    server.stub(write().inScenario(s).whenScenarioStateIs("3").willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
    server.stub(write().inScenario(s).whenScenarioStateIs("ok").willReturn(protobuf(committed())));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.atomicWrite(ONE_SET)).isEqualTo(new CommitResult.Committed(VS));
    }
    assertThat(server.requests("/v2/atomic_write")).hasSize(4);
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void networkFaultsAreRetried(Fault fault) {
    server.metadata(3, expiry);
    onceThen(DataPathTest::read, aResponse().withFault(fault), protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS)));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.snapshotRead(ONE_RANGE, Consistency.STRONG)).containsExactly(List.of());
    }
    assertThat(server.requests("/v2/snapshot_read")).hasSize(2);
  }

  @Test
  void persistentFaultsExhaustTheRetriesNamingTheOperation() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (RemoteDatabase db = server.database().build()) {
      KvUnavailableException e =
          catchThrowableOfType(KvUnavailableException.class, () -> db.snapshotRead(ONE_RANGE, Consistency.STRONG));

      assertThat(e).hasMessageContaining("snapshot_read failed after 4 attempt(s)");
      secretFree(e);
    }
    assertThat(server.requests("/v2/snapshot_read")).hasSize(4);
  }

  @Test
  void aMalformedProtobufAnswerIsFatal() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(aResponse().withStatus(200).withBody(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01})));
    try (RemoteDatabase db = server.database().build()) {
      KvCodecException e = catchThrowableOfType(KvCodecException.class, () -> db.snapshotRead(ONE_RANGE, Consistency.STRONG));

      assertThat(e).hasMessageContaining("Malformed KV Connect snapshot_read response");
      secretFree(e);
    }
    assertThat(server.requests("/v2/snapshot_read")).hasSize(1);
  }

  @Test
  void aSlowAnswerTimesOutAndIsRetried() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS)).withFixedDelay(2_000)));
    try (RemoteDatabase db = server.database().requestTimeout(Duration.ofMillis(200)).retryMaxAttempts(2).build()) {
      long start = System.nanoTime();
      KvUnavailableException e =
          catchThrowableOfType(KvUnavailableException.class, () -> db.snapshotRead(ONE_RANGE, Consistency.STRONG));

      assertThat(e).hasMessageContaining("snapshot_read failed after 2 attempt(s)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_800));
      secretFree(e);
    }
    assertThat(server.requests("/v2/snapshot_read")).hasSize(2);
  }

  @Test
  void aSlowAtomicWriteIsSentOnceAndItsOutcomeIsUnknownWhileASlowReadIsRetried() {
    server.metadata(3, expiry);
    server.stub(write().willReturn(protobuf(committed()).withFixedDelay(1_500)));
    server.stub(read().willReturn(protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS)).withFixedDelay(1_500)));
    try (RemoteDatabase db = server.database().requestTimeout(Duration.ofMillis(200)).build()) {
      KvOutcomeUnknownException e = catchThrowableOfType(KvOutcomeUnknownException.class, () -> db.atomicWrite(ONE_SET));

      assertThat(e).hasMessageContaining("outcome of the KV Connect atomic_write is unknown");
      secretFree(e);
      assertThatThrownBy(() -> db.snapshotRead(ONE_RANGE, Consistency.STRONG))
          .isInstanceOf(KvUnavailableException.class)
          .isNotInstanceOf(KvOutcomeUnknownException.class)
          .hasMessageContaining("snapshot_read failed after 4 attempt(s)");
    }
    assertThat(server.requests("/v2/atomic_write")).hasSize(1);
    assertThat(server.requests("/v2/snapshot_read")).hasSize(KvConnectStub.FAST_RETRY.maxAttempts());
  }

  @Test
  void aGatewayTimeoutLeavesAWriteUnsentAgainWhileAReadIsRetried() {
    server.metadata(3, expiry);
    server.stub(write().willReturn(aResponse().withStatus(504).withBody("Gateway Timeout")));
    onceThen(DataPathTest::read, aResponse().withStatus(504), protobuf(readOutput(true, SnapshotReadStatus.SR_SUCCESS)));
    try (RemoteDatabase db = server.database().build()) {
      assertThatThrownBy(() -> db.atomicWrite(ONE_SET))
          .isInstanceOf(KvOutcomeUnknownException.class)
          .hasMessageContaining("HTTP 504");
      assertThat(db.snapshotRead(ONE_RANGE, Consistency.STRONG)).hasSize(1);
    }
    assertThat(server.requests("/v2/atomic_write")).hasSize(1);
    assertThat(server.requests("/v2/snapshot_read")).hasSize(2);
  }

  @Test
  void aSlowAsynchronousWriteFailsWithAnUnknownOutcome() {
    server.metadata(3, expiry);
    server.stub(write().willReturn(protobuf(committed()).withFixedDelay(1_500)));
    try (RemoteDatabase db = server.database().requestTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> db.atomicWriteAsync(ONE_SET).join()).hasCauseInstanceOf(KvOutcomeUnknownException.class);
    }
    assertThat(server.requests("/v2/atomic_write")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void aWriteIsNotSentAgainAfterTheConnectionBrokeOnceItWasSent(Fault fault) {
    server.metadata(3, expiry);
    onceThen(DataPathTest::write, aResponse().withFault(fault), protobuf(committed()));
    try (RemoteDatabase db = server.database().build()) {
      assertThatThrownBy(() -> db.atomicWrite(ONE_SET)).isInstanceOf(KvOutcomeUnknownException.class);
    }
    assertThat(server.requests("/v2/atomic_write")).hasSize(1);
  }

  @Test
  void aWriteIsRetriedWhileNoConnectionCanBeMade() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    server.stub(post(urlEqualTo("/connect")).willReturn(json(metadataJson(
        3, KvConnectStub.strongEndpoint("http://127.0.0.1:" + closedPort + "/v2"), expiry))));
    try (RemoteDatabase db = server.database().build()) {
      assertThatThrownBy(() -> db.atomicWrite(ONE_SET))
          .isInstanceOf(KvUnavailableException.class)
          .isNotInstanceOf(KvOutcomeUnknownException.class)
          .hasMessageContaining("atomic_write failed after 4 attempt(s)")
          .hasMessageContaining("could not reach");
    }
  }

  @Test
  void clientErrorsOnTheDataPathAreFatal() {
    server.metadata(3, expiry);
    server.stub(write().willReturn(aResponse().withStatus(400).withBody("Too many mutations")));
    try (RemoteDatabase db = server.database().build()) {
      KvRemoteException e = catchThrowableOfType(KvRemoteException.class, () -> db.atomicWrite(ONE_SET));

      assertThat(e.status()).isEqualTo(400);
      assertThat(e).hasMessageContaining("Too many mutations").hasMessageContaining("atomic_write");
    }
    assertThat(server.requests("/v2/atomic_write")).hasSize(1);
  }

  @Test
  void retriesAreObservableAndTheirDelaysGrow() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(aResponse().withStatus(503)));
    RetryOptions settings = new RetryOptions(Duration.ofMillis(40), 2.0, 0.0, Duration.ofSeconds(1), 4, Duration.ofSeconds(10));
    try (RemoteDatabase db = server.database().retry(settings).build()) {
      List<Duration> waits = new ArrayList<>();
      db.retry().getEventPublisher().onRetry(e -> waits.add(e.getWaitInterval()));

      assertThatThrownBy(() -> db.snapshotRead(ONE_RANGE, Consistency.STRONG)).isInstanceOf(KvUnavailableException.class);

      assertThat(waits).containsExactly(Duration.ofMillis(40), Duration.ofMillis(80), Duration.ofMillis(160));
    }
    List<LoggedRequest> attempts = server.requests("/v2/snapshot_read");
    assertThat(attempts).hasSize(4);
    long[] gaps = new long[3];
    for (int i = 0; i < 3; i++) {
      gaps[i] = attempts.get(i + 1).getLoggedDate().getTime() - attempts.get(i).getLoggedDate().getTime();
    }
    assertThat(gaps[0]).isGreaterThanOrEqualTo(35);
    assertThat(gaps[1]).isGreaterThanOrEqualTo(75);
    assertThat(gaps[2]).isGreaterThanOrEqualTo(155).isGreaterThan(gaps[0]);
  }

  @Test
  void randomizedDelaysStayWithinTheirSpread() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(aResponse().withStatus(500)));
    RetryOptions settings = new RetryOptions(Duration.ofMillis(20), 2.0, 0.5, Duration.ofSeconds(1), 4, Duration.ofSeconds(10));
    try (RemoteDatabase db = server.database().retry(settings).build()) {
      List<Duration> waits = new ArrayList<>();
      db.retry().getEventPublisher().onRetry(e -> waits.add(e.getWaitInterval()));

      assertThatThrownBy(() -> db.snapshotRead(ONE_RANGE, Consistency.STRONG)).isInstanceOf(KvUnavailableException.class);

      assertThat(waits).hasSize(3);
      for (int i = 0; i < 3; i++) {
        long base = 20L << i;
        assertThat(waits.get(i).toMillis()).isBetween(base / 2, base * 3 / 2);
      }
    }
  }

  @Test
  void theElapsedTimeBoundsTheRetries() {
    server.metadata(3, expiry);
    server.stub(read().willReturn(aResponse().withStatus(503)));
    RetryOptions settings = new RetryOptions(Duration.ofMillis(100), 1.0, 0.0, Duration.ofMillis(100), 50, Duration.ofMillis(250));
    try (RemoteDatabase db = server.database().retry(settings).build()) {
      db.metadata();
      assertThatThrownBy(() -> db.snapshotRead(ONE_RANGE, Consistency.STRONG))
          .isInstanceOf(KvUnavailableException.class).hasMessageContaining("snapshot_read failed after");
    }
    assertThat(server.requests("/v2/snapshot_read")).hasSizeBetween(2, 5);
  }

  @Test
  void dequeueIsUnsupported() {
    try (RemoteDatabase db = server.database().build()) {
      assertThatThrownBy(db::dequeueNextMessage)
          .isInstanceOf(KvUnsupportedOperationException.class)
          .hasMessageContaining("KV Connect");
    }
  }

  @Test
  void aClosedDatabaseRefusesWork() {
    RemoteDatabase db = server.database().build();
    db.close();
    db.close();
    assertThatThrownBy(() -> db.snapshotRead(ONE_RANGE, Consistency.STRONG)).isInstanceOf(KvClosedException.class);
    assertThatThrownBy(() -> db.atomicWrite(ONE_SET)).isInstanceOf(KvClosedException.class);
  }
  /** A request factory counting the responses it opens and closes. */
  static final class CountingFactory implements ClientHttpRequestFactory {
    final JdkClientHttpRequestFactory delegate = new JdkClientHttpRequestFactory();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public ClientHttpRequest createRequest(java.net.URI uri, HttpMethod method) throws IOException {
      ClientHttpRequest request = delegate.createRequest(uri, method);
      return new ClientHttpRequest() {
        @Override
        public ClientHttpResponse execute() throws IOException {
          ClientHttpResponse response = request.execute();
          opened.incrementAndGet();
          return new ClientHttpResponse() {
            @Override
            public HttpStatusCode getStatusCode() throws IOException {
              return response.getStatusCode();
            }

            @Override
            public String getStatusText() throws IOException {
              return response.getStatusText();
            }

            @Override
            public void close() {
              closed.incrementAndGet();
              response.close();
            }

            @Override
            public java.io.InputStream getBody() throws IOException {
              return response.getBody();
            }

            @Override
            public HttpHeaders getHeaders() {
              return response.getHeaders();
            }
          };
        }

        @Override
        public java.io.OutputStream getBody() throws IOException {
          return request.getBody();
        }

        @Override
        public HttpMethod getMethod() {
          return request.getMethod();
        }

        @Override
        public java.net.URI getURI() {
          return request.getURI();
        }

        @Override
        public java.util.Map<String, Object> getAttributes() {
          return request.getAttributes();
        }

        @Override
        public HttpHeaders getHeaders() {
          return request.getHeaders();
        }
      };
    }
  }

  @Test
  void theGivenRequestFactoryIsUsedAndEveryDiscardedAnswerIsClosed() {
    server.metadata(3, expiry);
    String s = "closing";
    server.stub(write().inScenario(s).whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("2"));
    server.stub(write().inScenario(s).whenScenarioStateIs("2").willReturn(aResponse().withStatus(500).withBody("busy")).willSetStateTo("ok"));
    server.stub(write().inScenario(s).whenScenarioStateIs("ok").willReturn(protobuf(committed())));
    CountingFactory factory = new CountingFactory();
    try (RemoteDatabase db = server.database().requestFactory(factory).build()) {
      assertThat(db.atomicWrite(ONE_SET)).isEqualTo(new CommitResult.Committed(VS));
    }
    assertThat(factory.opened.get()).as("metadata + 3 write attempts").isEqualTo(4);
    assertThat(factory.closed.get()).isEqualTo(4);
  }

  @Test
  void theGivenRestClientBuilderCustomizationsApply() {
    server.metadata(3, expiry);
    server.stub(write().willReturn(protobuf(committed())));
    RestClient.Builder custom = RestClient.builder().requestInterceptor((request, body, execution) -> {
      request.getHeaders().set("x-customized", "yes");
      return execution.execute(request, body);
    });
    try (RemoteDatabase db = server.database().restClientBuilder(custom).build()) {
      db.atomicWrite(ONE_SET);
    }
    server.wm.verify(postRequestedFor(urlEqualTo("/connect")).withHeader("x-customized", equalTo("yes")));
    server.wm.verify(postRequestedFor(urlEqualTo("/v2/atomic_write")).withHeader("x-customized", equalTo("yes")));
  }
}
