package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.AtomicOperation;
import dev.denokv.Consistency;
import dev.denokv.EnqueueOptions;
import dev.denokv.KvCommitResult;
import dev.denokv.KvEntry;
import dev.denokv.KvList;
import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.ListSelector;
import dev.denokv.SumOptions;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.value.KvU64;
import dev.denokv.testing.MutableClock;
import dev.denokv.value.codec.DenoValueCodec;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * The whole {@link KvTemplate} API over the project's own remote backend, end to end: a
 * {@link RemoteDatabase} speaking KV Connect to this project's server, which hosts a SQLite file.
 * Every test works under its own key prefix, as the server is shared with other tests.
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RemoteClientTest {

  /** A value shaped like an application record; it crosses the wire as a JS object. */
  record Order(String id, int quantity, List<String> tags) {}

  @LocalServerPort int port;
  @Autowired RecordingDatabase database;
  @Autowired MutableClock databaseClock;

  private final AtomicInteger httpRequests = new AtomicInteger();
  private KvTemplate kv;
  private KvKey prefix;

  @BeforeEach
  void open() {
    RestClient.Builder counting =
        RestClient.builder()
            .requestInterceptor(
                (request, body, execution) -> {
                  httpRequests.incrementAndGet();
                  return execution.execute(request, body);
                });
    RemoteDatabase remote =
        RemoteDatabase.builder()
            .url("http://localhost:" + port + "/kv")
            .accessToken(KvConnectTestApplication.ACCESS_TOKEN)
            .restClientBuilder(counting)
            .build();
    kv = KvTemplate.builder(remote).valueCodec(DenoValueCodec.defaults()).build();
    prefix = KvKey.of("remote-client", UUID.randomUUID().toString());
  }

  @AfterEach
  void close() {
    kv.close();
  }

  private KvKey key(Object... parts) {
    return prefix.append(parts);
  }

  @Test
  void getSetAndDeleteCarryValuesAndVersionstamps() {
    KvKey a = key("a");
    Order order = new Order("o-1", 3, List.of("red", "large"));
    Versionstamp first = kv.set(a, order);

    KvEntry<Order> read = kv.get(a, Order.class);
    assertThat(read.value()).isEqualTo(order);
    assertThat(read.versionstamp()).isEqualTo(first);
    assertThat(kv.get(a, Order.class, Consistency.EVENTUAL).value()).isEqualTo(order);

    Versionstamp second = kv.set(a, new Order("o-1", 4, List.of()));
    assertThat(second).isGreaterThan(first);
    assertThat(kv.get(a, Order.class).value().quantity()).isEqualTo(4);

    KvEntry<Order> missing = kv.get(key("missing"), Order.class);
    assertThat(missing.exists()).isFalse();
    assertThat(missing.value()).isNull();
    assertThat(missing.versionstamp()).isNull();

    kv.delete(a);
    assertThat(kv.get(a).exists()).isFalse();
    kv.delete(a); // deleting a missing key is no error
  }

  @Test
  void getManyReadsOneSnapshotInTheOrderGiven() {
    Versionstamp vs = kv.atomic().set(key("x"), "ex").set(key("y"), "why").commit().versionstamp();

    List<KvEntry<String>> entries = kv.getMany(List.of(key("y"), key("missing"), key("x")), String.class);

    assertThat(entries).extracting(KvEntry::key).containsExactly(key("y"), key("missing"), key("x"));
    assertThat(entries).extracting(KvEntry::value).containsExactly("why", null, "ex");
    assertThat(entries).extracting(KvEntry::versionstamp).containsExactly(vs, null, vs);
  }

  @Test
  void entriesExpireAfterExpireIn() {
    KvKey soon = key("soon");
    kv.set(soon, "soon", Duration.ofMinutes(5));
    kv.set(key("later"), "later", Duration.ofHours(1));
    assertThat(kv.get(soon, String.class).value()).isEqualTo("soon");

    databaseClock.advance(Duration.ofMinutes(6));
    try {
      assertThat(kv.get(soon).exists()).isFalse();
      assertThat(kv.list(ListSelector.prefix(prefix), String.class).toList())
          .extracting(KvEntry::value)
          .containsExactly("later");
    } finally {
      databaseClock.reset(); // the server's context, and so its clock, is shared with other tests
    }
  }

  /** Writes [prefix, "l", 0..6] = 0, 10, .., 60, plus the prefix itself and a sibling. */
  private KvKey writeListFixture() {
    KvKey l = key("l");
    AtomicOperation op = kv.atomic().set(l, "the prefix itself").set(key("m"), "sibling");
    for (int i = 0; i < 7; i++) {
      op.set(l.append(i), i * 10);
    }
    assertThat(op.commit().ok()).isTrue();
    return l;
  }

  /** The last key parts of the listed entries: JS numbers, read back as doubles. */
  private static List<Integer> lastParts(KvList<?> list) {
    return list.stream().map(e -> ((Double) e.key().get(e.key().size() - 1)).intValue()).toList();
  }

  @Test
  void listSupportsEverySelectorForm() {
    KvKey l = writeListFixture();

    assertThat(kv.list(ListSelector.prefix(l), Integer.class).stream().map(KvEntry::value))
        .containsExactly(0, 10, 20, 30, 40, 50, 60);
    assertThat(lastParts(kv.list(ListSelector.prefix(l, l.append(4)), Integer.class)))
        .containsExactly(4, 5, 6);
    assertThat(lastParts(kv.list(ListSelector.prefixUntil(l, l.append(2)), Integer.class)))
        .containsExactly(0, 1);
    assertThat(lastParts(kv.list(ListSelector.range(l.append(2), l.append(5)), Integer.class)))
        .containsExactly(2, 3, 4);
    assertThat(kv.list(ListSelector.prefix(prefix), Object.class).stream().map(e -> e.key().size()))
        .as("the prefix itself and everything under it, not the prefix")
        .hasSize(9);
    assertThat(lastParts(kv.list(ListSelector.prefix(l), Integer.class,
            ListOptions.defaults().withConsistency(Consistency.EVENTUAL))))
        .containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void listReversesLimitsAndFetchesInBatches() {
    KvKey l = writeListFixture();
    ListSelector all = ListSelector.prefix(l);

    assertThat(lastParts(kv.list(all, Integer.class, ListOptions.defaults().withReverse(true))))
        .containsExactly(6, 5, 4, 3, 2, 1, 0);
    assertThat(lastParts(kv.list(all, Integer.class, ListOptions.defaults().withLimit(3))))
        .containsExactly(0, 1, 2);
    assertThat(lastParts(kv.list(ListSelector.range(l.append(1), l.append(6)), Integer.class,
            ListOptions.defaults().withReverse(true).withLimit(2))))
        .containsExactly(5, 4);

    int before = httpRequests.get();
    assertThat(lastParts(kv.list(all, Integer.class, ListOptions.defaults().withBatchSize(2))))
        .containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(httpRequests.get() - before).as("snapshot reads of 2, 2, 2 and 1 entries").isEqualTo(4);
  }

  @Test
  void cursorsPageForwardBackwardAndThroughRanges() {
    KvKey l = writeListFixture();

    assertThat(pages(ListSelector.prefix(l), ListOptions.defaults().withLimit(3)))
        .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
    assertThat(pages(ListSelector.prefix(l), ListOptions.defaults().withLimit(3).withReverse(true)))
        .containsExactly(List.of(6, 5, 4), List.of(3, 2, 1), List.of(0));
    assertThat(pages(ListSelector.range(l.append(1), l.append(6)), ListOptions.defaults().withLimit(2)))
        .containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    assertThat(pages(ListSelector.prefix(l, l.append(2)), ListOptions.defaults().withLimit(4)))
        .containsExactly(List.of(2, 3, 4, 5), List.of(6));
    assertThat(pages(ListSelector.prefix(l), ListOptions.defaults().withLimit(7)))
        .as("a page that ends at its limit cannot know that nothing follows, as in Deno")
        .containsExactly(List.of(0, 1, 2, 3, 4, 5, 6), List.of());

    KvList<Integer> firstTwo = kv.list(ListSelector.prefix(l), Integer.class, ListOptions.defaults().withLimit(2));
    assertThat(lastParts(firstTwo)).containsExactly(0, 1);
    assertThat(lastParts(kv.list(ListSelector.prefix(l), Integer.class,
            ListOptions.defaults().withCursor(firstTwo.cursor()))))
        .as("a cursor without a limit runs to the end")
        .containsExactly(2, 3, 4, 5, 6);
  }

  /** Lists page after page, each resuming at the previous page's cursor, until the cursor is empty. */
  private List<List<Integer>> pages(ListSelector selector, ListOptions options) {
    List<List<Integer>> pages = new ArrayList<>();
    String cursor = null;
    do {
      KvList<Integer> list = kv.list(selector, Integer.class, options.withCursor(cursor));
      pages.add(lastParts(list));
      cursor = list.cursor();
    } while (!cursor.isEmpty() && pages.size() < 10);
    return pages;
  }

  @Test
  void checksMakeAtomicOperationsAllOrNothing() {
    KvKey account = key("account");
    KvKey audit = key("audit");
    KvEntry<Object> absent = kv.get(account);

    KvCommitResult created = kv.atomic().check(absent).set(account, 100).commit();
    KvCommitResult stale = kv.atomic().check(absent).set(account, 200).set(audit, "stale").commit();
    assertThat(created.ok()).isTrue();
    assertThat(created.versionstamp()).isNotNull();
    assertThat(stale.ok()).isFalse();
    assertThat(stale.versionstamp()).isNull();
    assertThat(kv.get(account, Integer.class).value()).isEqualTo(100);
    assertThat(kv.get(audit).exists()).as("no mutation of a failed operation applies").isFalse();

    KvCommitResult moved = kv.atomic()
        .check(account, created.versionstamp())
        .check(audit, null)
        .set(account, 300)
        .set(audit, "moved")
        .delete(key("nothing-here"))
        .commit();
    assertThat(moved.ok()).isTrue();
    List<KvEntry<Object>> after = kv.getMany(List.of(account, audit), Object.class);
    assertThat(after).extracting(KvEntry::versionstamp).containsOnly(moved.versionstamp());
    assertThat(kv.get(account, Integer.class).value()).isEqualTo(300);

    KvCommitResult secondCheckFails = kv.atomic()
        .check(account, moved.versionstamp())
        .check(audit, created.versionstamp())
        .set(account, 400)
        .commit();
    assertThat(secondCheckFails.ok()).isFalse();
    assertThat(kv.get(account, Integer.class).value()).isEqualTo(300);
  }

  @Test
  void sumMinAndMaxOnKvU64() {
    KvKey n = key("n");
    kv.atomic().sum(n, KvU64.of(40)).commit(); // a missing key counts as 0
    kv.atomic().sum(n, KvU64.of(2)).commit();
    assertThat(kv.get(n, KvU64.class).value()).isEqualTo(KvU64.of(42));
    kv.atomic().min(n, KvU64.of(7)).commit();
    assertThat(kv.get(n, KvU64.class).value()).isEqualTo(KvU64.of(7));
    kv.atomic().max(n, KvU64.of(50)).commit();
    assertThat(kv.get(n, KvU64.class).value()).isEqualTo(KvU64.of(50));
    kv.atomic().max(n, KvU64.of(9)).commit();
    assertThat(kv.get(n, KvU64.class).value()).isEqualTo(KvU64.of(50));
    kv.atomic().sum(n, new KvU64(-1L)).commit(); // adds 2^64 - 1: wraps around
    assertThat(kv.get(n, KvU64.class).value()).isEqualTo(KvU64.of(49));
    kv.atomic().min(key("fresh-min"), KvU64.of(5)).max(key("fresh-max"), KvU64.of(6)).commit();
    assertThat(kv.getMany(List.of(key("fresh-min"), key("fresh-max")), KvU64.class))
        .extracting(KvEntry::value)
        .containsExactly(KvU64.of(5), KvU64.of(6));
  }

  @Test
  void sumOnNumbersAndBigIntsHonoursBounds() {
    KvKey price = key("price");
    kv.set(price, 10.5);
    kv.atomic().sum(price, 2.0, SumOptions.defaults()).commit();
    assertThat(kv.get(price, Double.class).value()).isEqualTo(12.5);
    kv.atomic().sum(price, 100.0, new SumOptions(null, 20.0, true)).commit();
    assertThat(kv.get(price, Double.class).value()).as("clamped to max").isEqualTo(20.0);
    kv.atomic().sum(price, -50.0, new SumOptions(0.0, null, true)).commit();
    assertThat(kv.get(price, Double.class).value()).as("clamped to min").isEqualTo(0.0);

    KvKey big = key("big");
    kv.set(big, BigInteger.valueOf(5));
    kv.atomic().sum(big, new BigInteger("18446744073709551616"), SumOptions.defaults()).commit();
    assertThat(kv.get(big, BigInteger.class).value()).isEqualTo(new BigInteger("18446744073709551621"));

    assertThatThrownBy(() -> kv.atomic().set(key("side"), 1).sum(price, 5.0, new SumOptions(null, 1.0, false)).commit())
        .isInstanceOf(KvRemoteException.class)
        .satisfies(e -> assertThat(((KvRemoteException) e).status()).isEqualTo(400));
    assertThat(kv.get(price, Double.class).value()).isEqualTo(0.0);
    assertThat(kv.get(key("side")).exists()).as("nothing of the failed operation applies").isFalse();
  }

  @Test
  void aMutationTheServerRefusesFailsTheWholeOperation() {
    KvKey text = key("text");
    kv.set(text, "not a number");
    assertThatThrownBy(() -> kv.atomic().set(key("side"), 1).sum(text, KvU64.of(1)).commit())
        .isInstanceOf(KvRemoteException.class)
        .hasMessageContaining("non-U64")
        .satisfies(e -> assertThat(((KvRemoteException) e).status()).isEqualTo(400));
    assertThat(kv.get(key("side")).exists()).isFalse();
    assertThat(kv.get(text, String.class).value()).isEqualTo("not a number");
  }

  @Test
  void versionstampedKeysSortInCommitOrder() {
    KvKey log = key("log");
    Versionstamp first = kv.atomic().setVersionstampedKey(log, "first").commit().versionstamp();
    Versionstamp second = kv.atomic().setVersionstampedKey(log, "second").commit().versionstamp();

    List<KvEntry<String>> entries = kv.list(ListSelector.prefix(log), String.class).toList();
    assertThat(entries).extracting(KvEntry::value).containsExactly("first", "second");
    assertThat(entries).extracting(KvEntry::versionstamp).containsExactly(first, second);
    assertThat(entries).extracting(e -> e.key().get(e.key().size() - 1))
        .containsExactly(first.toHex(), second.toHex());
  }

  @Test
  void messagesEnqueuedRemotelyReachTheServersQueueListener() throws Exception {
    // The server's own template over the database it serves; the Spring context owns the database.
    KvTemplate serverSide = KvTemplate.builder(database).valueCodec(DenoValueCodec.defaults()).build();
    String run = UUID.randomUUID().toString();
    ConcurrentHashMap<String, Long> deliveredAt = new ConcurrentHashMap<>();
    List<Order> received = new CopyOnWriteArrayList<>();
    try (KvSubscription listener = serverSide.listenQueue(Order.class, order -> {
      if (!order.id().startsWith(run)) {
        return;
      }
      if (order.id().endsWith("poison")) {
        throw new IllegalStateException("cannot handle " + order.id());
      }
      received.add(order);
      deliveredAt.put(order.id(), System.nanoTime());
    })) {
      Order now = new Order(run + "-now", 1, List.of("a"));
      Order withWrite = new Order(run + "-with-write", 2, List.of());
      Order delayed = new Order(run + "-delayed", 3, List.of("b", "c"));
      assertThat(kv.enqueue(now).ok()).isTrue();
      KvCommitResult together = kv.atomic().set(key("job"), "queued").enqueue(withWrite).commit();
      long delayedSent = System.nanoTime();
      kv.enqueue(delayed, EnqueueOptions.defaults().withDelay(Duration.ofMillis(400)));
      KvKey dead = key("dead-letter");
      kv.enqueue(new Order(run + "-poison", 9, List.of()),
          EnqueueOptions.defaults().withKeysIfUndelivered(dead).withBackoffSchedule(Duration.ofMillis(10)));

      waitUntil(() -> received.size() == 3);
      assertThat(received).containsExactlyInAnyOrder(now, withWrite, delayed);
      assertThat(TimeUnit.NANOSECONDS.toMillis(deliveredAt.get(delayed.id()) - delayedSent))
          .as("not delivered before its delay")
          .isGreaterThanOrEqualTo(400);
      assertThat(kv.get(key("job"), String.class).versionstamp()).isEqualTo(together.versionstamp());

      waitUntil(() -> kv.get(dead).exists());
      assertThat(kv.get(dead, Order.class).value().id()).isEqualTo(run + "-poison");
    }
  }

  @Test
  void watchEmitsTheCurrentStateThenEachChange() throws Exception {
    KvKey w1 = key("w1");
    KvKey w2 = key("w2");
    kv.set(w2, "two");
    List<List<KvEntry<String>>> seen = new CopyOnWriteArrayList<>();
    try (KvSubscription sub = kv.watch(List.of(w1, w2), String.class, seen::add)) {
      waitUntil(() -> !seen.isEmpty());
      assertThat(seen.get(0)).extracting(KvEntry::value).containsExactly(null, "two");

      Versionstamp changed = kv.set(w1, "changed");
      waitUntil(() -> seen.stream().anyMatch(e -> "changed".equals(e.get(0).value())));
      assertThat(seen.get(seen.size() - 1).get(0).versionstamp()).isEqualTo(changed);

      kv.delete(w2);
      waitUntil(() -> !seen.get(seen.size() - 1).get(1).exists());
      assertThat(seen.get(seen.size() - 1)).extracting(KvEntry::value).containsExactly("changed", null);
    }
  }

  @Test
  void invalidInputFailsWithDenoMessagesBeforeAnyRequest() {
    kv.get(key("warm-up")); // the metadata exchange happens here, not below
    int requests = httpRequests.get();
    long writes = database.atomicWriteCount();

    rejected(() -> kv.set(KvKey.EMPTY, 1), "key cannot be empty");
    rejected(() -> kv.set(KvKey.of("x".repeat(2100)), 1), "Key too large for write (max 2048 bytes)");
    rejected(() -> kv.get(KvKey.of("x".repeat(2100))), "Key too large for read (max 2049 bytes)");
    rejected(() -> kv.set(key("big"), "x".repeat(70_000)), "Value too large (max 65536 bytes)");
    rejected(() -> kv.set(key("t"), 1, Duration.ofMillis(-1)), "expireIn must be a non-negative integer: received -1");
    rejected(() -> kv.getMany(Collections.nCopies(11, key("k")), Object.class), "Too many ranges (max 10)");
    rejected(() -> kv.watch(Collections.nCopies(11, key("k")), Object.class, e -> {}), "Too many keys (max 10)");
    rejected(() -> kv.enqueue("m", EnqueueOptions.defaults().withDelay(Duration.ofMillis(-1))),
        "Delay must be >= 0: received -1");
    rejected(() -> kv.enqueue("m", EnqueueOptions.defaults().withDelay(Duration.ofDays(31))),
        "Delay cannot be greater than 30 days: received 2678400000");
    rejected(() -> kv.enqueue("m", EnqueueOptions.defaults().withBackoffSchedule(Collections.nCopies(6, Duration.ofMillis(1))
            .toArray(Duration[]::new))),
        "Invalid backoffSchedule, max 5 intervals allowed");
    rejected(() -> kv.enqueue("x".repeat(70_000)), "enqueue payload too large (max 65536 bytes)");
    AtomicOperation checks = kv.atomic();
    for (int i = 0; i < 11; i++) {
      checks.check(key(i), null);
    }
    rejected(checks::commit, "Too many checks (max 10)"); // the KV Connect servers' limit, not the CLI's 100
    AtomicOperation mutations = kv.atomic();
    for (int i = 0; i < 1001; i++) {
      mutations.delete(key(i));
    }
    rejected(mutations::commit, "Too many mutations (max 1000)");

    KvKey l = key("l");
    rejected(() -> new ListSelector(l, l.append("a"), l.append("b")),
        "Selector can not specify both 'start' and 'end' key when specifying 'prefix'");
    rejected(() -> kv.list(ListSelector.prefix(l, key("other", "a")), Object.class),
        "Start key is not in the keyspace defined by prefix");
    rejected(() -> kv.list(ListSelector.prefixUntil(l, key("other")), Object.class),
        "End key is not in the keyspace defined by prefix");
    rejected(() -> kv.list(ListSelector.range(key("b"), key("a")), Object.class), "Start key is greater than end key");
    rejected(() -> kv.list(ListSelector.prefix(l), Object.class, ListOptions.defaults().withLimit(0)),
        "Limit must be a positive integer: received 0");
    rejected(() -> kv.list(ListSelector.prefix(l), Object.class, ListOptions.defaults().withBatchSize(1001)),
        "Too many entries (max 1000)");
    rejected(() -> kv.list(ListSelector.prefix(l), Object.class, ListOptions.defaults().withCursor("!!")),
        "invalid cursor");

    assertThat(httpRequests.get()).as("HTTP requests sent for invalid input").isEqualTo(requests);
    assertThat(database.atomicWriteCount()).as("writes that reached the database").isEqualTo(writes);
  }

  private static void rejected(ThrowingCallable call, String denoMessage) {
    assertThatThrownBy(call).isInstanceOf(KvInvalidArgumentException.class).hasMessage(denoMessage);
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
