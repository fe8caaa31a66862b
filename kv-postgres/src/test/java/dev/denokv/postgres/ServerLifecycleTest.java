package dev.denokv.postgres;

import static dev.denokv.spi.conformance.Bytes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.spi.conformance.WatchRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests that control the server's lifecycle, on a cluster of their own: a crash and restart under
 * load, and a streaming replica started from the primary.
 */
class ServerLifecycleTest {

  private static PostgresCluster cluster;
  private static String url;

  @BeforeAll
  static void start() {
    cluster = PostgresCluster.start();
    url = cluster.createDatabase();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aServerCrashUnderLoadLosesNoAcknowledgedWriteAndBothInstancesRecover() throws Exception {
    String schema = Instances.newSchema();
    ExecutorService threads = Executors.newCachedThreadPool();
    try (PostgresDatabase a = Instances.open(url, schema); PostgresDatabase b = Instances.open(url, schema)) {
      WatchRecorder rec = new WatchRecorder();
      WatchSubscription sub = b.watch(List.of(key("after")), rec);
      rec.next(30);
      Map<String, Versionstamp> acknowledged = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
      List<Future<?>> writers = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        PostgresDatabase db = w % 2 == 0 ? a : b;
        int writer = w;
        writers.add(threads.submit(() -> {
          int i = 0;
          while (running.get()) {
            String k = writer + "-" + i++;
            try {
              acknowledged.put(k, set(db, key("load", k), v8String(k)));
            } catch (KvException e) {
              failures.incrementAndGet(); // refused or outcome unknown: not acknowledged
            }
          }
          return null;
        }));
      }
      waitUntil(() -> acknowledged.size() >= 200);
      cluster.crash();
      cluster.restart();
      int before = acknowledged.size();
      waitUntil(() -> acknowledged.size() >= before + 200);
      running.set(false);
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      for (Map.Entry<String, Versionstamp> e : acknowledged.entrySet()) {
        RawEntry stored = get(a, key("load", e.getKey()));
        assertThat(stored).as("acknowledged write %s", e.getKey()).isNotNull();
        assertThat(stored.versionstamp()).isEqualTo(e.getValue());
      }
      set(a, key("after"), v8String("the watch of b listens again"));
      while (rec.next(30).get(0).entry() == null) {
        // the reconnect refresh may come first
      }
      sub.close();
      System.out.printf("crash under load: %d acknowledged writes kept, %d writes refused during the outage%n",
          acknowledged.size(), failures.get());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void eventualReadsAreServedByAStreamingReplicaAndStrongOnesByThePrimary() throws Exception {
    String schema = Instances.newSchema();
    try (PostgresCluster replica = cluster.startReplica()) {
      String replicaUrl = replica.jdbcUrl(url.substring(url.lastIndexOf('/') + 1, url.indexOf('?')));
      try (PostgresDatabase db = PostgresDatabase.builder().url(url).replicaUrl(replicaUrl).poolSize(4)
          .options(Instances.quick(schema)).build()) {
        assertThat(db.hasReplica()).isTrue();
        Versionstamp vs = set(db, key("r"), v8String("replicated"));
        assertThat(get(db, key("r"), Consistency.STRONG).versionstamp()).isEqualTo(vs);
        waitUntil(() -> {
          try {
            RawEntry e = get(db, key("r"), Consistency.EVENTUAL);
            return e != null && e.versionstamp().equals(vs);
          } catch (KvException notYet) {
            return false; // the schema has not reached the replica yet
          }
        });
        cluster.stop();
        try {
          assertThat(get(db, key("r"), Consistency.EVENTUAL).value())
              .as("served by the replica while the primary is down").isEqualTo(v8String("replicated"));
          assertThatThrownBy(() -> get(db, key("r"), Consistency.STRONG))
              .isInstanceOf(KvUnavailableException.class);
        } finally {
          cluster.restart();
        }
        assertThat(db.atomicWrite(mutations(Mutation.set(key("r2"), v8String("x"), 0))))
            .isInstanceOf(CommitResult.Committed.class);
      }
    }
  }

  private static void waitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 60 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
