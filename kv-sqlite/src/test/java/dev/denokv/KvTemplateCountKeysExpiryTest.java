package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.spi.Capability;
import dev.denokv.spi.Database;
import dev.denokv.spi.DatabaseLimits;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.sqlite.SqliteDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Counting and keys-only listing on the embedded database (which answers both without reading
 * values) and through the SPI's defaults; expiry times on reads; validation against the backend's
 * own limits.
 */
class KvTemplateCountKeysExpiryTest {

  private final SqliteDatabase sqlite = SqliteDatabase.inMemory();
  private final AtomicInteger valueReads = new AtomicInteger();
  private final KvTemplate kv = KvTemplate.builder(new CountingReads(sqlite, valueReads)).build();

  @AfterEach
  void close() {
    kv.close();
  }

  /** Writes n users in commits of 500 and returns the versionstamp of the last commit. */
  private Versionstamp fill(int n) {
    Versionstamp last = null;
    for (int from = 0; from < n; from += 500) {
      AtomicOperation op = kv.atomic();
      for (int i = from; i < Math.min(n, from + 500); i++) {
        op.set(KvKey.of("users", i), "user " + i);
      }
      last = op.commit().versionstamp();
    }
    kv.atomic().set(KvKey.of("users"), "the prefix itself").set(KvKey.of("usersx"), "a neighbour").commit();
    return last;
  }

  @Test
  void countCountsLiveEntriesWithoutReadingValues() {
    fill(1500);
    kv.set(KvKey.of("users", 2000), "gone", Duration.ZERO);

    assertThat(kv.count(ListSelector.prefix(KvKey.of("users")))).isEqualTo(1500);
    assertThat(kv.count(ListSelector.range(KvKey.of("users", 10), KvKey.of("users", 20)))).isEqualTo(10);
    assertThat(kv.count(ListSelector.prefix(KvKey.of("nobody")))).isZero();
    assertThat(kv.count(ListSelector.prefix(KvKey.EMPTY))).isEqualTo(1502);
    assertThat(valueReads).as("no value was read").hasValue(0);
  }

  @Test
  void theSpisDefaultCountListsKeysInReadsOfTheBackendsSize() {
    fill(2500);
    Database plain = new ReadsOnly(sqlite);
    KvTemplate overDefaults = KvTemplate.builder(plain).build();

    assertThat(overDefaults.count(ListSelector.prefix(KvKey.of("users")))).isEqualTo(2500);
    assertThat(overDefaults.listKeys(ListSelector.prefix(KvKey.of("users")), ListOptions.defaults().withLimit(3))
        .toList()).containsExactly(KvKey.of("users", 0), KvKey.of("users", 1), KvKey.of("users", 2));
  }

  @Test
  void listKeysPagesLikeListWithInterchangeableCursors() {
    Versionstamp written = fill(7);
    ListSelector users = ListSelector.prefix(KvKey.of("users"));

    KvKeyList firstThree = kv.listKeys(users, ListOptions.defaults().withLimit(3).withBatchSize(2));
    List<KvKey> keys = new ArrayList<>();
    for (KvKeyList.Key k : firstThree) {
      keys.add(k.key());
      assertThat(k.versionstamp()).isEqualTo(written);
    }
    assertThat(keys).containsExactly(KvKey.of("users", 0), KvKey.of("users", 1), KvKey.of("users", 2));
    KvList<String> values = kv.list(users, String.class, ListOptions.defaults().withLimit(3));
    values.toList();
    assertThat(firstThree.cursor()).isEqualTo(values.cursor());

    KvKeyList rest = kv.listKeys(users, ListOptions.defaults().withCursor(firstThree.cursor()).withReverse(false));
    assertThat(rest.toList()).containsExactly(
        KvKey.of("users", 3), KvKey.of("users", 4), KvKey.of("users", 5), KvKey.of("users", 6));
    assertThat(rest.cursor()).isEmpty();
    assertThat(kv.listKeys(users, ListOptions.defaults().withReverse(true).withLimit(1)).toList())
        .containsExactly(KvKey.of("users", 6));
    assertThat(valueReads).as("only list() read values").hasValue(1);
  }

  @Test
  void readsReportExpiryTimesOnTheEmbeddedDatabase() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    KvTemplate clocked = KvTemplate.builder(sqlite).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    clocked.set(KvKey.of("session"), "s", Duration.ofMinutes(30));
    clocked.set(KvKey.of("forever"), "f");
    clocked.atomic().sum(KvKey.of("counter"), dev.denokv.value.KvU64.of(1)).commit();

