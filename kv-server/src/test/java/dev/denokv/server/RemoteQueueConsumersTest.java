package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.EnqueueOptions;
import dev.denokv.KvEntry;
import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.testing.Peers;
import dev.denokv.value.codec.DenoValueCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Remote queue consumers in three separate JVMs on one server, fed by the real {@code @deno/kv}
 * npm client enqueuing through the same server, with one consumer killed (SIGKILL) while it holds
 * messages it has handled but not acknowledged: every good message is handled at least once, the
 * only duplicates are the killed consumer's messages in flight, and the always failing messages are
 * dead-lettered after their whole backoff schedule (the npm client's fixed one, or a shorter one
 * for messages enqueued from Java).
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = KvConnectTestApplication.QUEUE_LEASE_PROPERTY + "=3s")
class RemoteQueueConsumersTest {

  private static final int GOOD = 40;
  private static final int FAILING = 5;
  private static final int WORKERS = 2;
  private static final int STALL_AFTER = 2;
  /** The schedule {@code @deno/kv} 0.14 gives every message (it ignores a {@code backoffSchedule} option). */
  private static final List<Integer> NPM_BACKOFF = List.of(100, 200, 400, 800);
  /** The schedule of the failing messages enqueued from Java. */
  private static final List<Integer> JAVA_BACKOFF = List.of(50, 100);
  private static final int JAVA_FAILING = 2;

  private static final String ENQUEUE = """
      import { openKv } from "@deno/kv";
      const kv = await openKv(process.env.KV_URL, { accessToken: process.env.DENO_KV_ACCESS_TOKEN });
      const run = process.env.RUN;
      // Failing messages interleaved with the good ones, so that they reach every consumer.
      const ids = [];
      let f = 0;
      for (let i = 0; i < Number(process.env.GOOD); i++) {
        ids.push([run + "-g" + i, false]);
        if (i % 8 === 7 && f < Number(process.env.FAILING)) ids.push([run + "-f" + f++, true]);
      }
      while (f < Number(process.env.FAILING)) ids.push([run + "-f" + f++, true]);
      let ok = 0;
      for (const [id, fail] of ids) {
        const r = await kv.enqueue({ id, fail }, { keysIfUndelivered: [["rq", run, "dead", id]] });
        if (r.ok) ok++;
      }
      kv.close();
      console.log(JSON.stringify({ ok }));
      """;

  /** What one consumer process reported. */
  private static final class Consumer {
    final String name;
    final Process process;
    final CountDownLatch ready = new CountDownLatch(1);
    final CountDownLatch stalled = new CountDownLatch(WORKERS);
    final List<String> lines = new ArrayList<>();

    Consumer(String name, Process process) {
      this.name = name;
      this.process = process;
    }
  }

  @LocalServerPort int port;
  @Autowired RecordingDatabase database;
  @TempDir Path logs;

  private final List<Consumer> consumers = new ArrayList<>();
  private final Map<String, List<String>> handledBy = new HashMap<>(); // guarded by itself
  private final CompletableFuture<Void> allHandled = new CompletableFuture<>();
  private Set<String> good = Set.of();
  private final Set<String> stalled = new HashSet<>(); // guarded by handledBy

  @AfterEach
  void stopConsumers() throws Exception {
    for (Consumer c : consumers) {
      c.process.destroyForcibly();
      c.process.waitFor(10, TimeUnit.SECONDS);
    }
    System.out.println(diagnostics(logs)); // the consumers' warnings, kept in the test report
  }

