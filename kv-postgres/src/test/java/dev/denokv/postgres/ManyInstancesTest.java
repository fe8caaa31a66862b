package dev.denokv.postgres;

import static dev.denokv.spi.conformance.Bytes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Versionstamp;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.spi.conformance.WatchRecorder;
import dev.denokv.testing.MutableClock;
import dev.denokv.value.KvU64;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several database instances (as in several application or server processes) over one
 * PostgreSQL schema on a real server: they agree on data, versionstamp order, watches, queue
 * messages and the database id.
 */
class ManyInstancesTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Database> opened = new ArrayList<>();
  private String schema;
  private PostgresDatabase a;
  private PostgresDatabase b;

  @BeforeEach
  void open() {
    schema = Instances.newSchema();
    a = track(Instances.open(schema));
    b = track(Instances.open(schema));
  }

  private <D extends Database> D track(D db) {
    opened.add(db);
    return db;
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    opened.forEach(Database::close);
  }

  @Test
  void aWriteThroughOneInstanceIsReadThroughTheOtherAndTheyShareTheDatabaseId() {
    Versionstamp vs = set(a, key("shared"), v8String("from a"));
    RawEntry e = get(b, key("shared"));
    assertThat(e.value()).isEqualTo(v8String("from a"));
    assertThat(e.versionstamp()).isEqualTo(vs);
    assertThat(b.databaseId()).isEqualTo(a.databaseId());
  }

  @Test
  void aWatchOnOneInstanceFiresForAWriteThroughTheOther() throws Exception {
    WatchRecorder rec = new WatchRecorder();
    try (WatchSubscription sub = b.watch(List.of(key("w")), rec)) {
      assertThat(rec.next(30).get(0).entry()).isNull();
      long[] latencies = new long[20];
      for (int i = 0; i < latencies.length; i++) {
        long start = System.nanoTime();
        Versionstamp vs = set(a, key("w"), v8String("v" + i));
        List<WatchKeyOutput> e = rec.next(30);
        while (!vs.equals(e.get(0).entry().versionstamp())) {
          e = rec.next(30);
        }
        latencies[i] = System.nanoTime() - start;
      }
      java.util.Arrays.sort(latencies);
      System.out.printf("watch wake-up across instances (write commit + NOTIFY + re-read): median %.2f ms, max %.2f ms%n",
          latencies[latencies.length / 2] / 1e6, latencies[latencies.length - 1] / 1e6);
    }
  }

  @Test
  void checkAndSetIncrementsFromBothInstancesEndWithTheCountOfCommits() throws Exception {
    byte[] counter = key("counter");
    AtomicInteger commits = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    List<Versionstamp> stamps = new CopyOnWriteArrayList<>();
    for (int w = 0; w < 16; w++) {
      Database db = w % 2 == 0 ? a : b;
      workers.add(threads.submit(() -> {
        for (int i = 0; i < 15; i++) {
          RawEntry current = get(db, counter);
          long value = current == null ? 0 : KvU64.fromLittleEndian(current.value().data()).bits();
          CommitResult r = db.atomicWrite(new AtomicWrite(
              List.of(new Check(counter, current == null ? null : current.versionstamp())),
              List.of(Mutation.set(counter, u64(value + 1), 0)), List.of()));
          if (r instanceof CommitResult.Committed c) {
            commits.incrementAndGet();
            stamps.add(c.versionstamp());
          }
        }
        return null;
      }));
    }
    for (Future<?> f : workers) {
      f.get(120, TimeUnit.SECONDS);
    }
    RawEntry last = get(a, counter);
    assertThat(KvU64.fromLittleEndian(last.value().data()).bits()).isEqualTo(commits.get());
    assertThat(new TreeSet<>(stamps)).as("every commit has its own versionstamp").hasSize(stamps.size());
    assertThat(last.versionstamp()).as("the last commit carries the greatest versionstamp")
        .isEqualTo(Collections.max(stamps));
  }

  @Test
  void twoConsumerInstancesShareTheQueueAndNoMessageIsTakenTwice() throws Exception {
    int n = 60;
    List<Enqueue> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(new Enqueue(("m" + i).getBytes(StandardCharsets.UTF_8), System.currentTimeMillis(), List.of(), null));
    }
    commit(a, new AtomicWrite(List.of(), List.of(), batch));
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    Map<Database, AtomicInteger> byInstance = new ConcurrentHashMap<>();
    CountDownLatch all = new CountDownLatch(n);
    for (Database db : List.of(a, b)) {
      for (int t = 0; t < 3; t++) {
        threads.submit(() -> {
          QueueMessageHandle h;
          while ((h = db.dequeueNextMessage()) != null) {
            String m = new String(h.payload(), StandardCharsets.UTF_8);
            handled.computeIfAbsent(m, k -> new AtomicInteger()).incrementAndGet();
            byInstance.computeIfAbsent(db, k -> new AtomicInteger()).incrementAndGet();
            h.finish(true);
            all.countDown();
          }
          return null;
        });
      }
    }
    assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(handled).hasSize(n);
    assertThat(handled.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }

  @Test
  void theMessagesOfAConsumerInstanceThatDiedAreDeliveredAgainToAnother() throws Exception {
    // Both instances read a clock the test moves past the reservation, which lasts an hour.
    MutableClock clock = MutableClock.followingSystem();
    PostgresOptions options = Instances.quick(schema).withClock(clock).withQueueReservation(Duration.ofHours(1));
    PostgresDatabase dying = Instances.open(PostgresConformanceTest.url(), options);
    PostgresDatabase other = track(Instances.open(PostgresConformanceTest.url(), options));
    commit(a, enqueue(new Enqueue(v8String("in flight").data(), clock.millis(), List.of(), null)));
    QueueMessageHandle taken = threads.submit(dying::dequeueNextMessage).get(30, TimeUnit.SECONDS);
    assertThat(taken.payload()).isEqualTo(v8String("in flight").data());
    dying.close(); // dies with the message unfinished: its keep-alive stops
    commit(a, enqueue(new Enqueue(v8String("queued after").data(), clock.millis(), List.of(), null)));
    QueueMessageHandle after = threads.submit(other::dequeueNextMessage).get(30, TimeUnit.SECONDS);
    assertThat(after.payload()).as("the reserved message waits for its reservation to run out")
        .isEqualTo(v8String("queued after").data());
    after.finish(true);
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    QueueMessageHandle again = threads.submit(other::dequeueNextMessage).get(30, TimeUnit.SECONDS);
    assertThat(again.payload()).isEqualTo(v8String("in flight").data());
    again.finish(true);
  }

  @Test
  void aLongHandlerKeepsItsMessageWhileOtherInstancesLookForStaleOnes() throws Exception {
    commit(a, enqueue(new Enqueue(v8String("slow").data(), System.currentTimeMillis(), List.of(), null)));
    QueueMessageHandle h = threads.submit(a::dequeueNextMessage).get(30, TimeUnit.SECONDS);
    // Wait for three reservation periods, measured by writes that wake a watch through the
    // other instance; the stale-message check of instance b runs meanwhile.
    WatchRecorder rec = new WatchRecorder();
    try (WatchSubscription sub = b.watch(List.of(key("tick")), rec)) {
      rec.next(30);
      long until = System.currentTimeMillis() + 3 * 900;
      int i = 0;
      while (System.currentTimeMillis() < until) {
        set(a, key("tick"), v8String("t" + i++));
        rec.next(30);
      }
    }
    commit(a, enqueue(new Enqueue(v8String("next").data(), System.currentTimeMillis(), List.of(), null)));
    QueueMessageHandle next = threads.submit(b::dequeueNextMessage).get(30, TimeUnit.SECONDS);
    assertThat(next.payload()).as("the reserved message was not handed out again").isEqualTo(v8String("next").data());
    next.finish(true);
    h.finish(true);
  }
}
