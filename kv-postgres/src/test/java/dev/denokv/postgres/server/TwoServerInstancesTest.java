package dev.denokv.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.key.KvKey;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.testing.Peers;
import dev.denokv.value.KvU64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two KV Connect server instances, separate JVMs, over one PostgreSQL database, driven by the
 * real Deno CLI, {@code @deno/kv} on Node and the Java remote client. Both instances also consume
 * the queue; the last test kills instance B.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServerInstancesTest {

  private static ServerPair servers;
  private static ServerProcess a;
  private static ServerProcess b;

  @BeforeAll
  static void start() throws Exception {
    servers = ServerPair.start(PostgresCluster.shared().createDatabase(), "servers", true);
    a = servers.a;
    b = servers.b;
  }

  @AfterAll
  static void stop() throws Exception {
    if (servers != null) {
      servers.close();
    }
  }

  private static KvTemplate client(ServerProcess server) {
    return servers.client(server);
  }

  private static Map<String, String> env(ServerProcess server) {
    return Map.of("KV_URL", server.url(), "DENO_KV_ACCESS_TOKEN", KvConnectOnPostgres.TOKEN);
  }

  @Test
  @Order(1)
  void aJavaWriteThroughOneInstanceIsReadThroughTheOther() {
    KvTemplate viaA = client(a);
    KvTemplate viaB = client(b);
    var vs = viaA.set(KvKey.of("java", "greeting"), "hello from A");
    KvEntry<String> read = viaB.get(KvKey.of("java", "greeting"), String.class);
    assertThat(read.value()).isEqualTo("hello from A");
    assertThat(read.versionstamp()).isEqualTo(vs);
  }

  @Test
  @Order(2)
  void denoWatchesThroughOneInstanceAndIsWokenByAWriteThroughTheOther() {
    String script = """
        const watched = await Deno.openKv(Deno.env.get("KV_URL"));
        const writer = await Deno.openKv(Deno.env.get("KV_URL_B"));
        const seen = [];
        for await (const [e] of watched.watch([["deno", "watched"]])) {
          seen.push(e.value);
          if (seen.length === 1) await writer.set(["deno", "watched"], "written through B");
          if (e.value === "written through B") break;
        }
        console.log(JSON.stringify(seen));
        watched.close();
        writer.close();
        """;
    Map<String, String> env = new HashMap<>(env(a));
    env.put("KV_URL_B", b.url());
    String out = Peers.deno(script, env, 90).orThrow().strip();
    assertThat(out).isEqualTo("[null,\"written through B\"]");
  }

  @Test
  @Order(3)
  void nodeClientWritesThroughOneInstanceAndDenoReadsThroughTheOther() {
    String node = """
        import { openKv } from "@deno/kv";
        const kv = await openKv(process.env.KV_URL, { accessToken: process.env.DENO_KV_ACCESS_TOKEN });
        const r = await kv.atomic().check({ key: ["node", "k"], versionstamp: null })
            .set(["node", "k"], { from: "node" }).sum(["node", "n"], 5n).commit();
        console.log(JSON.stringify({ ok: r.ok, vs: r.versionstamp }));
        kv.close();
        """;
    JsonNode written = JsonMapper.builder().build().readTree(Peers.node(node, env(a), 60).orThrow().strip());
    assertThat(written.get("ok").asBoolean()).isTrue();
    String deno = """
        const kv = await Deno.openKv(Deno.env.get("KV_URL"));
        const e = await kv.get(["node", "k"]);
        const n = await kv.get(["node", "n"]);
        console.log(JSON.stringify({ value: e.value, vs: e.versionstamp, n: String(n.value.value) }));
        """;
    JsonNode read = JsonMapper.builder().build().readTree(Peers.deno(deno, env(b), 60).orThrow().strip());
    assertThat(read.get("value").get("from").asString()).isEqualTo("node");
    assertThat(read.get("vs").asString()).isEqualTo(written.get("vs").asString());
    assertThat(read.get("n").asString()).isEqualTo("5");
  }

  @Test
  @Order(4)
  void denoRunsItsUsualWorkloadThroughAnInstance() {
    String script = """
        const kv = await Deno.openKv(Deno.env.get("KV_URL"));
        const r = {};
        for (let i = 0; i < 25; i++) await kv.set(["work", "item", i], { i });
        const it = kv.list({ prefix: ["work", "item"] }, { limit: 10 });
        const first = [];
        for await (const e of it) first.push(e.key[2]);
        const rest = [];
        for await (const e of kv.list({ prefix: ["work", "item"] }, { cursor: it.cursor })) rest.push(e.key[2]);
        r.pages = [first.length, rest.length, first[0], rest[rest.length - 1]];
        const c = await kv.atomic().sum(["work", "count"], 3n).max(["work", "max"], 7n).min(["work", "min"], 2n).commit();
        r.atomic = c.ok;
        const stale = await kv.atomic().check({ key: ["work", "item", 0], versionstamp: "00000000000000010000" })
            .set(["work", "item", 0], "no").commit();
        r.checkFailed = !stale.ok;
        const log1 = await kv.set(["work", "vs"], "x");
        r.versionstamps = log1.versionstamp > c.versionstamp;
        const w = kv.watch([["work", "count"]]);
        const reader = w.getReader();
        const firstWatch = await reader.read();
        await kv.atomic().sum(["work", "count"], 1n).commit();
        const secondWatch = await reader.read();
        r.watch = [String(firstWatch.value[0].value.value), String(secondWatch.value[0].value.value)];
        await reader.cancel();
        console.log(JSON.stringify(r));
        kv.close();
        """;
    JsonNode r = JsonMapper.builder().build().readTree(Peers.deno(script, env(a), 90).orThrow().strip());
    assertThat(r.get("pages").toString()).isEqualTo("[10,15,0,24]");
    assertThat(r.get("atomic").asBoolean()).isTrue();
    assertThat(r.get("checkFailed").asBoolean()).isTrue();
    assertThat(r.get("versionstamps").asBoolean()).isTrue();
    assertThat(r.get("watch").toString()).isEqualTo("[\"3\",\"4\"]");
  }

  @Test
  @Order(5)
  void thirtyTwoClientsAcrossBothInstancesCountEveryCommitOnce() throws Exception {
    KvKey counter = KvKey.of("cas", "counter");
    AtomicInteger commits = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(32);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int c = 0; c < 32; c++) {
        KvTemplate kv = client(c % 2 == 0 ? a : b);
        work.add(threads.submit(() -> {
          for (int i = 0; i < 4; i++) {
            KvEntry<KvU64> e = kv.get(counter, KvU64.class);
            long n = e.value() == null ? 0 : e.value().bits();
            if (kv.atomic().check(e).set(counter, new KvU64(n + 1)).commit().ok()) {
              commits.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get(180, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdown();
    }
    assertThat(commits.get()).isPositive();
    assertThat(client(b).get(counter, KvU64.class).value().bits()).isEqualTo(commits.get());
  }

  @Test
  @Order(6)
  void aKilledConsumerInstancesInFlightMessagesAreHandledAgainByTheOther() throws Exception {
    KvTemplate viaA = client(a);
    int n = 20;
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String m = "job-" + i;
      viaA.enqueue(m);
      sent.add(m);
    }
    waitUntil(() -> recorded(viaA, "handled").values().stream().anyMatch(l -> l.contains("B")));
    b.kill();
    // "done" is written before the acknowledgement: once every message has one, each message B
    // was handling when it died has been handled again by A.
    waitUntil(() -> recorded(viaA, "done").size() == n);
    Map<String, List<String>> payloadToInstances = recorded(viaA, "handled");
    assertThat(payloadToInstances).hasSize(n);
    int twice = 0;
    for (Map.Entry<String, List<String>> e : payloadToInstances.entrySet()) {
      List<String> by = e.getValue();
      if (by.size() > 1) {
        twice++;
        assertThat(by).as("handled twice only when B died handling it: %s", e.getKey())
            .containsOnlyOnce("A").contains("B");
      }
    }
    assertThat(twice).as("B was killed while handling a message").isPositive();
    System.out.printf("queue across instances: %d messages, %d handled again after B was killed%n", n, twice);
  }

  /** Payload hex → the instances that recorded it under {@code kind} ("handled" or "done"). */
  private static Map<String, List<String>> recorded(KvTemplate kv, String kind) {
    Map<String, List<String>> out = new HashMap<>();
    for (KvEntry<byte[]> e : kv.list(ListSelector.prefix(KvKey.of(kind)), byte[].class)) {
      String payload = (String) e.key().parts().get(1);
      String instance = (String) e.key().parts().get(2);
      out.computeIfAbsent(payload, k -> new ArrayList<>()).add(instance);
    }
    return out;
  }

  private static void waitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 90 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