  @Test
  void threeConsumerProcessesShareTheQueueAndAKilledOnesMessagesAreDeliveredAgain() throws Exception {
    String run = "rq-" + UUID.randomUUID();
    good = IntStream.range(0, GOOD).mapToObj(i -> run + "-g" + i).collect(Collectors.toSet());
    Map<String, List<Integer>> schedules = new java.util.LinkedHashMap<>();
    IntStream.range(0, FAILING).forEach(i -> schedules.put(run + "-f" + i, NPM_BACKOFF));
    IntStream.range(0, JAVA_FAILING).forEach(i -> schedules.put(run + "-java-f" + i, JAVA_BACKOFF));
    List<String> failing = List.copyOf(schedules.keySet());

    start("a", -1);
    start("b", -1);
    Consumer victim = start("victim", STALL_AFTER);
    for (Consumer c : consumers) {
      assertThat(c.ready.await(120, TimeUnit.SECONDS)).as(c.name + " ready").isTrue();
    }

    KvTemplate serverSide = KvTemplate.builder(database).valueCodec(DenoValueCodec.defaults()).build();
    List<KvKey> deadKeys = failing.stream().map(id -> KvKey.of("rq", run, "dead", id)).toList();
    CompletableFuture<List<KvEntry<QueueConsumerMain.Job>>> deadLettered = new CompletableFuture<>();
    try (KvSubscription watch = serverSide.watch(deadKeys, QueueConsumerMain.Job.class, entries -> {
      if (entries.stream().allMatch(KvEntry::exists)) {
        deadLettered.complete(entries);
      }
    })) {
      String enqueued = Peers.node(ENQUEUE, Map.of(
              "KV_URL", "http://localhost:" + port + "/kv",
              "DENO_KV_ACCESS_TOKEN", KvConnectTestApplication.ACCESS_TOKEN,
              "RUN", run, "GOOD", Integer.toString(GOOD), "FAILING", Integer.toString(FAILING)), 120)
          .orThrow();
      assertThat(enqueued.strip()).endsWith("{\"ok\":" + (GOOD + FAILING) + "}");
      try (KvTemplate remote = KvTemplate.builder(RemoteDatabase.builder()
              .url("http://localhost:" + port + "/kv").accessToken(KvConnectTestApplication.ACCESS_TOKEN).build())
          .valueCodec(DenoValueCodec.defaults()).build()) {
        for (int i = 0; i < JAVA_FAILING; i++) {
          String id = run + "-java-f" + i;
          remote.enqueue(new QueueConsumerMain.Job(id, true), EnqueueOptions.defaults()
              .withKeysIfUndelivered(KvKey.of("rq", run, "dead", id))
              .withBackoffSchedule(JAVA_BACKOFF.stream().map(Duration::ofMillis).toArray(Duration[]::new)));
        }
      }

      // The victim holds WORKERS messages it has handled but not acknowledged: kill it there.
      assertThat(victim.stalled.await(120, TimeUnit.SECONDS)).as("the victim stalled").isTrue();
      victim.process.destroyForcibly();
      assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      synchronized (handledBy) {
        checkDone();
      }

      allHandled.get(120, TimeUnit.SECONDS);
      List<KvEntry<QueueConsumerMain.Job>> dead = deadLettered.get(120, TimeUnit.SECONDS);
      assertThat(dead).extracting(e -> e.value().id()).containsExactlyElementsOf(failing);
    }

    Map<String, List<String>> handled;
    Set<String> inFlightAtKill;
    synchronized (handledBy) {
      handled = Map.copyOf(handledBy);
      inFlightAtKill = Set.copyOf(stalled);
    }
    assertThat(inFlightAtKill).hasSize(WORKERS);
    assertThat(handled.keySet()).as("every good message handled").containsAll(good);
    Set<String> duplicates = handled.entrySet().stream()
        .filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(duplicates).as("handled twice: only the killed consumer's messages in flight")
        .isEqualTo(inFlightAtKill);
    for (String id : inFlightAtKill) {
      assertThat(handled.get(id)).as(id).hasSize(2).contains("victim").containsAnyOf("a", "b");
    }

    // Each failing message was delivered once and then once per backoff interval, no sooner.
    for (String id : failing) {
      List<Integer> backoff = schedules.get(id);
      List<Long> attempts = attempts(id);
      assertThat(attempts).as(id + " deliveries").hasSize(1 + backoff.size());
      for (int i = 0; i < backoff.size(); i++) {
        assertThat(attempts.get(i + 1) - attempts.get(i)).as(id + " retry " + (i + 1))
            .isGreaterThanOrEqualTo(backoff.get(i));
      }
    }
    for (String id : good) {
      assertThat(serverSide.get(KvKey.of("rq", run, "dead", id)).exists()).as(id + " not dead-lettered").isFalse();
    }
  }

  private Consumer start(String name, int stallAfter) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java,
        "-Dlogback.configurationFile=" + getClass().getResource("/queue-consumer-logback.xml"),
        "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"),
        QueueConsumerMain.class.getName(),
        "http://localhost:" + port + "/kv", KvConnectTestApplication.ACCESS_TOKEN,
        Integer.toString(WORKERS), Integer.toString(stallAfter));
    pb.redirectError(logs.resolve(name + ".err").toFile());
    Consumer c = new Consumer(name, pb.start());
    consumers.add(c);
    Thread reader = new Thread(() -> read(c), "consumer-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    return c;
  }

  private void read(Consumer c) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(c.process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] parts = line.split(" ");
        synchronized (handledBy) {
          c.lines.add(line);
          switch (parts[0]) {
            case "READY" -> c.ready.countDown();
            case "HANDLED" -> handledBy.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(c.name);
            case "STALL" -> {
              stalled.add(parts[1]);
              c.stalled.countDown();
            }
            default -> {}
          }
          checkDone();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Every good message handled, and the killed consumer's unacknowledged ones handled again. */
  private void checkDone() {
    if (!good.isEmpty() && handledBy.keySet().containsAll(good) && stalled.size() == WORKERS
        && stalled.stream().allMatch(id -> handledBy.get(id).size() >= 2)) {
      allHandled.complete(null);
    }
  }

  private List<Long> attempts(String id) {
    List<Long> times = new ArrayList<>();
    synchronized (handledBy) {
      for (Consumer c : consumers) {
        for (String line : c.lines) {
          String[] parts = line.split(" ");
          if (parts[0].equals("BEGIN") && parts[1].equals(id)) {
            times.add(Long.parseLong(parts[2]));
          }
        }
      }
    }
    times.sort(null);
    return times;
  }

  private static String diagnostics(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        sb.append(f.getFileName()).append(":\n").append(Files.readString(f)).append('\n');
      }
    }
    return sb.toString();
  }
}
