package dev.denokv.server;

import static dev.denokv.server.Protos.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.AtomicWrite;
import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.SnapshotReadOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Eight concurrent protobuf clients hammer the server for a bounded time; every request must
 * succeed and the counters must add up to the acknowledged writes.
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadTest {

  private static final int CLIENTS = 8;
  private static final long DURATION_MS = 3000;

  @LocalServerPort int port;

  /** What one client did. */
  record Tally(int writes, int reads) {}

  @Test
  void concurrentClientsKeepTheCountersConsistent() throws Exception {
    byte[] total = key("load", "total");
    warmUpAndMeasureLatency();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<Tally>> futures = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + TimeUnit.MILLISECONDS.toNanos(DURATION_MS);
    for (int c = 0; c < CLIENTS; c++) {
      int id = c;
      futures.add(pool.submit(() -> run(id, total, end)));
    }
    int writes = 0;
    int reads = 0;
    List<Integer> perClient = new ArrayList<>();
    for (Future<Tally> f : futures) {
      Tally t = f.get(30, TimeUnit.SECONDS);
      writes += t.writes();
      reads += t.reads();
      perClient.add(t.writes());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();

    JavaKvConnectClient client = new JavaKvConnectClient(port);
    JavaKvConnectClient.Session s = client.session();
    assertThat(counter(client, s, total)).isEqualTo((long) writes);
    for (int c = 0; c < CLIENTS; c++) {
      assertThat(counter(client, s, key("load", "client", Integer.toString(c)))).isEqualTo((long) perClient.get(c));
    }
    System.out.printf(
        "KV Connect load: %d clients, %.1f s, %d writes + %d reads = %.0f ops/s%n",
        CLIENTS, seconds, writes, reads, (writes + reads) / seconds);
    assertThat(writes).isPositive();
  }

  /** Warms the JIT up with sequential reads (not counted) and prints their mean latency. */
  private void warmUpAndMeasureLatency() {
    JavaKvConnectClient probe = new JavaKvConnectClient(port);
    JavaKvConnectClient.Session s = probe.session();
    byte[] read = Protos.prefixRead(key("load-probe"), 1).toByteArray();
    for (int i = 0; i < 100; i++) {
      assertThat(probe.post(s, "snapshot_read", read).statusCode()).isEqualTo(200);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      probe.post(s, "snapshot_read", read);
    }
    System.out.printf("KV Connect sequential snapshot_read latency: %.2f ms%n", (System.nanoTime() - t0) / 1e6 / 100);
  }

  private Tally run(int id, byte[] total, long endNanos) throws Exception {
    JavaKvConnectClient client = new JavaKvConnectClient(port);
    JavaKvConnectClient.Session s = client.session();
    byte[] mine = key("load", "client", Integer.toString(id));
    byte[] write =
        AtomicWrite.newBuilder()
            .addMutations(Protos.sum(total, 1))
            .addMutations(Protos.sum(mine, 1))
            .addMutations(Protos.set(key("load", "last", Integer.toString(id)), Protos.bytesValue(new byte[] {(byte) id})))
            .build()
            .toByteArray();
    byte[] read = Protos.prefixRead(key("load"), 20).toByteArray();
    int writes = 0;
    int reads = 0;
    while (System.nanoTime() < endNanos) {
      var w = client.post(s, "atomic_write", write);
      assertThat(w.statusCode()).isEqualTo(200);
      assertThat(AtomicWriteOutput.parseFrom(w.body()).getStatus()).isEqualTo(AtomicWriteStatus.AW_SUCCESS);
      writes++;
      var r = client.post(s, "snapshot_read", read);
      assertThat(r.statusCode()).isEqualTo(200);
      reads++;
    }
    return new Tally(writes, reads);
  }

  private static long counter(JavaKvConnectClient client, JavaKvConnectClient.Session s, byte[] key) throws Exception {
    SnapshotRead read = SnapshotRead.newBuilder().addRanges(Protos.range(key, append(key), 1)).build();
    SnapshotReadOutput out = SnapshotReadOutput.parseFrom(client.post(s, "snapshot_read", read.toByteArray()).body());
    byte[] value = out.getRanges(0).getValues(0).getValue().toByteArray();
    return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static byte[] append(byte[] key) {
    byte[] end = java.util.Arrays.copyOf(key, key.length + 1);
    return end;
  }
}
