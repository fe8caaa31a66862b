package dev.denokv.spi.conformance;

import static dev.denokv.spi.conformance.Bytes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvMutationException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Capability;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.testing.MutableClock;
import dev.denokv.value.KvU64;
import dev.denokv.value.ValueEncoding;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend of the SPI must do, run unchanged against each of them: a subclass opens a
 * fresh, empty database per test. Queue tests run when the backend has
 * {@link Capability#QUEUE_CONSUMER}.
 */
public abstract class DatabaseConformance {

  /** A database no other test uses, empty. */
  protected abstract Database openDatabase() throws Exception;

  /** Whether a failed check reports the failing indexes (KV Connect does not carry them). */
  protected boolean reportsFailedCheckIndexes() {
    return true;
  }

  /**
   * The exception a mutation the stored value refuses raises. The remote backend reports the
   * server's refusal (with Deno's message) as {@link dev.denokv.error.KvRemoteException}.
   */
  protected Class<? extends KvException> mutationErrorType() {
    return KvMutationException.class;
  }

  /**
   * Whether asynchronous writes of one caller commit in the order they were made (the remote
   * backend sends them from a pool of request threads, so they may overtake each other).
   */
  protected boolean asyncWritesKeepCallerOrder() {
    return true;
  }

  /**
   * The clock the database under test reads, when it is one the test can move forward: expiry and
   * queue delays are then tested by advancing it instead of waiting for them. Null when the backend
   * reads the system clock.
   */
  protected @Nullable MutableClock clock() {
    return null;
  }

  /** The time as the database under test reads it. */
  private long now() {
    MutableClock clock = clock();
    return clock != null ? clock.millis() : System.currentTimeMillis();
  }

  /**
   * A delay for a test of expiry or of a delayed message: long with a clock the test moves forward,
   * short enough to wait for without one.
   */
  private long testDelayMs() {
    return clock() != null ? 3_600_000 : 300;
  }

  /** Moves the database's clock past {@code delayMs}; without such a clock the test just waits. */
  private void letPass(long delayMs) {
    MutableClock clock = clock();
    if (clock != null) {
      clock.advance(Duration.ofMillis(delayMs + 1));
    }
  }

  protected Database db;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeEach
  void openIt() throws Exception {
    db = openDatabase();
  }

  @AfterEach
  void closeIt() {
    threads.shutdownNow();
    db.close();
  }

  @Test
  void setGetDeleteWithIncreasingVersionstamps() {
    byte[] a = key("a");
    assertThat(get(db, a)).isNull();
    Versionstamp v1 = set(db, a, v8String("one"));
    RawEntry e = get(db, a);
    assertThat(e).isNotNull();
    assertThat(e.value()).isEqualTo(v8String("one"));
    assertThat(e.versionstamp()).isEqualTo(v1);
    assertThat(v1.toBytes()[8]).isZero();
    assertThat(v1.toBytes()[9]).isZero();

    Versionstamp v2 = set(db, a, bytes(1, 2, 3));
    assertThat(v2).isGreaterThan(v1);
    assertThat(get(db, a).value()).isEqualTo(bytes(1, 2, 3));
    set(db, key("u"), u64(7));
    assertThat(get(db, key("u")).value()).isEqualTo(u64(7));

    Versionstamp v3 = commit(db, mutations(Mutation.delete(a)));
    assertThat(v3).isGreaterThan(v2);
    assertThat(get(db, a)).isNull();
  }

  @Test
  void rangesAreReadInKeyOrderWithLimitAndReverseInOneSnapshot() {
    for (String k : List.of("c", "a", "e", "b", "d")) {
      set(db, key("p", k), v8String(k));
    }
    set(db, key("q"), v8String("other"));
    set(db, key("p"), v8String("prefix itself"));
    List<List<RawEntry>> r = db.snapshotRead(List.of(
        prefix(key("p"), 10, false),
        prefix(key("p"), 2, true),
        new ReadRange(key("p", "b"), key("p", "d"), 10, false)), Consistency.STRONG);
    assertThat(r).hasSize(3);
    assertThat(strings(r.get(0))).containsExactly("a", "b", "c", "d", "e");
    assertThat(strings(r.get(1))).containsExactly("e", "d");
    assertThat(strings(r.get(2))).containsExactly("b", "c");
  }

  @Test
  void keysOrderBytewiseAsDenoOrdersThem() {
    byte[] bytesKey = {0x01, (byte) 0x80, 0x00};
    byte[] stringKey = key("a");
    byte[] numberKey = {0x21, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0};
    byte[] falseKey = {0x26};
    byte[] trueKey = {0x27};
    for (byte[] k : List.of(trueKey, numberKey, stringKey, falseKey, bytesKey)) {
      commit(db, mutations(Mutation.set(k, bytes(k[0] & 0xFF), 0)));
    }
    List<RawEntry> all = db.snapshotRead(List.of(new ReadRange(new byte[0], new byte[] {(byte) 0xFF}, 10, false)),
        Consistency.STRONG).get(0);
    assertThat(all).extracting(e -> e.value().data()[0] & 0xFF).containsExactly(0x01, 0x02, 0x21, 0x26, 0x27);
  }

  @Test
  void checksDecideTheWholeWrite() {
    byte[] a = key("a");
    byte[] b = key("b");
    Versionstamp va = set(db, a, v8String("a"));

    CommitResult ok = db.atomicWrite(new AtomicWrite(List.of(new Check(a, va), new Check(b, null)),
        List.of(Mutation.set(b, v8String("b"), 0)), List.of()));
    assertThat(ok).isInstanceOf(CommitResult.Committed.class);
    Versionstamp vb = ((CommitResult.Committed) ok).versionstamp();

    CommitResult failed = db.atomicWrite(new AtomicWrite(
        List.of(new Check(a, va), new Check(b, null), new Check(key("c"), vb)),
        List.of(Mutation.set(a, v8String("changed"), 0)), List.of()));
    assertThat(failed).isInstanceOf(CommitResult.CheckFailed.class);
    if (reportsFailedCheckIndexes()) {
      assertThat(((CommitResult.CheckFailed) failed).failedChecks()).containsExactly(1, 2);
    }
    assertThat(get(db, a).value()).isEqualTo(v8String("a"));
    Versionstamp next = set(db, key("z"), v8String("z"));
    assertThat(next.version() - vb.version()).as("a failed check consumes no version").isBetween(1L, 9L);
  }

  @Test
  void sumMinMaxOnKvU64() {
    byte[] c = key("c");
    commit(db, mutations(Mutation.arithmetic(c, MutationKind.SUM, u64(5))));
    assertThat(get(db, c).value()).isEqualTo(u64(5));
    commit(db, mutations(Mutation.arithmetic(c, MutationKind.SUM, u64(-1L))));
    assertThat(get(db, c).value()).as("wraps mod 2^64").isEqualTo(u64(4));
    commit(db, mutations(Mutation.arithmetic(c, MutationKind.MAX, u64(-2L))));
    assertThat(get(db, c).value()).as("unsigned max").isEqualTo(u64(-2L));
    commit(db, mutations(Mutation.arithmetic(c, MutationKind.MIN, u64(7))));
    assertThat(get(db, c).value()).isEqualTo(u64(7));
    commit(db, mutations(Mutation.arithmetic(key("m"), MutationKind.MIN, u64(3))));
    assertThat(get(db, key("m")).value()).isEqualTo(u64(3));
    commit(db, mutations(Mutation.arithmetic(key("x"), MutationKind.MAX, u64(9))));
    assertThat(get(db, key("x")).value()).isEqualTo(u64(9));
  }

  @Test
  void arithmeticErrorsCarryDenosMessages() {
    byte[] s = key("s");
    set(db, s, v8String("text"));
    assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(s, MutationKind.SUM, u64(1)))))
        .isInstanceOf(mutationErrorType())
        .hasMessageContaining("Failed to perform 'sum' mutation on a non-U64 value in the database");
    assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(s, MutationKind.MAX, u64(1)))))
        .hasMessageContaining("Failed to perform 'max' mutation on a non-U64 value in the database");
    assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(key("n"), MutationKind.MIN, v8Number(1)))))
        .isInstanceOf(mutationErrorType())
        .hasMessageContaining("Failed to perform 'min' mutation on a non-U64 operand");
    assertThat(get(db, key("n"))).isNull();
  }

  @Test
  void sumOfV8NumbersAndBigInts() {
    byte[] n = key("n");
    commit(db, mutations(Mutation.arithmetic(n, MutationKind.SUM, v8Number(1.5))));
    assertThat(get(db, n).value()).isEqualTo(v8Double(1.5));
    commit(db, mutations(Mutation.arithmetic(n, MutationKind.SUM, v8Number(2))));
    assertThat(get(db, n).value()).as("number + number as f64, written as a double").isEqualTo(v8Double(3.5));

    byte[] b = key("b");
    BigInteger big = BigInteger.TWO.pow(80);
    commit(db, mutations(Mutation.arithmetic(b, MutationKind.SUM, v8BigInt(big))));
    commit(db, mutations(Mutation.arithmetic(b, MutationKind.SUM, v8BigInt(big.negate().subtract(BigInteger.ONE)))));
    assertThat(get(db, b).value()).as("unbounded bigint").isEqualTo(v8BigInt(-1));

    byte[] u = key("u");
    set(db, u, u64(10));
    commit(db, mutations(Mutation.arithmetic(u, MutationKind.SUM, v8BigInt(5))));
    assertThat(get(db, u).value()).as("KvU64 + bigint stays KvU64").isEqualTo(u64(15));

    assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(u, MutationKind.SUM, v8BigInt(-1)))))
        .isInstanceOf(mutationErrorType()).hasMessageContaining("Cannot sum KvU64 with BigInt");
    assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(n, MutationKind.SUM, v8BigInt(1)))))
        .hasMessageContaining("Cannot sum Number with BigInt");
    assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(b, MutationKind.SUM, v8Number(1)))))
        .hasMessageContaining("Cannot sum BigInt with Number");
    assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(n, MutationKind.SUM, v8String("x")))))
        .hasMessageContaining("Some of the parameters are not valid V8 values");
  }

  @Test
  void sumBoundsClampOrFail() {
    byte[] k = key("k");
    set(db, k, v8BigInt(40));
    Mutation overMax = new Mutation(k, MutationKind.SUM, v8BigInt(5), 0, null, v8BigInt(44), false);
    assertThatThrownBy(() -> db.atomicWrite(mutations(overMax)))
        .isInstanceOf(mutationErrorType())
        .hasMessageContaining("The result of a Sum operation would exceed its range limit");
    commit(db, mutations(new Mutation(k, MutationKind.SUM, v8BigInt(5), 0, null, v8BigInt(44), true)));
    assertThat(get(db, k).value()).isEqualTo(v8BigInt(44));
    commit(db, mutations(new Mutation(k, MutationKind.SUM, v8BigInt(-100), 0, v8BigInt(0), null, true)));
    assertThat(get(db, k).value()).isEqualTo(v8BigInt(0));

    byte[] f = key("f");
    set(db, f, v8Number(1));
    commit(db, mutations(new Mutation(f, MutationKind.SUM, v8Number(10), 0, v8Number(0), v8Number(5), true)));
    assertThat(get(db, f).value()).isEqualTo(v8Double(5));
    assertThatThrownBy(() -> db.atomicWrite(mutations(
        new Mutation(f, MutationKind.SUM, v8Number(1), 0, v8BigInt(0), null, false))))
        .hasMessageContaining("Min/max parameters have different types than the operand");
  }

  @Test
  void aFailingMutationLeavesNothingBehind() {
    byte[] s = key("s");
    Versionstamp before = set(db, s, v8String("text"));
    AtomicWrite write = new AtomicWrite(List.of(), List.of(
        Mutation.set(key("first"), v8String("1"), 0),
        Mutation.delete(s),
        Mutation.arithmetic(key("c"), MutationKind.SUM, u64(1)),
        Mutation.set(s, v8String("again"), 0),
        Mutation.arithmetic(s, MutationKind.SUM, u64(1))),
        List.of(new Enqueue(v8String("m").data(), 0, List.of(), null)));
    assertThatThrownBy(() -> db.atomicWrite(write)).isInstanceOf(mutationErrorType());
    assertThat(get(db, key("first"))).isNull();
    assertThat(get(db, key("c"))).isNull();
    assertThat(get(db, s).value()).isEqualTo(v8String("text"));
    Versionstamp after = set(db, key("z"), v8String("z"));
    assertThat(after.version() - before.version()).as("the failed write consumed no version").isBetween(1L, 9L);
  }

  @Test
  void mutationsSeeEarlierOnesAndTheSuffixCarriesTheVersionstamp() {
    byte[] c = key("c");
    Versionstamp vs = commit(db, mutations(
        Mutation.set(c, u64(1), 0),
        Mutation.arithmetic(c, MutationKind.SUM, u64(2)),
        new Mutation(key("log"), MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY, v8String("entry"), 0, null, null, false)));
    assertThat(get(db, c).value()).isEqualTo(u64(3));
    assertThat(get(db, c).versionstamp()).isEqualTo(vs);
    RawEntry logged = get(db, key("log", vs.toHex()));
    assertThat(logged).isNotNull();
    assertThat(logged.value()).isEqualTo(v8String("entry"));
    Versionstamp vs2 = commit(db, mutations(
        new Mutation(key("log"), MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY, v8String("later"), 0, null, null, false)));
    assertThat(strings(db.snapshotRead(List.of(prefix(key("log"), 10, false)), Consistency.STRONG).get(0)))
        .as("versionstamped keys sort in commit order").containsExactly("entry", "later");
    assertThat(vs2).isGreaterThan(vs);
  }

  @Test
  void expiredEntriesAreNeverReturnedAndCountAsAbsentForChecks() {
    byte[] t = key("t");
    long past = now() - 1_000;
    commit(db, mutations(Mutation.set(t, v8String("ttl"), past), Mutation.set(key("live"), v8String("x"),
        now() + 3_600_000)));
    assertThat(get(db, t)).isNull();
    assertThat(strings(db.snapshotRead(List.of(new ReadRange(new byte[0], new byte[] {(byte) 0xFF}, 10, false)),
        Consistency.STRONG).get(0))).containsExactly("x");
    assertThat(db.atomicWrite(new AtomicWrite(List.of(new Check(t, null)),
        List.of(Mutation.set(t, v8String("new"), 0)), List.of()))).isInstanceOf(CommitResult.Committed.class);
    assertThat(get(db, t).value()).isEqualTo(v8String("new"));
    commit(db, mutations(Mutation.set(t, u64(1), past)));
    commit(db, mutations(Mutation.arithmetic(t, MutationKind.SUM, u64(5))));
    assertThat(get(db, t).value()).as("a sum on an expired entry starts afresh").isEqualTo(u64(5));
  }

  @Test
  void entriesReportTheirExpiryTimeWhereTheBackendKeepsIt() {
    assumeTrue(db.capabilities().contains(Capability.EXPIRY_TIMES));
    long at = now() + 3_600_000;
    commit(db, mutations(Mutation.set(key("e"), v8String("x"), at), Mutation.set(key("f"), v8String("y"), 0)));
    assertThat(get(db, key("e")).expireAtMs()).isEqualTo(at);
    assertThat(get(db, key("f")).expireAtMs()).isZero();
    assertThat(db.snapshotRead(List.of(prefix(new byte[0], 10, false)), Consistency.STRONG).get(0))
        .extracting(RawEntry::expireAtMs).containsExactly(at, 0L);
  }

  @Test
  void concurrentCheckAndSetIncrementsEndWithTheCountOfCommits() throws Exception {
    byte[] counter = key("counter");
    AtomicInteger commits = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      workers.add(threads.submit(() -> {
        for (int i = 0; i < 20; i++) {
          RawEntry current = get(db, counter);
          long value = current == null ? 0 : KvU64.fromLittleEndian(current.value().data()).bits();
          CommitResult r = db.atomicWrite(new AtomicWrite(
              List.of(new Check(counter, current == null ? null : current.versionstamp())),
              List.of(Mutation.set(counter, u64(value + 1), 0)), List.of()));
          if (r instanceof CommitResult.Committed) {
            commits.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : workers) {
      f.get(120, TimeUnit.SECONDS);
    }
    assertThat(commits.get()).isPositive();
    assertThat(KvU64.fromLittleEndian(get(db, counter).value().data()).bits()).isEqualTo(commits.get());
  }

  @Test
  void asynchronousWritesOfOneCallerCommitInTheOrderMade() throws Exception {
    assumeTrue(asyncWritesKeepCallerOrder());
    byte[] k = key("order");
    List<CompletableFuture<CommitResult>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      futures.add(db.atomicWriteAsync(mutations(Mutation.set(k, v8String("v" + i), 0))));
    }
    Versionstamp previous = null;
    for (CompletableFuture<CommitResult> f : futures) {
      Versionstamp vs = ((CommitResult.Committed) f.get(60, TimeUnit.SECONDS)).versionstamp();
      if (previous != null) {
        assertThat(vs).isGreaterThan(previous);
      }
      previous = vs;
    }
    RawEntry last = get(db, k);
    assertThat(last.value()).isEqualTo(v8String("v49"));
    assertThat(last.versionstamp()).isEqualTo(previous);
  }

  @Test
  void aWatchEmitsEveryKeyFirstThenFlagsOnlyTheChangedOnes() throws Exception {
    byte[] a = key("a");
    byte[] b = key("b");
    set(db, a, v8String("a0"));
    WatchRecorder rec = new WatchRecorder();
    try (WatchSubscription sub = db.watch(List.of(a, b), rec)) {
      List<WatchKeyOutput> first = rec.next(30);
      assertThat(first).extracting(WatchKeyOutput::changed).containsExactly(true, true);
      assertThat(first.get(0).entry().value()).isEqualTo(v8String("a0"));
      assertThat(first.get(1).entry()).isNull();

      set(db, key("unwatched"), v8String("x"));
      Versionstamp vb = set(db, b, v8String("b1"));
      List<WatchKeyOutput> second = rec.next(30);
      assertThat(second).extracting(WatchKeyOutput::changed).containsExactly(false, true);
      assertThat(second.get(1).entry().value()).isEqualTo(v8String("b1"));
      assertThat(second.get(1).entry().versionstamp()).isEqualTo(vb);

      commit(db, mutations(Mutation.delete(a)));
      List<WatchKeyOutput> third = rec.next(30);
      assertThat(third).extracting(WatchKeyOutput::changed).containsExactly(true, false);
      assertThat(third.get(0).entry()).isNull();
    }
  }

  @Test
  void rapidWritesCoalesceAndTheWatchEndsOnTheLatestState() throws Exception {
    byte[] k = key("rapid");
    WatchRecorder rec = new WatchRecorder();
    try (WatchSubscription sub = db.watch(List.of(k), rec)) {
      rec.next(30);
      for (int i = 0; i < 30; i++) {
        set(db, k, v8String("v" + i));
      }
      int emissions = 0;
      while (true) {
        List<WatchKeyOutput> e = rec.next(30);
        emissions++;
        if (e.get(0).entry() != null && e.get(0).entry().value().equals(v8String("v29"))) {
          break;
        }
      }
      assertThat(emissions).isBetween(1, 30);
      assertThat(rec.maxActive.get()).as("emissions never overlap").isEqualTo(1);
      assertThat(rec.error).isNull();
    }
  }

  @Test
  void anEntryThatExpiresWakesItsWatchers() throws Exception {
    byte[] k = key("ttl");
    long ttl = testDelayMs();
    commit(db, mutations(Mutation.set(k, v8String("short"), now() + ttl)));
    WatchRecorder rec = new WatchRecorder();
    try (WatchSubscription sub = db.watch(List.of(k), rec)) {
      boolean held = rec.next(30).get(0).entry() != null;
      letPass(ttl);
      while (held && rec.next(30).get(0).entry() != null) {
        // the first emission may still hold the entry; the next one follows its expiry
      }
    }
  }

  @Test
  void closingAWatchStopsItsEmissions() throws Exception {
    byte[] k = key("w");
    WatchRecorder closedOne = new WatchRecorder();
    WatchRecorder openOne = new WatchRecorder();
    WatchSubscription sub = db.watch(List.of(k), closedOne);
    closedOne.next(30);
    sub.close();
    try (WatchSubscription other = db.watch(List.of(k), openOne)) {
      openOne.next(30);
      set(db, k, v8String("after close"));
      assertThat(openOne.next(30).get(0).entry().value()).isEqualTo(v8String("after close"));
    }
    assertThat(closedOne.emissions).isEmpty();
  }

  @Test
  void queueMessagesDueTogetherComeInEnqueueOrderAndDelayedOnesWhenDue() throws Exception {
    assumeTrue(db.capabilities().contains(Capability.QUEUE_CONSUMER));
    long now = now();
    long delay = testDelayMs();
    commit(db, enqueue(new Enqueue(v8String("later").data(), now + delay, List.of(), null)));
    for (int i = 0; i < 5; i++) {
      commit(db, enqueue(new Enqueue(v8String("m" + i).data(), now, List.of(), null)));
    }
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      if (i == 5) {
        letPass(delay);
      }
      QueueMessageHandle h = dequeue();
      got.add(string(new dev.denokv.value.EncodedValue(ValueEncoding.V8, h.payload())));
      h.finish(true);
    }
    assertThat(got).containsExactly("m0", "m1", "m2", "m3", "m4", "later");
    assertThat(now()).isGreaterThanOrEqualTo(now + delay);
  }

  @Test
  void failedDeliveriesAreRetriedAlongTheBackoffThenWrittenToTheUndeliveredKeys() throws Exception {
    assumeTrue(db.capabilities().contains(Capability.QUEUE_CONSUMER));
    byte[] dead1 = key("dead", "1");
    byte[] dead2 = key("dead", "2");
    byte[] payload = v8String("job").data();
    commit(db, enqueue(new Enqueue(payload, now(), List.of(dead1, dead2), List.of(20, 20))));
    for (int attempt = 0; attempt < 3; attempt++) {
      QueueMessageHandle h = dequeue();
      assertThat(h.payload()).isEqualTo(payload);
      assertThat(get(db, dead1)).isNull();
      h.finish(false);
    }
    RawEntry d1 = get(db, dead1);
    RawEntry d2 = get(db, dead2);
    assertThat(d1.value()).isEqualTo(v8String("job"));
    assertThat(d2.value()).isEqualTo(v8String("job"));
    assertThat(d1.versionstamp()).isEqualTo(d2.versionstamp());

    commit(db, enqueue(new Enqueue(v8String("next").data(), now(), List.of(), null)));
    QueueMessageHandle next = dequeue();
    assertThat(next.payload()).as("the dead letter left the queue").isEqualTo(v8String("next").data());
    next.finish(true);
  }

  @Test
  void anUndeliverableMessageWithoutKeysIsDropped() throws Exception {
    assumeTrue(db.capabilities().contains(Capability.QUEUE_CONSUMER));
    commit(db, enqueue(new Enqueue(v8String("drop").data(), now(), List.of(), List.of())));
    dequeue().finish(false);
    commit(db, enqueue(new Enqueue(v8String("next").data(), now(), List.of(), null)));
    QueueMessageHandle next = dequeue();
    assertThat(next.payload()).isEqualTo(v8String("next").data());
    next.finish(true);
  }

  @Test
  void aWaitingConsumerIsWokenByAnEnqueue() throws Exception {
    assumeTrue(db.capabilities().contains(Capability.QUEUE_CONSUMER));
    Future<QueueMessageHandle> waiting = threads.submit(db::dequeueNextMessage);
    commit(db, enqueue(new Enqueue(v8String("wake").data(), now(), List.of(), null)));
    QueueMessageHandle h = waiting.get(30, TimeUnit.SECONDS);
    assertThat(h.payload()).isEqualTo(v8String("wake").data());
    h.finish(true);
  }

  @Test
  void closeIsIdempotentEndsWaitingConsumersAndLaterCallsFail() throws Exception {
    Future<QueueMessageHandle> waiting = db.capabilities().contains(Capability.QUEUE_CONSUMER)
        ? threads.submit(db::dequeueNextMessage) : null;
    db.close();
    db.close();
    assertThatThrownBy(() -> set(db, key("a"), v8String("a"))).isInstanceOf(KvClosedException.class);
    assertThatThrownBy(() -> get(db, key("a"))).isInstanceOf(KvClosedException.class);
    if (waiting != null) {
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isNull();
      assertThat(db.dequeueNextMessage()).isNull();
    }
  }

  private QueueMessageHandle dequeue() throws Exception {
    QueueMessageHandle h = threads.submit(db::dequeueNextMessage).get(30, TimeUnit.SECONDS);
    assertThat(h).isNotNull();
    return h;
  }
}
