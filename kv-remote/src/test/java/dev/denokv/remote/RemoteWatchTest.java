package dev.denokv.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.denokv.remote.KvConnectStub.DATABASE_ID;
import static dev.denokv.remote.KvConnectStub.DATA_TOKEN;
import static dev.denokv.remote.KvConnectStub.metadataJson;
import static dev.denokv.remote.KvConnectStub.strongEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.KvEntry;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKeyOutput;
import com.deno.kv.datapath.WatchOutput;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.value.ValueEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteWatchTest {

  private static final KvConnectStub server = KvConnectStub.shared();
  private static final byte[] KEY = {2, 'w', 0};
  private static final byte[] KEEP_ALIVE = new byte[4];

  private final Instant expiry = Instant.now().plus(Duration.ofHours(1));

  @BeforeEach
  void reset() {
    server.wm.resetAll();
  }

  /** Records every emission (the version of the watched key, or -1 if absent) and every error. */
  static final class Recorder implements WatchListener {
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onChange(List<dev.denokv.spi.WatchKeyOutput> keys) {
      dev.denokv.spi.WatchKeyOutput k = keys.get(0);
      events.add(k.entry() == null ? -1L : k.entry().versionstamp().version());
    }

    @Override
    public void onError(Throwable error) {
      events.add(error);
    }

    Object next() throws InterruptedException {
      Object e = events.poll(5, TimeUnit.SECONDS);
      assertThat(e).as("an event within 5 s").isNotNull();
      return e;
    }
  }

  static byte[] frame(long version) {
    WatchKeyOutput.Builder key = WatchKeyOutput.newBuilder().setChanged(true);
    if (version >= 0) {
      key.setEntryIfChanged(KvEntry.newBuilder()
          .setKey(ByteString.copyFrom(KEY))
          .setValue(ByteString.copyFrom(new byte[] {(byte) version}))
          .setEncoding(com.deno.kv.datapath.ValueEncoding.VE_BYTES)
          .setVersionstamp(ByteString.copyFrom(Versionstamp.ofVersion(version).toBytes())));
    }
    return frame(WatchOutput.newBuilder().setStatus(SnapshotReadStatus.SR_SUCCESS).addKeys(key).build().toByteArray());
  }

  static byte[] frame(byte[] payload) {
    int n = payload.length;
    byte[] out = new byte[4 + n];
    out[0] = (byte) n;
    out[1] = (byte) (n >>> 8);
    out[2] = (byte) (n >>> 16);
    out[3] = (byte) (n >>> 24);
    System.arraycopy(payload, 0, out, 4, n);
    return out;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static ResponseDefinitionBuilder stream(byte[]... parts) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody(concat(parts));
  }

  private void watchStates(ResponseDefinitionBuilder... answers) {
    String state = Scenario.STARTED;
    for (int i = 0; i < answers.length; i++) {
      String next = i == answers.length - 1 ? state : "s" + (i + 1);
      server.stub(post(urlEqualTo("/v2/watch")).inScenario("watch").whenScenarioStateIs(state)
          .willReturn(answers[i]).willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void readsFramesSkipsKeepAlivesAndReconnectsWhenTheStreamEnds() throws Exception {
    server.metadata(3, expiry);
    watchStates(
        stream(KEEP_ALIVE, frame(-1), KEEP_ALIVE, frame(1)),
        stream(KEEP_ALIVE, frame(2)));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isEqualTo(-1L);
      assertThat(recorder.next()).isEqualTo(1L);
      assertThat(recorder.next()).as("re-emitted after reconnecting").isEqualTo(2L);
    }
    server.wm.verify(postRequestedFor(urlEqualTo("/v2/watch"))
        .withHeader("Authorization", equalTo("Bearer " + DATA_TOKEN))
        .withHeader("x-denokv-database-id", equalTo(DATABASE_ID))
        .withHeader("x-denokv-version", equalTo("3")));
    Watch sent = Watch.parseFrom(server.requests("/v2/watch").get(0).getBody());
    assertThat(sent.getKeys(0).getKey().toByteArray()).containsExactly(KEY);
  }

  @Test
  void reconnectsAfterAMidStreamDisconnect() throws Exception {
    server.metadata(3, expiry);
    byte[] truncated = {100, 0, 0, 0, 1, 2, 3};
    watchStates(
        stream(frame(1), truncated),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        stream(frame(2)));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isEqualTo(1L);
      assertThat(recorder.next()).isEqualTo(2L);
    }
  }

  @Test
  void watchingNeedsProtocolVersion3() throws Exception {
    server.metadata(2, expiry);
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isInstanceOf(KvUnsupportedOperationException.class)
          .asString().contains("protocol version 3");
    }
    assertThat(server.requests("/v2/watch")).isEmpty();
  }

  @Test
  void aClientErrorEndsTheWatch() throws Exception {
    server.metadata(3, expiry);
    server.stub(post(urlEqualTo("/v2/watch")).willReturn(aResponse().withStatus(400).withBody("Too many keys")));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      Object event = recorder.next();
      assertThat(event).isInstanceOf(KvRemoteException.class);
      assertThat(((KvRemoteException) event).getMessage()).contains("Too many keys");
      KvConnectStub.assertNoSecrets((Throwable) event);
    }
    assertThat(server.requests("/v2/watch")).hasSize(1);
  }

  @Test
  void anOversizedFrameEndsTheWatch() throws Exception {
    server.metadata(3, expiry);
    server.stub(post(urlEqualTo("/v2/watch")).willReturn(stream(new byte[] {0, 0, 0, 2})));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isInstanceOf(KvCodecException.class).asString().contains("exceeds the limit");
    }
  }

  @Test
  void serverErrorsAreRetriedBeyondTheRequestAttemptsUntilTheServerRecovers() throws Exception {
    server.metadata(3, expiry);
    int failures = KvConnectStub.FAST_RETRY.maxAttempts() + 4;
    ResponseDefinitionBuilder[] answers = new ResponseDefinitionBuilder[failures + 1];
    for (int i = 0; i < failures; i++) {
      answers[i] = aResponse().withStatus(i % 2 == 0 ? 503 : 502);
    }
    answers[failures] = stream(frame(5));
    watchStates(answers);
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isEqualTo(5L);
    }
    assertThat(server.requests("/v2/watch")).hasSizeGreaterThan(failures);
  }

  @Test
  void aFailingMetadataExchangeDelaysTheWatchWithoutEndingIt() throws Exception {
    String state = Scenario.STARTED;
    int failures = 3 * KvConnectStub.FAST_RETRY.maxAttempts();
    for (int i = 0; i < failures; i++) {
      server.stub(post(urlEqualTo("/connect")).inScenario("connect").whenScenarioStateIs(state)
          .willReturn(aResponse().withStatus(503)).willSetStateTo("s" + (i + 1)));
      state = "s" + (i + 1);
    }
    server.stub(post(urlEqualTo("/connect")).inScenario("connect").whenScenarioStateIs(state)
        .willReturn(KvConnectStub.json(metadataJson(3, strongEndpoint("/v2"), expiry))));
    server.stub(post(urlEqualTo("/v2/watch")).willReturn(stream(frame(4))));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isEqualTo(4L);
    }
    assertThat(server.requests("/connect")).hasSize(failures + 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void aRefusedAccessTokenEndsTheWatch(int status) throws Exception {
    server.stub(post(urlEqualTo("/connect")).willReturn(aResponse().withStatus(status).withBody("Invalid access token.")));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build()) {
      RemoteWatch sub = (RemoteWatch) db.watch(List.of(KEY), recorder);
      Object event = recorder.next();
      assertThat(event).isInstanceOf(KvRemoteException.class);
      assertThat(((KvRemoteException) event).status()).isEqualTo(status);
      KvConnectStub.assertNoSecrets((Throwable) event);
      awaitDone(sub);
    }
    assertThat(server.requests("/connect")).hasSize(1);
    assertThat(server.requests("/v2/watch")).isEmpty();
  }

  @Test
  void aTokenRefusedEvenAfterARefreshEndsTheWatch() throws Exception {
    server.metadata(3, expiry);
    server.stub(post(urlEqualTo("/v2/watch")).willReturn(aResponse().withStatus(401).withBody("Invalid access token.")));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isInstanceOf(KvRemoteException.class).asString().contains("Invalid access token.");
    }
    assertThat(server.requests("/connect")).hasSize(2);
    assertThat(server.requests("/v2/watch")).hasSize(2);
  }

  private static void awaitDone(RemoteWatch watch) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!watch.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(watch.isDone()).as("the watch thread ended").isTrue();
  }

  @Test
  void unauthorizedRefreshesTheMetadataAndReconnects() throws Exception {
    server.metadata(3, expiry);
    watchStates(aResponse().withStatus(401).withBody("Invalid access token."), stream(frame(7)));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isEqualTo(7L);
    }
    assertThat(server.requests("/connect")).hasSize(2);
  }

  @Test
  void disabledReadsOnTheStreamRefreshTheMetadataAndReconnect() throws Exception {
    server.metadata(3, expiry);
    byte[] disabled = frame(WatchOutput.newBuilder().setStatus(SnapshotReadStatus.SR_READ_DISABLED).build().toByteArray());
    watchStates(stream(disabled), stream(frame(3)));
    Recorder recorder = new Recorder();
    try (RemoteDatabase db = server.database().build();
        WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
      assertThat(recorder.next()).isEqualTo(3L);
    }
    assertThat(server.requests("/connect")).hasSize(2);
  }

  /** A KV Connect server on the JDK's HTTP server whose watch streams the test controls. */
  static final class StreamingServer implements AutoCloseable {
    final HttpServer http;
    final AtomicInteger connections = new AtomicInteger();
    final CountDownLatch clientGone = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    StreamingServer(boolean silentFirstStream) throws IOException {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/connect", ex -> {
        ex.getRequestBody().readAllBytes();
        byte[] body = metadataJson(3, strongEndpoint(url("/v2")), Instant.now().plus(Duration.ofHours(1)))
            .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      http.createContext("/v2/watch", ex -> watch(ex, silentFirstStream));
      http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      http.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private void watch(HttpExchange ex, boolean silentFirstStream) throws IOException {
      ex.getRequestBody().readAllBytes();
      int n = connections.incrementAndGet();
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      try {
        out.write(KEEP_ALIVE);
        out.write(frame(n));
        out.flush();
        if (silentFirstStream && n == 1) {
          release.await(10, TimeUnit.SECONDS);
          return;
        }
        for (int i = 0; i < 400 && release.getCount() > 0; i++) {
          Thread.sleep(25);
          out.write(KEEP_ALIVE);
          out.flush();
        }
      } catch (IOException e) {
        clientGone.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ex.close();
      }
    }

    @Override
    public void close() {
      release.countDown();
      http.stop(0);
    }
  }

  @Test
  void framesAreDeliveredAsTheyArriveAndClosingAbortsTheStream() throws Exception {
    try (StreamingServer streaming = new StreamingServer(false);
        RemoteDatabase db = RemoteDatabase.builder().url(streaming.url("/connect")).accessToken("t")
            .retry(KvConnectStub.FAST_RETRY).build()) {
      Recorder recorder = new Recorder();
      RemoteWatch sub = (RemoteWatch) db.watch(List.of(KEY), recorder);

      assertThat(recorder.next()).as("delivered while the stream is still open").isEqualTo(1L);
      long start = System.nanoTime();
      sub.close();

      assertThat(sub.isDone()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(streaming.clientGone.await(5, TimeUnit.SECONDS)).as("the server sees the stream closed").isTrue();
      assertThat(streaming.connections.get()).isEqualTo(1);
      assertThat(recorder.events).isEmpty();
    }
  }

  @Test
  void aSilentStreamIsDroppedAfterTheIdleTimeoutAndReopened() throws Exception {
    try (StreamingServer streaming = new StreamingServer(true);
        RemoteDatabase db = RemoteDatabase.builder().url(streaming.url("/connect")).accessToken("t")
            .retry(KvConnectStub.FAST_RETRY).watchIdleTimeout(Duration.ofMillis(300)).build()) {
      Recorder recorder = new Recorder();
      try (WatchSubscription sub = db.watch(List.of(KEY), recorder)) {
        assertThat(recorder.next()).isEqualTo(1L);
        assertThat(recorder.next()).as("emitted again on a new stream").isEqualTo(2L);
      }
    }
  }

  @Test
  void closingTheDatabaseClosesItsWatches() throws Exception {
    try (StreamingServer streaming = new StreamingServer(false)) {
      RemoteDatabase db = RemoteDatabase.builder().url(streaming.url("/connect")).accessToken("t").build();
      Recorder recorder = new Recorder();
      RemoteWatch sub = (RemoteWatch) db.watch(List.of(KEY), recorder);
      assertThat(recorder.next()).isEqualTo(1L);

      db.close();

      assertThat(sub.isDone()).isTrue();
      assertThat(streaming.clientGone.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * A KV Connect server whose watch streams never end: the first one sends {@code firstStream}
   * after a keep-alive, later ones the version of their number; then each sends keep-alives until
   * the client goes away.
   */
  static final class EndlessStreams implements AutoCloseable {
    final HttpServer http;
    final byte[] firstStream;
    final AtomicInteger exchanges = new AtomicInteger();
    final AtomicInteger streams = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final CountDownLatch firstGone = new CountDownLatch(1);
    private volatile boolean stopped;

    EndlessStreams(byte[] firstStream) throws IOException {
      this.firstStream = firstStream;
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/connect", ex -> {
        ex.getRequestBody().readAllBytes();
        exchanges.incrementAndGet();
        byte[] body = metadataJson(3, strongEndpoint(url("/v2")), Instant.now().plus(Duration.ofHours(1)))
            .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      http.createContext("/v2/watch", this::watch);
      http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      http.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    RemoteDatabase.Builder database() {
      return RemoteDatabase.builder().url(url("/connect")).accessToken("t").retry(KvConnectStub.FAST_RETRY);
    }

    private void watch(HttpExchange ex) throws IOException {
      ex.getRequestBody().readAllBytes();
      int n = streams.incrementAndGet();
      open.incrementAndGet();
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      try {
        out.write(KEEP_ALIVE);
        out.write(n == 1 ? firstStream : frame(n));
        out.flush();
        while (!stopped) {
          Thread.sleep(25);
          out.write(KEEP_ALIVE);
          out.flush();
        }
      } catch (IOException e) {
        // the client went away
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        open.decrementAndGet();
        if (n == 1) {
          firstGone.countDown();
        }
        ex.close();
      }
    }

    boolean allStreamsClosedWithin(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (open.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      return open.get() == 0;
    }

    @Override
    public void close() {
      stopped = true;
      http.stop(0);
    }
  }

  static Stream<Arguments> invalidStreams() {
    WatchKeyOutput.Builder key = WatchKeyOutput.newBuilder().setChanged(false);
    return Stream.of(
        Arguments.of("a malformed frame", frame(new byte[] {0x12, 0x05}), "Malformed KV Connect watch frame"),
        Arguments.of("a frame for two keys", frame(WatchOutput.newBuilder().setStatus(SnapshotReadStatus.SR_SUCCESS)
            .addKeys(key).addKeys(key).build().toByteArray()), "reports 2 keys, 1 are watched"),
        Arguments.of("an unspecified status", frame(WatchOutput.newBuilder().addKeys(key).build().toByteArray()), "status 0"),
        Arguments.of("an oversized frame", new byte[] {0, 0, 0, 2}, "exceeds the limit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidStreams")
  void anInvalidStreamThatStaysOpenIsReportedAndDropped(String what, byte[] firstStream, String message) throws Exception {
    try (EndlessStreams streams = new EndlessStreams(firstStream);
        RemoteDatabase db = streams.database().build()) {
      Recorder recorder = new Recorder();
      RemoteWatch sub = (RemoteWatch) db.watch(List.of(KEY), recorder);

      assertThat(recorder.next()).isInstanceOf(KvCodecException.class).asString().contains(message);
      awaitDone(sub);
      assertThat(streams.firstGone.await(5, TimeUnit.SECONDS)).as("the stream is dropped").isTrue();
      assertThat(streams.streams.get()).isEqualTo(1);
      assertThat(recorder.events).isEmpty();
    }
  }

  @Test
  void disabledReadsOnAStreamThatStaysOpenRefreshTheMetadataAndReconnect() throws Exception {
    byte[] disabled = frame(WatchOutput.newBuilder().setStatus(SnapshotReadStatus.SR_READ_DISABLED).build().toByteArray());
    try (EndlessStreams streams = new EndlessStreams(disabled)) {
      RemoteDatabase db = streams.database().build();
      Recorder recorder = new Recorder();
      RemoteWatch sub = (RemoteWatch) db.watch(List.of(KEY), recorder);

      assertThat(recorder.next()).as("emitted by the second stream").isEqualTo(2L);
      assertThat(streams.firstGone.await(5, TimeUnit.SECONDS)).as("the first stream is dropped").isTrue();
      assertThat(streams.exchanges.get()).as("metadata exchanges").isEqualTo(2);

      long start = System.nanoTime();
      db.close();
      assertThat(sub.isDone()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(streams.allStreamsClosedWithin(Duration.ofSeconds(5))).isTrue();
      assertThat(recorder.events).isEmpty();
    }
  }
}
