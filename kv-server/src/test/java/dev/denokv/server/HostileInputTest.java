package dev.denokv.server;

import static dev.denokv.server.Protos.bytes;
import static dev.denokv.server.Protos.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.AtomicWrite;
import com.deno.kv.datapath.Check;
import com.deno.kv.datapath.Enqueue;
import com.deno.kv.datapath.KvValue;
import com.deno.kv.datapath.Mutation;
import com.deno.kv.datapath.MutationType;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.ValueEncoding;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import dev.denokv.Consistency;
import dev.denokv.key.KeyCodec;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.value.v8.V8Codec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The server as a hostile client sees it: random, truncated and bit-flipped bodies for every
 * endpoint, every header variant, other methods and every limit plus or minus one. No request gets
 * a 5xx; every refusal is a 4xx with a plain-text message and leaves the database as it was; no
 * stack trace reaches the log above DEBUG; whatever was accepted still decodes as Deno reads it.
 */
@SpringBootTest(
    classes = KvConnectTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"logging.level.dev.denokv.server=INFO", "logging.level.org.apache=INFO",
        "logging.level.org.apache.coyote.http11.Http11Processor=WARN",
        "kv-test.max-failed-authentications=1000000"})
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest {

  private static final String[] DATA_ACTIONS = {"snapshot_read", "atomic_write", "watch"};

  @LocalServerPort int port;
  @Autowired RecordingDatabase database;
  JavaKvConnectClient.Session session;
  final Random random = new Random(14);

  @BeforeEach
  void setUp() {
    session = new JavaKvConnectClient(port).session(KvConnectTestApplication.ACCESS_TOKEN, "[2,3]");
  }

  @AfterEach
  void everythingStoredDecodesAndNothingWasLoggedAboveDebugWithAStackTrace(CapturedOutput output) {
    for (RawEntry e : all()) {
      KeyCodec.decode(e.key());
      if (e.value().encoding() == dev.denokv.value.ValueEncoding.V8) {
        V8Codec.decode(e.value().data());
      }
    }
    assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
  }

  @Test
  void randomTruncatedAndBitFlippedBodies() {
    Map<String, byte[]> valid = new LinkedHashMap<>();
    valid.put("snapshot_read", SnapshotRead.newBuilder()
        .addRanges(Protos.range(key("h"), key("h", "z"), 10))
        .addRanges(Protos.range(key("h", "a"), key("h", "b"), 5).toBuilder().setReverse(true)).build().toByteArray());
    valid.put("atomic_write", validWrite());
    valid.put("watch", Watch.newBuilder().addKeys(WatchKey.newBuilder().setKey(bytes(key("h", "a"))))
        .addKeys(WatchKey.newBuilder().setKey(bytes(key("h", "b", "c")))).build().toByteArray());
    for (String action : DATA_ACTIONS) {
      byte[] body = valid.get(action);
      for (int i = 0; i < 20; i++) {
        byte[] noise = new byte[random.nextInt(200)];
        random.nextBytes(noise);
        dataPath(action, noise);
      }
      for (int cut = 0; cut < body.length; cut += Math.max(1, body.length / 15)) {
        dataPath(action, Arrays.copyOf(body, cut));
      }
      for (int i = 0; i < 30; i++) {
        byte[] flipped = body.clone();
        for (int f = 1 + random.nextInt(3); f > 0; f--) {
          int bit = random.nextInt(flipped.length * 8);
          flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        dataPath(action, flipped);
      }
    }
    byte[] json = "{\"supportedVersions\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20; i++) {
      byte[] flipped = json.clone();
      int bit = random.nextInt(flipped.length * 8);
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      refusedOrServed(send("POST", "/kv", metadataHeaders(KvConnectTestApplication.ACCESS_TOKEN), flipped));
      refusedOrServed(send("POST", "/kv", metadataHeaders(KvConnectTestApplication.ACCESS_TOKEN),
          Arrays.copyOf(json, random.nextInt(json.length))));
    }
  }

  @Test
  void everyHeaderVariant() {
    String[] contentTypes = {"*/*", "text/*", "application/*;q=1", "", "garbage", "application/x-protobuf; charset=\"",
        "multipart/form-data; boundary=x", "application/json", "text/html; q=x", "*", "/", ";;;"};
    byte[] write = validWrite();
    for (String type : contentTypes) {
      for (String action : DATA_ACTIONS) {
        Map<String, String> h = dataHeaders();
        h.put("Content-Type", type);
        h.put("Accept", type);
        refusedOrServed(send("POST", "/kv/data/" + action, h, action.equals("atomic_write") ? write : new byte[0]));
        Map<String, String> anonymous = new LinkedHashMap<>(Map.of("Content-Type", type, "Accept", type));
        assertRefused(send("POST", "/kv/data/" + action, anonymous, write), 401);
      }
      Map<String, String> m = new LinkedHashMap<>(Map.of("Content-Type", type, "Accept", type));
      assertRefused(send("POST", "/kv", m, new byte[0]), 401);
      m.put("Authorization", "Bearer " + KvConnectTestApplication.ACCESS_TOKEN);
      refusedOrServed(send("POST", "/kv", m, new byte[0]));
    }
    String[] authorizations = {"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer x", "Bearer \u00ff\u00fe",
        "Bearer " + "a".repeat(4000), "Bearer v1.", "Bearer v1..", "Bearer v1.AAAA.BBBB", session.token() + "x",
        "Bearer " + session.token().substring(0, session.token().length() - 1)
            + (session.token().endsWith("A") ? "B" : "A")};
    for (String authorization : authorizations) {
      for (String action : DATA_ACTIONS) {
        Map<String, String> h = dataHeaders();
        h.put("Authorization", authorization);
        assertRefused(send("POST", "/kv/data/" + action, h, write), 401);
      }
      assertRefused(send("POST", "/kv", Map.of("Authorization", authorization), new byte[0]), 401);
    }
    String[][] protocolHeaders = {
        {"x-denokv-version", "0"}, {"x-denokv-version", "4"}, {"x-denokv-version", "abc"}, {"x-denokv-version", ""},
        {"x-denokv-database-id", "not-a-uuid"}, {"x-denokv-database-id", "00000000-0000-0000-0000-000000000000"},
        {"x-denokv-database-id", ""}};
    for (String[] header : protocolHeaders) {
      Map<String, String> h = dataHeaders();
      h.put(header[0], header[1]);
      assertRefused(send("POST", "/kv/data/atomic_write", h, write), 400);
    }
    String[] hosts = {"evil.example:666", "evil example", "[::1", "", "localhost:99999", "a@b"};
    for (String host : hosts) {
      Map<String, String> h = metadataHeaders(KvConnectTestApplication.ACCESS_TOKEN);
      h.put("Host", host);
      RawHttp.Response r = send("POST", "/kv", h, "{\"supportedVersions\":[1]}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).as("the container refuses a malformed Host itself").isLessThan(500);
      assertThat(r.body()).doesNotContain("evil");
    }
    assertRefused(send("POST", "/kv", metadataHeaders(KvConnectTestApplication.ACCESS_TOKEN), new byte[70_000]), 400);
  }

  @Test
  void otherMethodsAreNotAllowed() {
    for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"}) {
      for (String path : new String[] {"/kv", "/kv/data/snapshot_read", "/kv/data/atomic_write", "/kv/data/watch"}) {
        RawHttp.Response r = send(method, path, dataHeaders(), new byte[0]);
        if (method.equals("OPTIONS")) {
          assertThat(r.status()).isLessThan(500);
        } else {
          assertThat(r.status()).as(method + " " + path).isEqualTo(405);
        }
        assertThat(r.headers().get("allow")).as(method + " " + path).contains("POST");
      }
    }
  }

  @Test
  void everyLimitPlusOrMinusOne() {
    KvValue one = Protos.bytesValue(new byte[] {1});
    // write key: 2048 stored, 2049 refused; versionstamped: 2026 + 22 stored, 2027 + 22 refused
    accepted("atomic_write", Protos.write(Protos.set(stringKey(2048), one)).toByteArray());
    assertRefusedUnchanged("atomic_write", Protos.write(Protos.set(stringKey(2049), one)).toByteArray());
    accepted("atomic_write", Protos.write(stamped(stringKey(2026))).toByteArray());
    assertRefusedUnchanged("atomic_write", Protos.write(stamped(stringKey(2027))).toByteArray());
    // value: 65536 stored, 65537 refused
    accepted("atomic_write", Protos.write(Protos.set(key("h", "v"), Protos.bytesValue(new byte[65_536]))).toByteArray());
    assertRefusedUnchanged("atomic_write", Protos.write(Protos.set(key("h", "v"), Protos.bytesValue(new byte[65_537]))).toByteArray());
    // checks: 10 / 11
    accepted("atomic_write", checks(10));
    assertRefusedUnchanged("atomic_write", checks(11));
    // read ranges: 10 / 11; total limit 1000 / 1001
    accepted("snapshot_read", reads(10, 100));
    assertRefusedUnchanged("snapshot_read", reads(11, 1));
    assertRefusedUnchanged("snapshot_read", reads(10, 101) /* 1010 */);
    accepted("snapshot_read", reads(1, 1000));
    assertRefusedUnchanged("snapshot_read", reads(1, 1001));
    // read key: 2049 read, 2050 refused
    accepted("snapshot_read", SnapshotRead.newBuilder().addRanges(Protos.range(stringKey(2049), new byte[] {(byte) 0xFF}, 1))
        .build().toByteArray());
    assertRefusedUnchanged("snapshot_read", SnapshotRead.newBuilder()
        .addRanges(Protos.range(stringKey(2050), new byte[] {(byte) 0xFF}, 1)).build().toByteArray());
    // watched keys: 10 / 11
    assertThat(send("POST", "/kv/data/watch", dataHeaders(), watch(10)).status()).isEqualTo(200);
    assertRefusedUnchanged("watch", watch(11));
    // keys if undelivered 10 / 11, backoff intervals 10 / 11
    accepted("atomic_write", enqueue(10, 10));
    assertRefusedUnchanged("atomic_write", enqueue(11, 1));
    assertRefusedUnchanged("atomic_write", enqueue(1, 11));
  }

  // ---- helpers ----------------------------------------------------------------------------

  private byte[] validWrite() {
    byte[] v8 = {(byte) 0xFF, 0x0F, 0x22, 0x02, 'h', 'i'};
    return AtomicWrite.newBuilder()
        .addChecks(Check.newBuilder().setKey(bytes(key("h", "a"))))
        .addMutations(Protos.set(key("h", "a"), KvValue.newBuilder().setEncoding(ValueEncoding.VE_V8).setData(bytes(v8)).build()))
        .addMutations(Protos.sum(key("h", "n"), 3))
        .addMutations(stamped(key("h", "s")))
        .addEnqueues(Enqueue.newBuilder().setPayload(bytes(v8)).setDeadlineMs(System.currentTimeMillis() + 3_600_000)
            .addKeysIfUndelivered(bytes(key("h", "u"))).addBackoffSchedule(100))
        .build().toByteArray();
  }

  private static Mutation stamped(byte[] key) {
    return Mutation.newBuilder().setKey(bytes(key)).setMutationType(MutationType.M_SET_SUFFIX_VERSIONSTAMPED_KEY)
        .setValue(Protos.bytesValue(new byte[] {1})).build();
  }

  private void dataPath(String action, byte[] body) {
    refusedOrServed(send("POST", "/kv/data/" + action, dataHeaders(), body));
  }

  private void accepted(String action, byte[] body) {
    RawHttp.Response r = send("POST", "/kv/data/" + action, dataHeaders(), body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private void assertRefusedUnchanged(String action, byte[] body) {
    String before = dump();
    RawHttp.Response r = send("POST", "/kv/data/" + action, dataHeaders(), body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isNotBlank();
    assertThat(dump()).isEqualTo(before);
  }

  private static void assertRefused(RawHttp.Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().get("content-type")).startsWith("text/plain");
    assertThat(r.body()).isNotBlank();
  }

  /** Any answer below 500; a refusal has a plain-text message and left the database unchanged. */
  private void refusedOrServed(RawHttp.Response r) {
    assertThat(r.status()).as(r.body()).isLessThan(500);
    if (r.status() >= 400) {
      assertThat(r.headers().get("content-type")).as(r.body()).startsWith("text/plain");
      assertThat(r.body()).isNotBlank();
    }
  }

  private RawHttp.Response send(String method, String path, Map<String, String> headers, byte[] body) {
    if (!method.equals("POST") || !path.startsWith("/kv/data/")) {
      return RawHttp.send(port, method, path, headers, body);
    }
    String before = dump();
    RawHttp.Response r = RawHttp.send(port, method, path, headers, body);
    if (r.status() >= 400) {
      assertThat(dump()).as("a refused request changes nothing: " + r.body()).isEqualTo(before);
    }
    return r;
  }

  private Map<String, String> dataHeaders() {
    Map<String, String> h = new LinkedHashMap<>(JavaKvConnectClient.headers(session));
    h.put("Content-Type", "application/x-protobuf");
    return h;
  }

  private static Map<String, String> metadataHeaders(String token) {
    return new LinkedHashMap<>(Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
  }

  private List<RawEntry> all() {
    return database.snapshotRead(List.of(new ReadRange(new byte[0], new byte[] {(byte) 0xFF}, 1000, false)),
        Consistency.STRONG).get(0);
  }

  private String dump() {
    HexFormat hex = HexFormat.of();
    return all().stream()
        .map(e -> hex.formatHex(e.key()) + "=" + e.value() + "@" + e.versionstamp())
        .collect(Collectors.joining("\n")) + "\nqueued=" + database.enqueued().size();
  }

  private static byte[] stringKey(int length) {
    byte[] k = new byte[length];
    Arrays.fill(k, (byte) 'x');
    k[0] = 0x02;
    k[length - 1] = 0x00;
    return k;
  }

  private static byte[] checks(int n) {
    AtomicWrite.Builder b = AtomicWrite.newBuilder();
    for (int i = 0; i < n; i++) {
      b.addChecks(Check.newBuilder().setKey(bytes(key("h", "c" + i))));
    }
    return b.addMutations(Protos.set(key("h", "k"), Protos.bytesValue(new byte[] {1}))).build().toByteArray();
  }

  private static byte[] reads(int ranges, int limit) {
    SnapshotRead.Builder b = SnapshotRead.newBuilder();
    for (int i = 0; i < ranges; i++) {
      b.addRanges(Protos.range(key("h"), key("h", "z"), limit));
    }
    return b.build().toByteArray();
  }

  private static byte[] watch(int n) {
    Watch.Builder b = Watch.newBuilder();
    for (int i = 0; i < n; i++) {
      b.addKeys(WatchKey.newBuilder().setKey(bytes(key("h", "w" + i))));
    }
    return b.build().toByteArray();
  }

  private static byte[] enqueue(int keys, int intervals) {
    Enqueue.Builder q = Enqueue.newBuilder().setPayload(bytes(new byte[] {(byte) 0xFF, 0x0F, 0x5F}))
        .setDeadlineMs(System.currentTimeMillis() + 3_600_000);
    for (int i = 0; i < keys; i++) {
      q.addKeysIfUndelivered(bytes(key("h", "u" + i)));
    }
    for (int i = 0; i < intervals; i++) {
      q.addBackoffSchedule(10);
    }
    return AtomicWrite.newBuilder().addEnqueues(q).build().toByteArray();
  }
}
