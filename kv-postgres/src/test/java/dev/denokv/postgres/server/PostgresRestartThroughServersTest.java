package dev.denokv.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.ReadRange;
import com.deno.kv.datapath.SnapshotRead;
import com.google.protobuf.ByteString;
import dev.denokv.KvEntry;
import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvException;
import dev.denokv.key.KvKey;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.testing.Peers;
import dev.denokv.value.KvU64;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL crashes ({@code pg_ctl stop -m immediate}) and comes back on the same port while
 * clients write through two KV Connect server instances, separate JVMs over one database: four
 * Java remote clients setting keys of their own, two Java remote clients doing check-and-set
 * increments of one counter, and the real Deno CLI setting keys through both instances in turn.
 * Neither server is restarted.
 *
 * <p>What a client sees while PostgreSQL is down:
 * <ul>
 *   <li>A write that has not yet reached PostgreSQL waits in the server, which retries the
 *       connection for up to 30 s: across a short outage it is only slow, and succeeds. After 30 s
 *       the server answers 503 (nothing was applied), which clients retry; a Java client whose
 *       own 30 s request timeout runs out first throws {@code KvOutcomeUnknownException}.</li>
 *   <li>A write whose commit was sent when PostgreSQL died may or may not have been applied: the
 *       server answers 504. The Java client does not send it again and throws
 *       {@code KvOutcomeUnknownException}; the Deno CLI retries every 5xx, so a plain set is
 *       applied again (same value, a later versionstamp).</li>
 *   <li>A read is answered 503 ("The database is unavailable."): at once when it ran on a
 *       connection PostgreSQL dropped, else after the pool's 10 s connection timeout. Both clients
 *       retry a 503 with backoff: the Java client up to 5 attempts within 60 s, then
 *       {@code KvUnavailableException}; the Deno CLI until it is answered.</li>
 *   <li>An open watch stream stays open on keep-alives; the server listens again once
 *       PostgreSQL is back and the watch then reports the next write.</li>
 * </ul>
 * So across a short outage, as here, clients mostly see slow answers; a server never answers 500
 * and never stops, and every failure a client sees is a KV Connect error ({@code KvException} in
 * Java). The test keeps PostgreSQL down until every Java writer has a set in flight and both
 * servers have answered a read 503.
 */
class PostgresRestartThroughServersTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int JAVA_WRITERS = 4;
  private static final int MAX_WRITES_PER_CLIENT = 50_000;

  private static PostgresCluster cluster;
  private static ServerPair servers;
  private static ServerProcess a;
  private static ServerProcess b;

  @BeforeAll
  static void start() throws Exception {
    cluster = PostgresCluster.start();
    servers = ServerPair.start(cluster.createDatabase(), "restart", false);
    a = servers.a;
    b = servers.b;
  }

  @AfterAll
  static void stop() throws Exception {
    if (servers != null) {
      servers.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static KvTemplate client(ServerProcess server) {
    return servers.client(server);
  }

  /** What the Java clients saw: acknowledged sets, sets whose outcome is unknown, failures by type. */
  private record JavaLoad(Map<String, Versionstamp> acknowledged, Map<String, String> unknown,
      AtomicInteger casCommits, AtomicInteger casUnknown, Map<String, Integer> failures,
      AtomicIntegerArray writing) {

    JavaLoad() {
      this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new AtomicInteger(), new AtomicInteger(),
          new ConcurrentHashMap<>(), new AtomicIntegerArray(JAVA_WRITERS));
    }

    /** Whether every Java writer waits for a set now. */
    boolean everyWriterWaitsOnASet() {
      for (int w = 0; w < JAVA_WRITERS; w++) {
        if (writing.get(w) == 0) {
          return false;
        }
      }
      return true;
    }

    void failed(KvException e) {
      failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
    }
  }

  @Test
  void aPostgresCrashUnderLoadLosesNoAcknowledgedWriteAndBothServersRecoverWithoutARestart() throws Exception {
    KvTemplate viaA = client(a);
    KvTemplate viaB = client(b);
    KvKey watched = KvKey.of("after", "watched");
    BlockingQueue<Object> watchEvents = new LinkedBlockingQueue<>();
    try (KvSubscription watch = viaB.watch(List.of(watched), String.class,
        entries -> watchEvents.add(String.valueOf(entries.get(0).value())), watchEvents::add)) {
      assertThat(watchEvents.poll(60, TimeUnit.SECONDS)).as("the watch through B starts").isEqualTo("null");
      DataPathSession probeA = DataPathSession.open(a);
      DataPathSession probeB = DataPathSession.open(b);

      JavaLoad load = new JavaLoad();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService threads = Executors.newCachedThreadPool();
      try {
        List<Future<?>> javaClients = startJavaClients(load, running, threads);
        Map<String, String> denoEnv = Map.of("KV_URL_A", a.url(), "KV_URL_B", b.url(),
            "DENO_KV_ACCESS_TOKEN", KvConnectOnPostgres.TOKEN);
        CompletableFuture<Peers.Result> deno =
            CompletableFuture.supplyAsync(() -> Peers.deno(DENO_WRITER, denoEnv, 300), threads);

        waitUntil(120, () -> load.acknowledged().size() >= 200 && count(viaA, "deno") >= 30);
        long crashedAt = System.nanoTime();
        cluster.crash();
        long downSince = System.currentTimeMillis();
        // Every Java writer has a set in flight through its server while PostgreSQL is down...
        waitUntil(60, load::everyWriterWaitsOnASet);
        // ...and both servers answer a read 503, and keep running.
        CompletableFuture<Integer> answerOfA = CompletableFuture.supplyAsync(probeA::probeRead, threads);
        CompletableFuture<Integer> answerOfB = CompletableFuture.supplyAsync(probeB::probeRead, threads);
        assertThat(answerOfA.get(60, TimeUnit.SECONDS)).as("A's answer to a read while PostgreSQL is down")
            .isEqualTo(503);
        assertThat(answerOfB.get(60, TimeUnit.SECONDS)).as("B's answer to a read while PostgreSQL is down")
            .isEqualTo(503);
        long downUntil = System.currentTimeMillis();
        cluster.restart();
        long outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashedAt);

        int javaAtRestart = load.acknowledged().size();
        long denoAtRestart = count(viaA, "deno");
        waitUntil(120, () -> load.acknowledged().size() >= javaAtRestart + 200
            && count(viaB, "deno") >= denoAtRestart + 30);
        running.set(false);
        viaA.set(KvKey.of("control", "stop"), true);
        for (Future<?> f : javaClients) {
          f.get(120, TimeUnit.SECONDS); // a client that saw anything but a KvException fails here
        }
        JsonNode denoResult = JSON.readTree(deno.get(180, TimeUnit.SECONDS).orThrow().strip());

        checkJavaWrites(load, viaA);
        checkJavaWrites(load, viaB);
        assertThat(denoResult.get("slow").valueStream()
            .anyMatch(span -> span.get(0).asLong() <= downUntil && span.get(1).asLong() >= downSince))
            .as("the Deno CLI had a request in flight while PostgreSQL was down").isTrue();
        checkDenoWrites(denoResult, viaA);
        checkDenoWrites(denoResult, viaB);
        checkCounter(load, viaA);
        checkCounter(load, viaB);
        System.out.printf("PostgreSQL down for %d ms under load through two servers: Java %d sets acknowledged,"
                + " %d unknown, %d counter commits (%d unknown), failures seen %s; Deno %d sets acknowledged,"
                + " %d failed%n",
            outageMillis, load.acknowledged().size(), load.unknown().size(), load.casCommits().get(),
            load.casUnknown().get(), load.failures(), denoResult.get("acked").size(), denoResult.get("failed").size());
      } finally {
        running.set(false);
        threads.shutdownNow();
      }

      // The watch opened through B before the crash reports a write through A after it.
      viaA.set(watched, "written through A after the restart");
      awaitEvent(watchEvents, "written through A after the restart");
    }
    JsonNode after = JSON.readTree(Peers.deno(DENO_AFTER_RESTART, Map.of("KV_URL_A", a.url(),
        "KV_URL_B", b.url(), "DENO_KV_ACCESS_TOKEN", KvConnectOnPostgres.TOKEN), 120).orThrow().strip());
    assertThat(after.get("watchThroughAWokenByB").asBoolean()).isTrue();
    assertThat(after.get("watchThroughBWokenByA").asBoolean()).isTrue();
    assertThat(after.get("writtenThroughAReadThroughB").asBoolean()).isTrue();
    assertThat(after.get("writtenThroughBReadThroughA").asBoolean()).isTrue();

    for (ServerProcess server : List.of(a, b)) {
      assertThat(server.isAlive()).isTrue();
      assertThat(server.output()).as("a server never answers 500 (it logs each one as an error)")
          .noneMatch(line -> line.contains("A KV Connect request to") || line.contains(" ERROR "));
    }
  }

  private static List<Future<?>> startJavaClients(JavaLoad load, AtomicBoolean running, ExecutorService threads) {
    List<Future<?>> clients = new ArrayList<>();
    for (int w = 0; w < JAVA_WRITERS; w++) {
      KvTemplate kv = client(w % 2 == 0 ? a : b);
      int writer = w;
      clients.add(threads.submit(() -> {
        for (int i = 0; running.get() && i < MAX_WRITES_PER_CLIENT; i++) {
          String id = writer + "-" + i;
          load.writing().set(writer, 1);
          try {
            load.acknowledged().put(id, kv.set(KvKey.of("java", writer, i), "java " + id));
          } catch (KvException e) {
            load.unknown().put(id, e.getClass().getSimpleName());
            load.failed(e);
          }
          load.writing().set(writer, 0);
        }
        return null;
      }));
    }
    KvKey counter = KvKey.of("counter");
    for (ServerProcess server : List.of(a, b)) {
      KvTemplate kv = client(server);
      clients.add(threads.submit(() -> {
        for (int i = 0; running.get() && i < MAX_WRITES_PER_CLIENT; i++) {
          KvEntry<KvU64> e;
          try {
            e = kv.get(counter, KvU64.class);
          } catch (KvException readFailed) {
            load.failed(readFailed);
            continue;
          }
          long n = e.value() == null ? 0 : e.value().bits();
          try {
            if (kv.atomic().check(e).set(counter, new KvU64(n + 1)).commit().ok()) {
              load.casCommits().incrementAndGet();
            }
          } catch (KvException writeFailed) {
            load.casUnknown().incrementAndGet();
            load.failed(writeFailed);
          }
        }
        return null;
      }));
    }
    return clients;
  }

  /**
   * Every acknowledged set is there with its versionstamp; a set whose outcome is unknown is there
   * with its value or absent; nothing else is there.
   */
  private static void checkJavaWrites(JavaLoad load, KvTemplate kv) {
    Map<String, KvEntry<String>> stored = new HashMap<>();
    for (KvEntry<String> e : kv.list(ListSelector.prefix(KvKey.of("java")), String.class)) {
      String id = number(e.key().parts().get(1)) + "-" + number(e.key().parts().get(2));
      assertThat(e.value()).as("the value of %s", id).isEqualTo("java " + id);
      assertThat(load.acknowledged().containsKey(id) || load.unknown().containsKey(id))
          .as("%s was written by a client", id).isTrue();
      stored.put(id, e);
    }
    load.acknowledged().forEach((id, versionstamp) -> {
      assertThat(stored).as("acknowledged set %s", id).containsKey(id);
      assertThat(stored.get(id).versionstamp()).as("versionstamp of %s", id).isEqualTo(versionstamp);
    });
  }

  private static void checkDenoWrites(JsonNode deno, KvTemplate kv) {
    Map<Long, KvEntry<Map>> stored = new HashMap<>();
    for (KvEntry<Map> e : kv.list(ListSelector.prefix(KvKey.of("deno")), Map.class)) {
      long i = number(e.key().parts().get(1));
      assertThat(number(e.value().get("i"))).as("the value of [\"deno\", %s]", i).isEqualTo(i);
      assertThat(e.value().get("text")).as("the value of [\"deno\", %s]", i).isEqualTo("deno " + i);
      stored.put(i, e);
    }
    for (JsonNode acked : deno.get("acked")) {
      long i = acked.get(0).asLong();
      assertThat(stored).as("acknowledged Deno set %s", i).containsKey(i);
      assertThat(stored.get(i).versionstamp().toHex()).as("versionstamp of Deno set %s", i)
          .isEqualTo(acked.get(1).asString());
    }
  }

  /** The counter holds every acknowledged increment, plus at most the ones whose outcome is unknown. */
  private static void checkCounter(JavaLoad load, KvTemplate kv) {
    long n = kv.get(KvKey.of("counter"), KvU64.class).value().bits();
    assertThat(n).as("counter").isBetween((long) load.casCommits().get(),
        (long) load.casCommits().get() + load.casUnknown().get());
  }

  private static long count(KvTemplate kv, String prefix) {
    return kv.count(ListSelector.prefix(KvKey.of(prefix)));
  }

  private static long number(Object part) {
    return ((Number) part).longValue();
  }

  private static void awaitEvent(BlockingQueue<Object> events, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Object event = null;
    while (!expected.equals(event)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the watch did not report \"" + expected + "\" within 60 s; last: " + event);
      }
      event = events.poll(left, TimeUnit.NANOSECONDS);
      if (event instanceof Throwable error) {
        throw new AssertionError("the watch failed", error);
      }
    }
  }

  private static void waitUntil(int seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  /**
   * A KV Connect data-path session with an instance, opened by a metadata exchange while
   * PostgreSQL runs, to send raw requests and see the server's own answers (clients retry them).
   */
  private record DataPathSession(HttpClient http, URI endpoint, String token, String databaseId) {

    static DataPathSession open(ServerProcess server) throws Exception {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> exchange = http.send(HttpRequest.newBuilder(URI.create(server.url()))
          .header("Authorization", "Bearer " + KvConnectOnPostgres.TOKEN)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"supportedVersions\":[2,3]}"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(exchange.statusCode()).as("metadata exchange: %s", exchange.body()).isEqualTo(200);
      JsonNode metadata = JSON.readTree(exchange.body());
      URI endpoint = URI.create(server.url()).resolve(metadata.get("endpoints").get(0).get("url").asString());
      return new DataPathSession(http, endpoint, metadata.get("token").asString(),
          metadata.get("databaseId").asString());
    }

    /** The status of a strong read of one key. */
    int probeRead() {
      byte[] key = KvKey.of("probe").encode();
      byte[] end = java.util.Arrays.copyOf(key, key.length + 1);
      byte[] body = SnapshotRead.newBuilder().addRanges(ReadRange.newBuilder().setStart(ByteString.copyFrom(key))
          .setEnd(ByteString.copyFrom(end)).setLimit(1)).build().toByteArray();
      try {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint + "/snapshot_read"))
            .header("Authorization", "Bearer " + token)
            .header("x-denokv-database-id", databaseId)
            .header("x-denokv-version", "3")
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .timeout(Duration.ofSeconds(50)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (Exception e) {
        throw new AssertionError("the server did not answer a read while PostgreSQL was down", e);
      }
    }
  }

  /**
   * Sets {@code ["deno", i]} through A and B in turn until {@code ["control", "stop"]} is set
   * (bounded in count and time); prints the acknowledged sets with their versionstamps, the failed
   * ones with their errors and the start and end (epoch ms) of every request that took 100 ms or
   * more.
   */
  private static final String DENO_WRITER = """
      const a = await Deno.openKv(Deno.env.get("KV_URL_A"));
      const b = await Deno.openKv(Deno.env.get("KV_URL_B"));
      const acked = [], failed = [], slow = [];
      async function timed(request) {
        const start = Date.now();
        try {
          return await request();
        } finally {
          if (Date.now() - start >= 100) slow.push([start, Date.now()]);
        }
      }
      const deadline = Date.now() + 240_000;
      for (let i = 0; i < 50000 && Date.now() < deadline; i++) {
        try {
          const r = await timed(() => (i % 2 === 0 ? a : b).set(["deno", i], { i, text: "deno " + i }));
          acked.push([i, r.versionstamp]);
        } catch (e) {
          failed.push([i, String(e)]);
        }
        if (i % 20 === 19) {
          try {
            if ((await timed(() => b.get(["control", "stop"]))).value === true) break;
          } catch (_) {
            // a read that failed during the outage: keep writing
          }
        }
      }
      console.log(JSON.stringify({ acked, failed, slow }));
      a.close();
      b.close();
      """;

  /** After the restart: a watch through each instance woken by a write through the other, reads and writes. */
  private static final String DENO_AFTER_RESTART = """
      const a = await Deno.openKv(Deno.env.get("KV_URL_A"));
      const b = await Deno.openKv(Deno.env.get("KV_URL_B"));
      async function woken(watcher, writer, key, value) {
        const reader = watcher.watch([key]).getReader();
        await reader.read();
        await writer.set(key, value);
        for (;;) {
          const { value: entries, done } = await reader.read();
          if (done) return false;
          if (entries[0].value === value) break;
        }
        await reader.cancel();
        return true;
      }
      async function readBack(writer, reader, key) {
        const w = await writer.set(key, "after the restart");
        const r = await reader.get(key);
        return r.value === "after the restart" && r.versionstamp === w.versionstamp;
      }
      const r = {
        watchThroughAWokenByB: await woken(a, b, ["recovered", "watch-a"], "from B"),
        watchThroughBWokenByA: await woken(b, a, ["recovered", "watch-b"], "from A"),
        writtenThroughAReadThroughB: await readBack(a, b, ["recovered", "a"]),
        writtenThroughBReadThroughA: await readBack(b, a, ["recovered", "b"]),
      };
      console.log(JSON.stringify(r));
      a.close();
      b.close();
      """;
}
