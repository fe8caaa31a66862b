package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.key.KvKey;
import dev.denokv.value.KvU64;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvTemplateTest {

  record User(String name, int age, List<String> tags) {}

  private KvTemplate kv;

  @BeforeEach
  void open() {
    kv = Templates.inMemory();
  }

  @AfterEach
  void close() {
    kv.close();
  }

  @Test
  void anotherCodecOverTheSameDatabaseSeesTheSameEntries() {
    record Named(String displayName) {}
    KvTemplate snake = kv.withValueCodec(new dev.denokv.value.codec.DenoValueCodec(
        dev.denokv.value.jackson.V8Mapper.builder(tools.jackson.databind.json.JsonMapper.builder()
            .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build()).build()));
    Versionstamp written = snake.set(KvKey.of("n"), new Named("Ada"));
    assertThat(kv.get(KvKey.of("n")).value()).isEqualTo(Map.of("display_name", "Ada"));
    assertThat(snake.get(KvKey.of("n"), Named.class).value()).isEqualTo(new Named("Ada"));
    assertThat(kv.get(KvKey.of("n")).versionstamp()).isEqualTo(written);
    assertThat(snake.database()).isSameAs(kv.database());
  }

  @Test
  void setGetDeleteWithIncreasingVersionstamps() {
    KvKey key = KvKey.of("users", 1);
    Versionstamp v1 = kv.set(key, new User("ada", 36, List.of("math")));
    KvEntry<User> read = kv.get(key, User.class);
    assertThat(read.exists()).isTrue();
    assertThat(read.value()).isEqualTo(new User("ada", 36, List.of("math")));
    assertThat(read.versionstamp()).isEqualTo(v1);
    assertThat(read.key()).isEqualTo(key);

    Versionstamp v2 = kv.set(key, new User("ada", 37, List.of()));
    assertThat(v2).isGreaterThan(v1);
    kv.delete(key);
    KvEntry<User> gone = kv.get(key, User.class);
    assertThat(gone.exists()).isFalse();
    assertThat(gone.value()).isNull();
    assertThat(gone.versionstamp()).isNull();
  }

  @Test
  void naturalJavaFormsOfStoredValues() {
    kv.set(KvKey.of("m"), Map.of("a", 1));
    kv.set(KvKey.of("u64"), new KvU64(7));
    kv.set(KvKey.of("bytes"), new byte[] {1, 2, 3});
    kv.set(KvKey.of("s"), "text");
    kv.set(KvKey.of("big"), new BigInteger("123456789012345678901234567890"));
    assertThat(kv.get(KvKey.of("m")).value()).isEqualTo(Map.of("a", 1));
    assertThat(kv.get(KvKey.of("u64")).value()).isEqualTo(new KvU64(7));
    assertThat((byte[]) kv.get(KvKey.of("bytes")).value()).containsExactly(1, 2, 3);
    assertThat(kv.get(KvKey.of("s")).value()).isEqualTo("text");
    assertThat(kv.get(KvKey.of("big")).value()).isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void getManyReadsInOrderAndRejectsMoreThanTen() {
    kv.set(KvKey.of("a"), "A");
    kv.set(KvKey.of("c"), "C");
    List<KvEntry<String>> entries = kv.getMany(List.of(KvKey.of("a"), KvKey.of("b"), KvKey.of("c")), String.class);
    assertThat(entries).extracting(KvEntry::value).containsExactly("A", null, "C");
    List<KvKey> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(KvKey.of(i));
    }
    assertThatThrownBy(() -> kv.getMany(eleven, String.class))
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessage("Too many ranges (max 10)");
  }

  @Test
  void checkAndSetCommitsOnlyWhenTheVersionstampMatches() {
    KvKey key = KvKey.of("counter");
    KvCommitResult created = kv.atomic().check(key, null).set(key, 1).commit();
    assertThat(created.ok()).isTrue();
    KvCommitResult again = kv.atomic().check(key, null).set(key, 99).commit();
    assertThat(again.ok()).isFalse();
    assertThat(again.versionstamp()).isNull();

    KvEntry<Integer> current = kv.get(key, Integer.class);
    assertThat(kv.atomic().check(current).set(key, 2).commit().ok()).isTrue();
    assertThat(kv.atomic().check(current).set(key, 3).commit().ok()).isFalse();
    assertThat(kv.get(key, Integer.class).value()).isEqualTo(2);
  }

  @Test
  void sumMinMaxOnKvU64() {
    KvKey key = KvKey.of("n");
    kv.atomic().sum(key, new KvU64(5)).commit();
    kv.atomic().sum(key, new KvU64(10)).commit();
    assertThat(kv.get(key, KvU64.class).value()).isEqualTo(new KvU64(15));
    kv.atomic().min(key, new KvU64(3)).commit();
    assertThat(kv.get(key, KvU64.class).value()).isEqualTo(new KvU64(3));
    kv.atomic().max(key, new KvU64(40)).commit();
    assertThat(kv.get(key, KvU64.class).value()).isEqualTo(new KvU64(40));
    kv.atomic().sum(key, new KvU64(-1L)).commit(); // 2^64 - 1: wraps around
    assertThat(kv.get(key, KvU64.class).value()).isEqualTo(new KvU64(39));
  }

  @Test
  void failingMutationLeavesNothingBehind() {
    kv.set(KvKey.of("text"), "not a number");
    assertThatThrownBy(() -> kv.atomic()
            .set(KvKey.of("side-effect"), 1)
            .sum(KvKey.of("text"), new KvU64(1))
            .commit())
        .isInstanceOf(KvMutationException.class)
        .hasMessage("Failed to perform 'sum' mutation on a non-U64 value in the database");
    assertThat(kv.get(KvKey.of("side-effect")).exists()).isFalse();
  }

  @Test
  void expiredEntriesAreNeverReturned() throws InterruptedException {
    kv.set(KvKey.of("short"), "lived", Duration.ofMillis(50));
    assertThat(kv.get(KvKey.of("short")).exists()).isTrue();
    Thread.sleep(120);
    assertThat(kv.get(KvKey.of("short")).exists()).isFalse();
    assertThat(kv.list(ListSelector.prefix(KvKey.EMPTY), Object.class).toList()).isEmpty();
  }

  @Test
  void versionstampedKeysSortInCommitOrder() {
    kv.atomic().setVersionstampedKey(KvKey.of("log"), "first").commit();
    kv.atomic().setVersionstampedKey(KvKey.of("log"), "second").commit();
    List<KvEntry<String>> log = kv.list(ListSelector.prefix(KvKey.of("log")), String.class).toList();
    assertThat(log).extracting(KvEntry::value).containsExactly("first", "second");
    assertThat(log.get(0).key().get(1)).isEqualTo(log.get(0).versionstamp().toHex());
  }

  @Test
  void rejectsInvalidWritesWithDenoMessages() {
    assertThatThrownBy(() -> kv.set(KvKey.EMPTY, 1)).hasMessage("key cannot be empty");
    assertThatThrownBy(() -> kv.set(KvKey.of("x".repeat(2100)), 1)).hasMessage("Key too large for write (max 2048 bytes)");
    assertThatThrownBy(() -> kv.set(KvKey.of("big"), "x".repeat(70_000))).hasMessage("Value too large (max 65536 bytes)");
    assertThatThrownBy(() -> kv.set(KvKey.of("t"), 1, Duration.ofMillis(-1)))
        .hasMessage("expireIn must be a non-negative integer: received -1");
    assertThatThrownBy(() -> kv.enqueue("m", EnqueueOptions.defaults().withDelay(Duration.ofMillis(-1))))
        .hasMessage("Delay must be >= 0: received -1");
    assertThatThrownBy(() -> kv.enqueue("m", EnqueueOptions.defaults().withBackoffSchedule(
            Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1),
            Duration.ofMillis(1))))
        .hasMessage("Invalid backoffSchedule, max 5 intervals allowed");
    AtomicOperation op = kv.atomic();
    for (int i = 0; i < 101; i++) {
      op.check(KvKey.of(i), null);
    }
    assertThatThrownBy(op::commit).hasMessage("Too many checks (max 100)");
    assertThatThrownBy(() -> kv.watch(Collections.nCopies(11, KvKey.of("k")), Object.class, e -> {}))
        .hasMessage("Too many keys (max 10)");
  }

  @Test
  void watchEmitsCurrentStateThenChanges() throws InterruptedException {
    KvKey key = KvKey.of("watched");
    List<List<KvEntry<String>>> seen = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);
    try (KvSubscription sub = kv.watch(List.of(key), String.class, entries -> {
      seen.add(entries);
      three.countDown();
    })) {
      waitUntil(() -> seen.size() >= 1);
      kv.set(key, "one");
      waitUntil(() -> seen.stream().anyMatch(e -> "one".equals(e.get(0).value())));
      kv.set(key, "two");
      assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(seen.get(0).get(0).exists()).isFalse();
    assertThat(seen.get(seen.size() - 1).get(0).value()).isEqualTo("two");
  }

  @Test
  void queueDeliversAndRetriesFailedMessages() throws InterruptedException {
    List<String> received = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    int[] attempts = {0};
    try (KvSubscription sub = kv.listenQueue(String.class, msg -> {
      received.add(msg);
      if ("flaky".equals(msg) && attempts[0]++ == 0) {
        throw new IllegalStateException("first attempt fails");
      }
      if ("flaky".equals(msg)) {
        done.countDown();
      }
    })) {
      kv.enqueue("flaky", EnqueueOptions.defaults().withBackoffSchedule(Duration.ofMillis(10)));
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(received).containsExactly("flaky", "flaky");
  }

  @Test
  void undeliverableMessagesLandInTheirKeys() throws InterruptedException {
    KvKey dead = KvKey.of("dead", "letter");
    try (KvSubscription sub = kv.listenQueue(String.class, msg -> {
      throw new IllegalStateException("always fails");
    })) {
      kv.enqueue("lost", EnqueueOptions.defaults().withKeysIfUndelivered(dead).withBackoffSchedule(Duration.ofMillis(5)));
      waitUntil(() -> kv.get(dead).exists());
    }
    assertThat(kv.get(dead, String.class).value()).isEqualTo("lost");
  }

  static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
