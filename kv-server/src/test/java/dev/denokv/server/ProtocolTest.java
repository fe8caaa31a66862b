package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import com.deno.kv.datapath.WatchOutput;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata exchange, authentication, protocol headers and watch framing, byte by byte. */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProtocolTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired TestClock clock;
  @Autowired KvConnectTestApplication.DatabaseDirectory directory;
  @Autowired KvConnectHandler handler;
  @Autowired RecordingDatabase database;
  JavaKvConnectClient client;

  @BeforeEach
  void setUp() {
    client = new JavaKvConnectClient(port);
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void metadataFollowsTheSchemaAndNegotiatesTheHighestCommonVersion() throws IOException {
    HttpResponse<String> r =
        client.exchange(Map.of("Authorization", "Bearer " + KvConnectTestApplication.ACCESS_TOKEN,
            "Content-Type", "application/json"), "{\"supportedVersions\":[1,2,3]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode m = JSON.readTree(r.body());
    assertThat(StreamSupport.stream(m.propertyNames().spliterator(), false).toList())
        .containsExactly("version", "databaseId", "endpoints", "token", "expiresAt");
    assertThat(m.get("version").asInt()).isEqualTo(3);
    assertThat(m.get("databaseId").asString())
        .isEqualTo(handler.databaseId().toString())
        .isEqualTo(readString(directory.path().resolve("kv.sqlite3.kv-connect-id")).trim())
        .isNotEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(m.get("endpoints").toString()).isEqualTo("[{\"url\":\"kv/data\",\"consistency\":\"strong\"}]");
    String token = m.get("token").asString();
    assertThat(token).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(KvConnectTestApplication.ACCESS_TOKEN);
    assertThat(r.body()).doesNotContain(KvConnectTestApplication.ACCESS_TOKEN);
    String expiresAt = m.get("expiresAt").asString();
    assertThat(expiresAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    assertThat(Duration.between(Instant.now(), Instant.parse(expiresAt)))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));

    assertThat(client.session(KvConnectTestApplication.ACCESS_TOKEN, "[2]").version()).isEqualTo(2);
    assertThat(client.session(KvConnectTestApplication.OTHER_ACCESS_TOKEN, "[2, 3, 9]").version()).isEqualTo(3);
    assertThat(client.session().token()).isNotEqualTo(token);
  }

  @Test
  void aBodylessExchangeIsVersionOneWithAnAbsoluteEndpoint() {
    HttpResponse<String> r =
        client.exchange(Map.of("Authorization", "Bearer " + KvConnectTestApplication.ACCESS_TOKEN), null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode m = JSON.readTree(r.body());
    assertThat(m.get("version").asInt()).isEqualTo(1);
    // without a configured public URL: the address the connection came in on, not the Host header
    assertThat(m.get("endpoints").get(0).get("url").asString())
        .matches("http://(127\\.0\\.0\\.1|\\[[0-9a-f:]+\\]):" + port + "/kv/data");
  }

  @Test
  void theExchangeRefusesBadTokensAndBadBodies() {
    String good = KvConnectTestApplication.ACCESS_TOKEN;
    assertText(client.exchange(Map.of(), "{}"), 401, "Malformed authorization header.");
    assertText(client.exchange(Map.of("Authorization", "Basic " + good), "{}"), 401, "Malformed authorization header.");
    assertText(client.exchange(Map.of("Authorization", "Bearer "), "{}"), 401, "Malformed authorization header.");
    assertText(client.exchange(Map.of("Authorization", "Bearer wrong"), "{}"), 401, "Invalid access token.");
    assertText(client.exchange(Map.of("Authorization", "Bearer " + good.substring(1)), "{}"), 401, "Invalid access token.");
    assertText(client.exchange(Map.of("Authorization", "Bearer " + good + "x"), "{}"), 401, "Invalid access token.");
    Map<String, String> auth = Map.of("Authorization", "Bearer " + good);
    assertText(client.exchange(auth, "{not json"), 400, "The metadata exchange body is not valid JSON.");
    assertText(client.exchange(auth, "{\"supportedVersions\":\"3\"}"), 400,
        "The metadata exchange body must be an object with a 'supportedVersions' array.");
    assertText(client.exchange(auth, "{\"supportedVersions\":[4,5]}"), 400,
        "No common protocol version: the client offered [4, 5], the server supports [1, 2, 3].");
  }

  @Test
  void theDataPathRefusesBadTokensHeadersAndDatabaseIds() {
    JavaKvConnectClient.Session s = client.session();
    byte[] read = Protos.prefixRead(Protos.key("protocol"), 10).toByteArray();
    URI url = URI.create(s.endpoint() + "/snapshot_read");
    assertThat(client.post(s, "snapshot_read", read).statusCode()).isEqualTo(200);

    Map<String, String> h = new HashMap<>(JavaKvConnectClient.headers(s));
    h.put("Authorization", "Bearer " + KvConnectTestApplication.ACCESS_TOKEN);
    assertText(client.post(url, h, read), 401, "Invalid or expired data path token; exchange the access token for a new one.");
    h.put("Authorization", "Token " + s.token());
    assertText(client.post(url, h, read), 401, "Malformed authorization header.");
    h.remove("Authorization");
    assertText(client.post(url, h, read), 401, "Malformed authorization header.");

    h = new HashMap<>(JavaKvConnectClient.headers(s));
    h.put("x-denokv-version", "7");
    assertText(client.post(url, h, read), 400, "Unsupported protocol version in x-denokv-version.");
    h.put("x-denokv-version", "2");
    h.put("x-denokv-database-id", "00000000-0000-4000-8000-000000000001");
    assertText(client.post(url, h, read), 400, "The database id in the request does not match this database.");
    h.remove("x-denokv-database-id");
    assertText(client.post(url, h, read), 400, "Missing x-denokv-database-id header.");
    h.remove("x-denokv-version");
    assertText(client.post(url, h, read), 400,
        "Missing x-denokv-version and x-denokv-database-id headers (or x-transaction-domain-id for protocol version 1).");
    h.put("x-transaction-domain-id", "not-a-uuid");
    assertText(client.post(url, h, read), 400, "The database id in the request does not match this database.");
    h.put("x-transaction-domain-id", s.databaseId().toUpperCase());
    assertThat(client.post(url, h, read).statusCode()).isEqualTo(200);

    h = new HashMap<>(JavaKvConnectClient.headers(s));
    h.put("x-denokv-version", "2");
    byte[] watch = Watch.newBuilder().addKeys(WatchKey.newBuilder().setKey(Protos.bytes(Protos.key("w")))).build().toByteArray();
    assertText(client.post(URI.create(s.endpoint() + "/watch"), h, watch), 400, "Watching requires protocol version 3.");
  }

  @Test
  void dataPathTokensExpireAndAreNeverAccessTokens() {
    JavaKvConnectClient.Session s = client.session();
    byte[] write = Protos.write(Protos.set(Protos.key("protocol", "expiry"), Protos.bytesValue(new byte[] {1}))).toByteArray();
    clock.advance(Duration.ofMinutes(59));
    assertThat(client.post(s, "atomic_write", write).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    assertText(client.post(s, "atomic_write", write), 401, "Invalid or expired data path token; exchange the access token for a new one.");
    assertText(client.post(s, "snapshot_read", Protos.prefixRead(Protos.key("protocol"), 1).toByteArray()), 401,
        "Invalid or expired data path token; exchange the access token for a new one.");
    JavaKvConnectClient.Session fresh = client.session();
    assertThat(client.post(fresh, "snapshot_read", Protos.prefixRead(Protos.key("protocol"), 1).toByteArray()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void readsAndWritesAnswerProtobuf() throws Exception {
    JavaKvConnectClient.Session s = client.session();
    byte[] key = Protos.key("protocol", "rw");
    HttpResponse<byte[]> w = client.post(s, "atomic_write", Protos.write(Protos.sum(key, 5)).toByteArray());
    assertThat(w.statusCode()).isEqualTo(200);
    assertThat(w.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    AtomicWriteOutput out = AtomicWriteOutput.parseFrom(w.body());
    assertThat(out.getStatus()).isEqualTo(AtomicWriteStatus.AW_SUCCESS);
    assertThat(out.getVersionstamp().size()).isEqualTo(10);

    com.deno.kv.datapath.AtomicWrite failing =
        com.deno.kv.datapath.AtomicWrite.newBuilder()
            .addChecks(com.deno.kv.datapath.Check.newBuilder().setKey(Protos.bytes(Protos.key("protocol", "free"))))
            .addChecks(com.deno.kv.datapath.Check.newBuilder().setKey(Protos.bytes(key)))
            .addMutations(Protos.sum(key, 1))
            .build();
    AtomicWriteOutput refused = AtomicWriteOutput.parseFrom(client.post(s, "atomic_write", failing.toByteArray()).body());
    assertThat(refused.getStatus()).isEqualTo(AtomicWriteStatus.AW_CHECK_FAILURE);
    assertThat(refused.getFailedChecksList()).containsExactly(1);

    HttpResponse<byte[]> r = client.post(s, "snapshot_read", Protos.prefixRead(Protos.key("protocol", "rw"), 10).toByteArray());
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    SnapshotReadOutput read = SnapshotReadOutput.parseFrom(r.body());
    assertThat(read.getReadIsStronglyConsistent()).isTrue();
    assertThat(read.getStatusValue()).isEqualTo(1);
    assertThat(read.getRanges(0).getValuesList()).hasSize(1);
    assertThat(read.getRanges(0).getValues(0).getValue().toByteArray()).containsExactly(5, 0, 0, 0, 0, 0, 0, 0);
    assertThat(read.getRanges(0).getValues(0).getVersionstamp()).isEqualTo(out.getVersionstamp());
  }

  @Test
  void watchStreamsFramesAndKeepAlivesAndTearsDownWhenTheClientLeaves() throws Exception {
    JavaKvConnectClient.Session s = client.session();
    byte[] key = Protos.key("protocol", "watched");
    byte[] watch = Watch.newBuilder().addKeys(WatchKey.newBuilder().setKey(Protos.bytes(key))).build().toByteArray();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.endpoint() + "/watch")).POST(HttpRequest.BodyPublishers.ofByteArray(watch));
    JavaKvConnectClient.headers(s).forEach(b::header);
    int watchersBefore = database.watcherCount();
    HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    try (DataInputStream in = new DataInputStream(r.body())) {
      assertThat(frame(in)).isEmpty(); // keep-alive at once
      WatchOutput first = WatchOutput.parseFrom(frame(in));
      assertThat(first.getStatusValue()).isEqualTo(1);
      assertThat(first.getKeysList()).hasSize(1);
      assertThat(first.getKeys(0).getChanged()).isTrue();
      assertThat(first.getKeys(0).hasEntryIfChanged()).isFalse();

      client.post(s, "atomic_write", Protos.write(Protos.set(key, Protos.bytesValue(new byte[] {7}))).toByteArray());
      byte[] next = frame(in);
      while (next.length == 0) {
        next = frame(in);
      }
      WatchOutput changed = WatchOutput.parseFrom(next);
      assertThat(changed.getKeys(0).getChanged()).isTrue();
      assertThat(changed.getKeys(0).getEntryIfChanged().getValue().toByteArray()).containsExactly(7);

      // Periodic keep-alives (every 500 ms here) keep coming past the 1 s container async timeout
      // the test application configures: watch streams are exempt from it.
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        assertThat(frame(in)).isEmpty();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1000), Duration.ofSeconds(4));
      assertThat(handler.openWatchCount()).isGreaterThanOrEqualTo(1);
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (database.watcherCount() > watchersBefore && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(database.watcherCount()).isEqualTo(watchersBefore);
  }

  private static String readString(java.nio.file.Path file) throws IOException {
    return Files.readString(file);
  }

  private static byte[] frame(DataInputStream in) throws IOException {
    int length = Integer.reverseBytes(in.readInt());
    return in.readNBytes(length);
  }

  static void assertText(HttpResponse<?> r, int status, String message) {
    assertThat(r.statusCode()).as("status").isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
    Object body = r.body();
    String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : (String) body;
    assertThat(text).isEqualTo(message);
  }

}
