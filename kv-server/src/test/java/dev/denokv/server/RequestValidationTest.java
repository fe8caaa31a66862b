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
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.ValueEncoding;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every malformed request and every limit violation is refused with 400 and a plain-text message,
 * and leaves the database untouched.
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestValidationTest {

  private static final byte[] PREFIX = key("rejected");

  @LocalServerPort int port;
  @Autowired RecordingDatabase database;
  JavaKvConnectClient client;

  @BeforeEach
  void setUp() {
    client = new JavaKvConnectClient(port);
  }

  static Stream<Arguments> refusedRequests() {
    byte[] k = key("rejected", "k");
    KvValue one = Protos.bytesValue(new byte[] {1});
    return Stream.of(
        // malformed
        refused("atomic_write", new byte[] {(byte) 0xFF, 0x01, 0x02}, "The request body is not a valid protobuf message."),
        refused("snapshot_read", new byte[] {0x0A, 0x7F}, "The request body is not a valid protobuf message."),
        refused("atomic_write", write(Mutation.newBuilder().setKey(bytes(k)).setMutationTypeValue(42).setValue(one)),
            "Invalid mutation type: 42"),
        refused("atomic_write", write(Mutation.newBuilder().setKey(bytes(k)).setMutationType(MutationType.M_UNSPECIFIED).setValue(one)),
            "Invalid mutation type: 0"),
        refused("atomic_write", write(Protos.set(k, KvValue.newBuilder().setData(bytes(new byte[] {1})).setEncodingValue(9).build())),
            "Invalid value encoding in mutation value: 9"),
        refused("atomic_write", write(Protos.set(k, KvValue.newBuilder().setData(bytes(new byte[] {1})).build())),
            "Invalid value encoding in mutation value: 0"),
        refused("atomic_write", write(Protos.set(k, KvValue.newBuilder().setEncoding(ValueEncoding.VE_LE64).setData(bytes(new byte[3])).build())),
            "Invalid mutation value: a LE64 value must be 8 bytes, got 3"),
        refused("atomic_write",
            AtomicWrite.newBuilder().addChecks(Check.newBuilder().setKey(bytes(k)).setVersionstamp(bytes(new byte[5])))
                .addMutations(Protos.set(k, one)).build().toByteArray(),
            "Invalid check versionstamp: must be 10 bytes, got 5"),
        refused("atomic_write", write(Mutation.newBuilder().setKey(bytes(k)).setMutationType(MutationType.M_SET)),
            "Mutation 0 (set) needs a value."),
        refused("atomic_write", write(Mutation.newBuilder().setKey(bytes(k)).setMutationType(MutationType.M_SUM)),
            "Mutation 0 (sum) needs a value."),
        refused("atomic_write", write(Mutation.newBuilder().setKey(bytes(k)).setMutationType(MutationType.M_DELETE).setValue(one)),
            "Invalid mutation: a delete must not carry a value"),
        refused("atomic_write", write(Protos.set(new byte[0], one)), "Mutation key 0 must not be empty."),
        refused("atomic_write", write(Protos.set(k, one).toBuilder().setExpireAtMs(-5).build()),
            "The expiry of mutation 0 must not be negative."),
        refused("atomic_write", write(Mutation.newBuilder().setKey(bytes(k)).setMutationType(MutationType.M_SUM)
                .setValue(Protos.le64(1)).setSumMin(bytes(new byte[] {(byte) 0xFF, 0x0F, 0x49, 0x00})).build()),
            "Mutation 0: sum bounds and clamping are only allowed on a sum of a V8-encoded number."),
        refused("atomic_write", new byte[2 * 1024 * 1024 + 1], "The request body is larger than 2097152 bytes."),
        // limits
        refused("snapshot_read", reads(11, 1), "Too many ranges in a snapshot read: 11 > 10."),
        refused("snapshot_read", reads(1, 0), "The limit of range 0 must be at least 1, got 0."),
        refused("snapshot_read", reads(1, -3), "The limit of range 0 must be at least 1, got -3."),
        refused("snapshot_read", reads(2, 501), "The range limits of a snapshot read add up to 1002 > 1000."),
        refused("snapshot_read",
            SnapshotRead.newBuilder().addRanges(Protos.range(new byte[2050], new byte[] {(byte) 0xFF}, 1)).build().toByteArray(),
            "Range start 0 is too large: 2050 bytes > 2049."),
        refused("atomic_write", write(Protos.set(filled(2049), one)), "Mutation key 0 is too large: 2049 bytes > 2048."),
        refused("atomic_write", write(Protos.set(k, Protos.bytesValue(new byte[65_537]))),
            "Mutation value 0 is too large: 65537 bytes > 65536."),
        refused("atomic_write", checks(11), "Too many checks in an atomic write: 11 > 10."),
        refused("atomic_write", AtomicWrite.newBuilder().addChecks(Check.newBuilder().setKey(bytes(filled(2050))))
                .addMutations(Protos.set(k, one)).build().toByteArray(),
            "Check key 0 is too large: 2050 bytes > 2049."),
        refused("atomic_write", mutations(1001, 1), "Too many mutations and enqueues in an atomic write: 1001 > 1000."),
        refused("atomic_write", mutations(13, 65_000),
            "The atomic write is too large: 845185 bytes of keys and values > 819200."),
        refused("atomic_write", enqueue(q -> { for (int i = 0; i < 11; i++) q.addKeysIfUndelivered(bytes(key("rejected", "u" + i))); }),
            "Too many keys if undelivered in enqueue 0: 11 > 10."),
        refused("atomic_write", enqueue(q -> { for (int i = 0; i < 11; i++) q.addBackoffSchedule(10); }),
            "Too many backoff intervals in enqueue 0: 11 > 10."),
        refused("atomic_write", enqueue(q -> q.addBackoffSchedule(3_600_001)),
            "A backoff interval of enqueue 0 is too long: 3600001 ms > 3600000 ms."),
        refused("atomic_write", enqueue(q -> q.addBackoffSchedule(-1)),
            "A backoff interval of enqueue 0 is too long: 4294967295 ms > 3600000 ms."),
        refused("atomic_write", enqueue(q -> q.setDeadlineMs(System.currentTimeMillis() + 31L * 24 * 3600 * 1000)),
            "The delay of enqueue 0 is too long: more than 2592000000 ms."),
        refused("atomic_write", enqueue(q -> q.setPayload(bytes(new byte[65_537]))),
            "Enqueue payload 0 is too large: 65537 bytes > 65536."),
        refused("watch", watch(11), "Too many keys in a watch: 11 > 10."),
        refused("watch", watch(0), "A watch needs at least one key."),
        // the backend refuses the mutation
        refused("atomic_write",
            AtomicWrite.newBuilder().addMutations(Protos.set(key("rejected", "string"), Protos.bytesValue(new byte[] {1})))
                .addMutations(Protos.sum(key("rejected", "string"), 1)).build().toByteArray(),
            null));
  }

  @ParameterizedTest(name = "[{index}] {0}: {2}")
  @MethodSource("refusedRequests")
  void isRefusedWith400AndChangesNothing(String action, byte[] body, String message) throws Exception {
    JavaKvConnectClient.Session s = client.session();
    int enqueuedBefore = database.enqueued().size();
    long writesBefore = database.atomicWriteCount();
    var response = client.post(s, action, body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
    String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    if (message != null) {
      assertThat(text).isEqualTo(message);
    } else {
      assertThat(text).contains("non-U64");
    }
    SnapshotReadOutput all =
        SnapshotReadOutput.parseFrom(client.post(s, "snapshot_read", Protos.prefixRead(PREFIX, 1000).toByteArray()).body());
    assertThat(all.getRanges(0).getValuesList()).isEmpty();
    assertThat(database.enqueued()).hasSize(enqueuedBefore);
    if (message != null) {
      assertThat(database.atomicWriteCount()).as("refused before reaching the database").isEqualTo(writesBefore);
    }
  }

  private static Arguments refused(String action, byte[] body, String message) {
    return Arguments.of(action, body, message);
  }

  private static byte[] write(Mutation.Builder m) {
    return write(m.build());
  }

  private static byte[] write(Mutation m) {
    return Protos.write(m).toByteArray();
  }

  private static byte[] filled(int n) {
    byte[] k = new byte[n];
    Arrays.fill(k, (byte) 'k');
    System.arraycopy(PREFIX, 0, k, 0, PREFIX.length);
    return k;
  }

  private static byte[] reads(int ranges, int limit) {
    SnapshotRead.Builder b = SnapshotRead.newBuilder();
    for (int i = 0; i < ranges; i++) {
      b.addRanges(Protos.range(key("rejected"), key("rejected", "z"), limit));
    }
    return b.build().toByteArray();
  }

  private static byte[] checks(int n) {
    AtomicWrite.Builder b = AtomicWrite.newBuilder();
    for (int i = 0; i < n; i++) {
      b.addChecks(Check.newBuilder().setKey(bytes(key("rejected", "c" + i))));
    }
    return b.addMutations(Protos.set(key("rejected", "k"), Protos.bytesValue(new byte[] {1}))).build().toByteArray();
  }

  private static byte[] mutations(int n, int valueSize) {
    AtomicWrite.Builder b = AtomicWrite.newBuilder();
    for (int i = 0; i < n; i++) {
      b.addMutations(Protos.set(key("rejected", "m" + i), Protos.bytesValue(new byte[valueSize])));
    }
    return b.build().toByteArray();
  }

  private static byte[] enqueue(java.util.function.Consumer<Enqueue.Builder> customize) {
    Enqueue.Builder q = Enqueue.newBuilder().setPayload(bytes(new byte[] {(byte) 0xFF, 0x0F, 0x5F})).setDeadlineMs(System.currentTimeMillis());
    customize.accept(q);
    return AtomicWrite.newBuilder().addEnqueues(q).addMutations(Protos.set(key("rejected", "k"), Protos.bytesValue(new byte[] {1})))
        .build().toByteArray();
  }

  private static byte[] watch(int n) {
    Watch.Builder b = Watch.newBuilder();
    for (int i = 0; i < n; i++) {
      b.addKeys(WatchKey.newBuilder().setKey(bytes(key("rejected", "w" + i))));
    }
    return b.build().toByteArray();
  }
}
