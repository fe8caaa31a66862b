package dev.denokv.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.denokv.remote.KvConnectStub.DATABASE_ID;
import static dev.denokv.remote.KvConnectStub.json;
import static dev.denokv.remote.KvConnectStub.metadataJson;
import static dev.denokv.remote.KvConnectStub.protobuf;
import static dev.denokv.remote.KvConnectStub.strongEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.deno.kv.datapath.ReadRangeOutput;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.denokv.Consistency;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.spi.ReadRange;
import dev.denokv.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TokenRefreshTest {

  private static final KvConnectStub server = KvConnectStub.shared();
  private static final List<ReadRange> RANGE = List.of(new ReadRange(new byte[] {1}, new byte[] {2}, 1, false));
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);

  @BeforeEach
  void reset() {
    server.wm.resetAll();
    server.stub(post(urlEqualTo("/v2/snapshot_read")).willReturn(protobuf(SnapshotReadOutput.newBuilder()
        .setStatus(SnapshotReadStatus.SR_SUCCESS).setReadIsStronglyConsistent(true)
        .addRanges(ReadRangeOutput.getDefaultInstance()).build())));
  }

  private static String metadata(String token, Instant expiresAt) {
    return metadataJson(3, DATABASE_ID, strongEndpoint("/v2"), token, expiresAt.toString());
  }

  /** The metadata exchange answers token {@code first}, then {@code second} for every later exchange. */
  private static void tokens(String first, Instant firstExpiry, String second, Instant secondExpiry) {
    server.stub(post(urlEqualTo("/connect")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(json(metadata(first, firstExpiry))).willSetStateTo("second"));
    server.stub(post(urlEqualTo("/connect")).inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(json(metadata(second, secondExpiry))));
  }

  private static int readsWith(String token) {
    return server.wm.findAll(postRequestedFor(urlEqualTo("/v2/snapshot_read"))
        .withHeader("Authorization", equalTo("Bearer " + token))).size();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void refreshesInTheBackgroundBeforeExpiryWhileStillUsingTheValidToken() throws Exception {
    tokens("token-one", T0.plus(Duration.ofHours(1)), "token-two", T0.plus(Duration.ofHours(2)));
    try (RemoteDatabase db = server.database().clock(clock).metadataRefreshMargin(Duration.ofMinutes(5)).build()) {
      db.snapshotRead(RANGE, Consistency.STRONG);
      clock.advance(Duration.ofMinutes(54));
      db.snapshotRead(RANGE, Consistency.STRONG);
      assertThat(server.requests("/connect")).as("no refresh before expiresAt - margin").hasSize(1);

      clock.advance(Duration.ofMinutes(2));
      db.snapshotRead(RANGE, Consistency.STRONG);
      await(() -> db.metadata().expiresAt().equals(T0.plus(Duration.ofHours(2))));
      db.snapshotRead(RANGE, Consistency.STRONG);
    }
    assertThat(readsWith("token-one")).isEqualTo(3);
    assertThat(readsWith("token-two")).isEqualTo(1);
    assertThat(server.requests("/connect")).hasSize(2);
  }

  @Test
  void expiredMetadataIsNeverUsedCallersWaitForTheRefresh() {
    tokens("token-one", T0.plus(Duration.ofHours(1)), "token-two", T0.plus(Duration.ofHours(2)));
    try (RemoteDatabase db = server.database().clock(clock).build()) {
      db.snapshotRead(RANGE, Consistency.STRONG);
      clock.advance(Duration.ofMinutes(61));
      db.snapshotRead(RANGE, Consistency.STRONG);
    }
    assertThat(readsWith("token-one")).isEqualTo(1);
    assertThat(readsWith("token-two")).isEqualTo(1);
  }

  @Test
  void aFailedRefreshKeepsTheStillValidMetadata() throws Exception {
    server.stub(post(urlEqualTo("/connect")).inScenario("fail").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(json(metadata("token-one", T0.plus(Duration.ofHours(1))))).willSetStateTo("down"));
    server.stub(post(urlEqualTo("/connect")).inScenario("fail").whenScenarioStateIs("down")
        .willReturn(aResponse().withStatus(503)));
    Logger logger = (Logger) LoggerFactory.getLogger(MetadataCache.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try (RemoteDatabase db = server.database().clock(clock).build()) {
      db.snapshotRead(RANGE, Consistency.STRONG);
      clock.advance(Duration.ofMinutes(58));
      db.snapshotRead(RANGE, Consistency.STRONG);
      int attempts = 1 + KvConnectStub.FAST_RETRY.maxAttempts();
      await(() -> server.requests("/connect").size() == attempts);
      Thread.sleep(50);

      db.snapshotRead(RANGE, Consistency.STRONG);
      assertThat(readsWith("token-one")).isEqualTo(3);
      assertThat(server.requests("/connect")).as("no new exchange right after a failed one").hasSize(attempts);

      clock.advance(Duration.ofMinutes(3));
      assertThatThrownBy(() -> db.snapshotRead(RANGE, Consistency.STRONG))
          .isInstanceOf(KvUnavailableException.class)
          .hasMessageContaining("metadata exchange");
      assertThat(readsWith("token-one")).as("expired metadata is not used").isEqualTo(3);
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("metadata refresh failed"))
        .allSatisfy(m -> assertThat(m).doesNotContain("token-one").doesNotContain(KvConnectStub.ACCESS_TOKEN));
  }

  @Test
  void concurrentCallersShareOneExchange() throws Exception {
    server.stub(post(urlEqualTo("/connect")).willReturn(json(metadata("token-one", T0.plus(Duration.ofHours(1)))).withFixedDelay(300)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (RemoteDatabase db = server.database().clock(clock).build()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<DatabaseMetadata>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return db.metadata();
        }));
      }
      start.countDown();
      DatabaseMetadata first = results.get(0).get();
      for (Future<DatabaseMetadata> f : results) {
        assertThat(f.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requests("/connect")).hasSize(1);
  }

  @Test
  void theBackgroundRefresherRenewsShortLivedMetadataWithoutCallers() throws Exception {
    // The clock stands still, so the metadata stays valid; its refresh is due 200 ms after the fetch.
    tokens("token-one", T0.plus(Duration.ofMillis(400)), "token-two", T0.plus(Duration.ofHours(1)));
    try (RemoteDatabase db = server.database().clock(clock).build()) {
      db.metadata();
      await(() -> server.requests("/connect").size() == 2);
      await(() -> db.metadata().expiresAt().equals(T0.plus(Duration.ofHours(1))));
    }
  }

  @Test
  void closeStopsTheRefresher() throws Exception {
    tokens("token-one", T0.plus(Duration.ofMillis(400)), "token-two", T0.plus(Duration.ofHours(1)));
    RemoteDatabase db = server.database().clock(clock).build();
    db.metadata();
    db.close();
    Thread.sleep(500);
    assertThat(server.requests("/connect")).hasSize(1);
  }
}
