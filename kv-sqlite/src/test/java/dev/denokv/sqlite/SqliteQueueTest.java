package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.spi.Enqueue;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.WatchSubscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteQueueTest {

  private static final SqliteOptions FAST = SqliteOptions.defaults()
      .withQueueReservation(Duration.ofMillis(300))
      .withStaleMessageCheckInterval(Duration.ofMillis(100));

  @TempDir Path dir;
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Enqueue message(String text, long delayMs, List<byte[]> keys, List<Integer> backoff) {
    return new Enqueue(v8String(text).data(), System.currentTimeMillis() + delayMs, keys, backoff);
  }

  private static String text(QueueMessageHandle h) {
    return new String(h.payload(), 4, h.payload().length - 4, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private CompletableFuture<QueueMessageHandle> dequeueAsync(SqliteDatabase db) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return db.dequeueNextMessage();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, pool);
  }

  @Test
  void aDelayedMessageComesWhenDueAndAWaitingConsumerIsWokenAtOnce() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.inMemory(FAST)) {
      CompletableFuture<QueueMessageHandle> waiting = dequeueAsync(db);
      Thread.sleep(100);
      long start = System.nanoTime();
      commit(db, enqueue(message("now", 0, List.of(), null)));
      QueueMessageHandle h = waiting.get(5, TimeUnit.SECONDS);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(500);
      assertThat(text(h)).isEqualTo("now");
      h.finish(true);

      long enqueued = System.currentTimeMillis();
      commit(db, enqueue(message("later", 300, List.of(), null)));
      QueueMessageHandle later = db.dequeueNextMessage();
      assertThat(System.currentTimeMillis() - enqueued).isGreaterThanOrEqualTo(290);
      assertThat(text(later)).isEqualTo("later");
      later.finish(true);
    }
  }

  @Test
  void messagesDueAtTheSameTimeComeOutInEnqueueOrder() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.inMemory(FAST)) {
      long ts = System.currentTimeMillis();
      for (int i = 0; i < 30; i++) {
        commit(db, enqueue(new Enqueue(v8String("m" + i).data(), ts, List.of(), null)));
      }
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        QueueMessageHandle h = db.dequeueNextMessage();
        got.add(text(h));
        h.finish(true);
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        expected.add("m" + i);
      }
      assertThat(got).isEqualTo(expected);
    }
  }

  @Test
  void failedDeliveriesAreRetriedAlongTheBackoffThenWrittenToTheUndeliveredKeys() throws Exception {
    Path file = dir.resolve("retry.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file, FAST)) {
      byte[] dead = key("dead");
      Recorder rec = new Recorder();
      try (WatchSubscription sub = db.watch(List.of(dead), rec)) {
        rec.next(5);
        commit(db, enqueue(message("job", 0, List.of(dead, key("dead2")), List.of(100, 200))));
        QueueMessageHandle first = db.dequeueNextMessage();
        long failedAt = System.currentTimeMillis();
        first.finish(false);
        QueueMessageHandle second = db.dequeueNextMessage();
        assertThat(System.currentTimeMillis() - failedAt).isGreaterThanOrEqualTo(95);
        assertThat(text(second)).isEqualTo("job");
        failedAt = System.currentTimeMillis();
        second.finish(false);
        QueueMessageHandle third = db.dequeueNextMessage();
        assertThat(System.currentTimeMillis() - failedAt).isGreaterThanOrEqualTo(195);
        assertThat(get(db, dead)).isNull();
        third.finish(false);

        assertThat(get(db, dead).value()).isEqualTo(v8String("job"));
        assertThat(get(db, key("dead2")).value()).isEqualTo(v8String("job"));
        assertThat(get(db, dead).versionstamp()).isEqualTo(get(db, key("dead2")).versionstamp());
        assertThat(rec.next(5).get(0).entry().value()).as("watchers are notified").isEqualTo(v8String("job"));
      }
      assertThat(SqliteDatabaseTest.rowCount(file, "select count(*) from queue")
          + SqliteDatabaseTest.rowCount(file, "select count(*) from queue_running")).isZero();
    }
  }

  @Test
  void anUndeliverableMessageWithoutKeysIsDropped() throws Exception {
    Path file = dir.resolve("drop.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file, FAST)) {
      commit(db, enqueue(message("x", 0, List.of(), List.of())));
      db.dequeueNextMessage().finish(false);
      assertThat(SqliteDatabaseTest.rowCount(file, "select count(*) from queue")
          + SqliteDatabaseTest.rowCount(file, "select count(*) from queue_running")).isZero();
    }
  }

  @Test
  void aLongHandlerKeepsItsReservationBeyondTheReservationPeriod() throws Exception {
    Path file = dir.resolve("keepalive.sqlite3");
    SqliteOptions options = FAST.withQueueReservation(Duration.ofMillis(500));
    try (SqliteDatabase db = SqliteDatabase.open(file, options);
        SqliteDatabase otherProcess = SqliteDatabase.open(file, options)) {
      commit(db, enqueue(message("long", 0, List.of(), null)));
      QueueMessageHandle h = db.dequeueNextMessage();
      // The other instance requeues reservations whose deadline passed every 100 ms.
      CompletableFuture<QueueMessageHandle> other = dequeueAsync(otherProcess);
      Thread.sleep(1500);
      assertThat(other).as("no second delivery while the handler runs (3 reservation periods)").isNotDone();
      assertThat(SqliteDatabaseTest.rowCount(file, "select count(*) from queue_running where deadline > "
          + System.currentTimeMillis())).as("the deadline was extended").isEqualTo(1);
      h.finish(true);
      commit(db, enqueue(message("next", 0, List.of(), null)));
      assertThat(text(other.get(5, TimeUnit.SECONDS))).isEqualTo("next");
    }
  }

  @Test
  void aMessageWhoseConsumerDiedIsDeliveredAgainAfterReopen() throws Exception {
    Path file = dir.resolve("reopen.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file, FAST)) {
      commit(db, enqueue(message("survivor", 0, List.of(), null)));
      assertThat(text(db.dequeueNextMessage())).isEqualTo("survivor");
      // closed without finishing: the consumer "died"
    }
    try (SqliteDatabase db = SqliteDatabase.open(file, FAST)) {
      CompletableFuture<QueueMessageHandle> again = dequeueAsync(db);
      QueueMessageHandle h = again.get(5, TimeUnit.SECONDS);
      assertThat(text(h)).isEqualTo("survivor");
      h.finish(true);
    }
    assertThat(SqliteDatabaseTest.rowCount(file, "select count(*) from queue_running")).isZero();
  }

  /**
   * A consumer that died with a message reserved (its database closed without finishing it) loses
   * the message to another consumer of the same file within a small multiple of the reservation,
   * with the default stale-message check.
   */
  @Test
  void aMessageWhoseConsumerDiedIsDeliveredToAnotherConsumerSoon() throws Exception {
    Path file = dir.resolve("died.sqlite3");
    SqliteOptions options = SqliteOptions.defaults().withQueueReservation(Duration.ofMillis(300));
    try (SqliteDatabase survivor = SqliteDatabase.open(file, options)) {
      try (SqliteDatabase dying = SqliteDatabase.open(file, options)) {
        commit(dying, enqueue(message("orphan", 0, List.of(), null)));
        assertThat(text(dying.dequeueNextMessage())).isEqualTo("orphan");
      }
      QueueMessageHandle h = dequeueAsync(survivor).get(20, TimeUnit.SECONDS);
      assertThat(text(h)).isEqualTo("orphan");
      h.finish(true);
    }
  }

  @Test
  void enqueuesOfAnotherConnectionWakeAWaitingConsumer() throws Exception {
    Path file = dir.resolve("cross.sqlite3");
    try (SqliteDatabase consumer = SqliteDatabase.open(file, FAST);
        SqliteDatabase producer = SqliteDatabase.open(file, FAST)) {
      CompletableFuture<QueueMessageHandle> waiting = dequeueAsync(consumer);
      Thread.sleep(100);
      commit(producer, enqueue(message("hello", 0, List.of(), null)));
      QueueMessageHandle h = waiting.get(5, TimeUnit.SECONDS);
      assertThat(text(h)).isEqualTo("hello");
      h.finish(true);
    }
  }

  @Test
  void closeWakesWaitingConsumersWithNull() throws Exception {
    SqliteDatabase db = SqliteDatabase.inMemory(FAST);
    CompletableFuture<QueueMessageHandle> waiting = dequeueAsync(db);
    Thread.sleep(100);
    db.close();
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
  }
}
