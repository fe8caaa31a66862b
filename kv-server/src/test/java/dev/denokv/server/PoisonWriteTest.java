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
import dev.denokv.testing.Peers;
import dev.denokv.value.JsHostObject;
import dev.denokv.value.JsObject;
import dev.denokv.value.v8.V8Codec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Keys that do not decode as Deno keys, V8 data Deno cannot read and keys too long once
 * versionstamped are refused with a 400 naming the field, and the real Deno CLI reads, lists and
 * deletes everything in the database afterwards.
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoisonWriteTest {

  /** {@code ["poison", "a"]} with the terminator of the first part missing. */
  static final byte[] POISON_KEY = HexFormat.of().parseHex("02706f69736f6e000261");
  /** A V8 header followed by a tag V8 does not know. */
  static final byte[] GARBAGE_V8 = {(byte) 0xFF, 0x0F, (byte) 0xEE, 0x01};
  /** A host object whose type Deno does not register. */
  static final byte[] UNKNOWN_HOST_OBJECT =
      V8Codec.encode(new JsHostObject(JsObject.builder().put("type", "Evil").build()));

  @LocalServerPort int port;
  @Autowired RecordingDatabase database;

  @Test
  void undecodableKeysAndValuesAreRefusedAndDenoReadsTheDatabaseAfterwards() {
    JavaKvConnectClient client = new JavaKvConnectClient(port);
    JavaKvConnectClient.Session s = client.session();
    byte[] good = key("poison-test", "good");
    KvValue v8 = KvValue.newBuilder().setEncoding(ValueEncoding.VE_V8)
        .setData(bytes(new byte[] {(byte) 0xFF, 0x0F, 0x49, 0x02})).build();
    assertThat(client.post(s, "atomic_write", Protos.write(Protos.set(good, v8)).toByteArray()).statusCode())
        .isEqualTo(200);
    long writes = database.atomicWriteCount();

    refused(client, s, "atomic_write", Protos.write(Protos.set(POISON_KEY, Protos.bytesValue(new byte[] {1}))),
        "Mutation key 0 is not a valid Deno key");
    refused(client, s, "atomic_write",
        AtomicWrite.newBuilder().addMutations(Protos.set(good, v8)).addMutations(Protos.set(key("poison-test", "v"),
            KvValue.newBuilder().setEncoding(ValueEncoding.VE_V8).setData(bytes(GARBAGE_V8)).build())).build(),
        "Mutation value 1 is not a V8 value Deno can read");
    refused(client, s, "atomic_write", Protos.write(Protos.set(key("poison-test", "h"),
            KvValue.newBuilder().setEncoding(ValueEncoding.VE_V8).setData(bytes(UNKNOWN_HOST_OBJECT)).build())),
        "Mutation value 0 is not a V8 value Deno can read: a host object of a type Deno does not know (Evil)");
    refused(client, s, "atomic_write", AtomicWrite.newBuilder().addMutations(Mutation.newBuilder()
            .setKey(bytes(key("poison-test", "sum"))).setMutationType(MutationType.M_SUM).setValue(v8)
            .setSumMin(bytes(GARBAGE_V8))).build(),
        "Sum minimum of mutation 0 is not a V8 value Deno can read");
    refused(client, s, "atomic_write", AtomicWrite.newBuilder().addMutations(Protos.set(good, v8))
            .addEnqueues(Enqueue.newBuilder().setPayload(bytes(GARBAGE_V8))).build(),
        "Enqueue payload 0 is not a V8 value Deno can read");
    refused(client, s, "atomic_write", AtomicWrite.newBuilder()
            .addEnqueues(Enqueue.newBuilder().setPayload(bytes(v8.getData().toByteArray()))
                .addKeysIfUndelivered(bytes(good)).addKeysIfUndelivered(bytes(POISON_KEY))).build(),
        "Key if undelivered 1 of enqueue 0 is not a valid Deno key");
    refused(client, s, "atomic_write", AtomicWrite.newBuilder().addChecks(Check.newBuilder().setKey(bytes(POISON_KEY)))
            .addMutations(Protos.set(good, v8)).build(),
        "Check key 0 is not a valid Deno key");
    refused(client, s, "atomic_write", Protos.write(Mutation.newBuilder().setKey(bytes(stringKey(2048)))
            .setMutationType(MutationType.M_SET_SUFFIX_VERSIONSTAMPED_KEY).setValue(v8).build()),
        "Mutation key 0 is too large: 2048 bytes (2070 with its versionstamp suffix) > 2048.");
    refused(client, s, "snapshot_read", SnapshotRead.newBuilder()
            .addRanges(Protos.range(POISON_KEY, new byte[] {(byte) 0xFF}, 10)).build(),
        "Range start 0 is not a Deno key");
    refused(client, s, "watch", Watch.newBuilder().addKeys(WatchKey.newBuilder().setKey(bytes(good)))
            .addKeys(WatchKey.newBuilder().setKey(bytes(POISON_KEY))).build(),
        "Watched key 1 is not a valid Deno key");
    assertThat(database.atomicWriteCount()).as("nothing reached the database").isEqualTo(writes);

    // The longest key that fits once versionstamped is stored, and Deno reads and deletes it.
    assertThat(client.post(s, "atomic_write", Protos.write(Mutation.newBuilder().setKey(bytes(stringKey(2026)))
        .setMutationType(MutationType.M_SET_SUFFIX_VERSIONSTAMPED_KEY).setValue(v8).build()).toByteArray())
        .statusCode()).isEqualTo(200);

    String stdout = Peers.deno("""
        const kv = await Deno.openKv(Deno.env.get("KV_URL"));
        // every entry of the database decodes; the ones this test wrote are checked and deleted
        const ours = (key) => key[0] === "poison-test" || (typeof key[0] === "string" && key[0].startsWith("qqqq"));
        const seen = [];
        for await (const e of kv.list({ prefix: [] })) if (ours(e.key)) seen.push([e.key.length, e.key[0].length, e.value]);
        for await (const e of kv.list({ prefix: [] })) if (ours(e.key)) await kv.delete(e.key);
        let left = 0;
        for await (const e of kv.list({ prefix: [] })) if (ours(e.key)) left++;
        kv.close();
        console.log(JSON.stringify({ seen, left }));
        """, Map.of("KV_URL", "http://localhost:" + port + "/kv",
            "DENO_KV_ACCESS_TOKEN", KvConnectTestApplication.ACCESS_TOKEN), 60).orThrow();
    assertThat(stdout.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("{\"seen\":[[2,11,1],[2,2024,1]],\"left\":0}");
  }

  private static void refused(
      JavaKvConnectClient client, JavaKvConnectClient.Session s, String action,
      com.google.protobuf.Message body, String message) {
    var response = client.post(s, action, body.toByteArray());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith(message);
  }

  /** A key of one string part, {@code length} bytes in all. */
  private static byte[] stringKey(int length) {
    byte[] k = new byte[length];
    Arrays.fill(k, (byte) 'q');
    k[0] = 0x02;
    k[length - 1] = 0x00;
    return k;
  }
}