    assertThat(sqlite.capabilities()).contains(Capability.EXPIRY_TIMES);
    assertThat(clocked.get(KvKey.of("session")).expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
    assertThat(clocked.get(KvKey.of("forever")).expiresAt()).isNull();
    assertThat(clocked.get(KvKey.of("counter")).expiresAt()).isNull();
    assertThat(clocked.get(KvKey.of("missing")).expiresAt()).isNull();
    assertThat(clocked.list(ListSelector.prefix(KvKey.EMPTY), Object.class).stream()
        .map(e -> e.key() + "=" + e.expiresAt()).toList())
        .containsExactly("[\"counter\"]=null", "[\"forever\"]=null", "[\"session\"]=2030-01-01T00:30:00Z");

    clocked.set(KvKey.of("session"), "s2");
    assertThat(clocked.get(KvKey.of("session")).expiresAt()).as("a plain set clears it, as in Deno").isNull();
  }

  @Test
  void operationsAreCheckedAgainstTheBackendsOwnLimits() {
    KvTemplate remoteLike = KvTemplate.builder(new Limited(sqlite, DatabaseLimits.KV_CONNECT)).build();
    assertThat(kv.limits()).isEqualTo(DatabaseLimits.DENO_CLI);
    assertThat(remoteLike.limits()).isEqualTo(DatabaseLimits.KV_CONNECT);

    AtomicOperation eleven = remoteLike.atomic();
    for (int i = 0; i < 11; i++) {
      eleven.check(KvKey.of("k", i), null);
    }
    assertThatThrownBy(eleven::commit)
        .isInstanceOf(KvInvalidArgumentException.class).hasMessage("Too many checks (max 10)");
    AtomicOperation elevenLocally = kv.atomic();
    for (int i = 0; i < 11; i++) {
      elevenLocally.check(KvKey.of("k", i), null);
    }
    assertThat(elevenLocally.commit().ok()).isTrue();

    KvTemplate tiny = KvTemplate.builder(new Limited(sqlite, DatabaseLimits.DENO_CLI.withMaxMutations(2))).build();
    assertThatThrownBy(() -> tiny.atomic().set(KvKey.of("a"), 1).set(KvKey.of("b"), 1).set(KvKey.of("c"), 1).commit())
        .isInstanceOf(KvInvalidArgumentException.class).hasMessage("Too many mutations (max 2)");
    EnqueueOptions elevenDeadLetters = EnqueueOptions.defaults().withKeysIfUndelivered(
        java.util.stream.IntStream.range(0, 11).mapToObj(i -> KvKey.of("dl", i)).toArray(KvKey[]::new));
    assertThatThrownBy(() -> remoteLike.enqueue("m", elevenDeadLetters))
        .isInstanceOf(KvInvalidArgumentException.class).hasMessage("Too many keysIfUndelivered (max 10)");
  }

  /** Counts the reads that return values; everything else goes straight to the delegate. */
  private static final class CountingReads extends Forwarding {
    private final AtomicInteger valueReads;

    CountingReads(Database delegate, AtomicInteger valueReads) {
      super(delegate);
      this.valueReads = valueReads;
    }

    @Override
    public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
      valueReads.incrementAndGet();
      return super.snapshotRead(ranges, consistency);
    }

    @Override
    public List<List<dev.denokv.spi.RawKey>> snapshotReadKeys(List<ReadRange> ranges, Consistency consistency) {
      return delegate.snapshotReadKeys(ranges, consistency);
    }

    @Override
    public long count(byte[] start, byte[] end, Consistency consistency) {
      return delegate.count(start, end, consistency);
    }
  }

  /** Forwards the SPI's required methods only, so the defaults of the others apply. */
  private static final class ReadsOnly extends Forwarding {
    ReadsOnly(Database delegate) {
      super(delegate);
    }
  }

  /** Reports {@code limits} for the delegate. */
  private static final class Limited extends Forwarding {
    private final DatabaseLimits limits;

    Limited(Database delegate, DatabaseLimits limits) {
      super(delegate);
      this.limits = limits;
    }

    @Override
    public DatabaseLimits limits() {
      return limits;
    }
  }

  private abstract static class Forwarding implements Database {
    final Database delegate;

    Forwarding(Database delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
      return delegate.snapshotRead(ranges, consistency);
    }

    @Override
    public dev.denokv.spi.CommitResult atomicWrite(dev.denokv.spi.AtomicWrite write) {
      return delegate.atomicWrite(write);
    }

    @Override
    public dev.denokv.spi.WatchSubscription watch(List<byte[]> keys, dev.denokv.spi.WatchListener listener) {
      return delegate.watch(keys, listener);
    }

    @Override
    public dev.denokv.spi.@org.jspecify.annotations.Nullable QueueMessageHandle dequeueNextMessage()
        throws InterruptedException {
      return delegate.dequeueNextMessage();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
