package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.key.KvKey;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.KvU64;
import dev.denokv.value.codec.DenoValueCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvTemplateAsyncTest {

  @TempDir
  Path dir;

  private KvTemplate open(Path file) {
    return KvTemplate.builder(SqliteDatabase.open(file)).valueCodec(DenoValueCodec.defaults()).build();
  }

  @Test
  void asynchronousWritesAreDurableAndCarryTheirVersionstamps() throws Exception {
    Path file = dir.resolve("async.sqlite3");
    Versionstamp set;
    try (KvTemplate kv = open(file)) {
      set = kv.setAsync(KvKey.of("a"), "one").get(5, TimeUnit.SECONDS);
      assertThat(kv.get(KvKey.of("a")).versionstamp()).isEqualTo(set);
      kv.setAsync(KvKey.of("b"), "two").get(5, TimeUnit.SECONDS);
      kv.deleteAsync(KvKey.of("b")).get(5, TimeUnit.SECONDS);
      KvCommitResult sum = kv.atomic().sum(KvKey.of("n"), KvU64.of(5)).commitAsync().get(5, TimeUnit.SECONDS);
      assertThat(sum.ok()).isTrue();
      assertThat(sum.versionstamp()).isGreaterThan(set);
    }
    try (KvTemplate reopened = open(file)) {
      assertThat(reopened.get(KvKey.of("a")).value()).isEqualTo("one");
      assertThat(reopened.get(KvKey.of("a")).versionstamp()).isEqualTo(set);
      assertThat(reopened.get(KvKey.of("b")).exists()).isFalse();
      assertThat(reopened.get(KvKey.of("n")).value()).isEqualTo(KvU64.of(5));
    }
  }

  @Test
  void manyChainsInFlightShareCommitsAndLoseNothing() throws Exception {
    int chains = 16;
    int perChain = 150;
    try (KvTemplate kv = open(dir.resolve("chains.sqlite3"))) {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      List<CompletableFuture<List<Versionstamp>>> all = new ArrayList<>();
      for (int c = 0; c < chains; c++) {
        all.add(chain(kv, c, 0, perChain, new ArrayList<>(), threads));
      }
      Set<Versionstamp> distinct = new HashSet<>();
      for (CompletableFuture<List<Versionstamp>> f : all) {
        List<Versionstamp> stamps = f.get(60, TimeUnit.SECONDS);
        assertThat(stamps).hasSize(perChain).isSorted();
        distinct.addAll(stamps);
      }
      assertThat(distinct).hasSize(chains * perChain);
      assertThat(kv.list(ListSelector.prefix(KvKey.of("chain")), Object.class).stream().count())
          .isEqualTo(chains * perChain);
      assertThat(threads).anyMatch(name -> name.startsWith("kv-sqlite-completion-"))
          .noneMatch(name -> name.startsWith("kv-sqlite-writer-"));
    }
  }

  private static CompletableFuture<List<Versionstamp>> chain(KvTemplate kv, int chain, int i, int n,
      List<Versionstamp> stamps, Set<String> threads) {
    if (i == n) {
      return CompletableFuture.completedFuture(stamps);
    }
    return kv.setAsync(KvKey.of("chain", chain, i), i).thenCompose(stamp -> {
      threads.add(Thread.currentThread().getName());
      stamps.add(stamp);
      return chain(kv, chain, i + 1, n, stamps, threads);
    });
  }

  @Test
  void checkFailuresAreResultsAndMutationFailuresFailTheFutureAlone() throws Exception {
    try (KvTemplate kv = open(dir.resolve("failures.sqlite3"))) {
      KvKey key = KvKey.of("k");
      kv.set(key, "text");
      CompletableFuture<KvCommitResult> conflict = kv.atomic().check(key, null).set(key, "x").commitAsync();
      CompletableFuture<KvCommitResult> refused = kv.atomic().set(KvKey.of("other"), 1)
          .sum(key, KvU64.of(1)).commitAsync();
      CompletableFuture<Versionstamp> fine = kv.setAsync(KvKey.of("fine"), true);

      assertThat(conflict.get(5, TimeUnit.SECONDS).ok()).isFalse();
      assertThatThrownBy(() -> refused.join()).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(KvMutationException.class);
      assertThat(fine.get(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(kv.get(key).value()).isEqualTo("text");
      assertThat(kv.get(KvKey.of("other")).exists()).isFalse();
      assertThat(kv.get(KvKey.of("fine")).value()).isEqualTo(true);
    }
  }

  @Test
  void invalidArgumentsThrowAtOnceAndAClosedDatabaseFailsTheFuture() {
    KvTemplate kv = open(dir.resolve("closed.sqlite3"));
    assertThatThrownBy(() -> kv.setAsync(KvKey.of("big"), new byte[70_000]))
        .isInstanceOf(KvInvalidArgumentException.class);
    kv.close();
    assertThatThrownBy(() -> kv.setAsync(KvKey.of("late"), 1).join())
        .hasCauseInstanceOf(KvClosedException.class);
  }

  @Test
  void backendsWithoutAsynchronousCommitsCommitOnTheCallingThread() throws Exception {
    try (SqliteDatabase sqlite = SqliteDatabase.inMemory();
        KvTemplate kv = KvTemplate.builder(new SynchronousOnly(sqlite)).build()) {
      CompletableFuture<Versionstamp> f = kv.setAsync(KvKey.of("x"), "y");
      assertThat(f).isDone();
      assertThat(kv.get(KvKey.of("x")).versionstamp()).isEqualTo(f.get());
    }
  }

  /** A backend implementing only the required methods, so the SPI's default applies. */
  private record SynchronousOnly(Database delegate) implements Database {
    @Override
    public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
      return delegate.snapshotRead(ranges, consistency);
    }

    @Override
    public CommitResult atomicWrite(AtomicWrite write) {
      return delegate.atomicWrite(write);
    }

    @Override
    public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
      return delegate.watch(keys, listener);
    }

    @Override
    public @Nullable QueueMessageHandle dequeueNextMessage() throws InterruptedException {
      return delegate.dequeueNextMessage();
    }

    @Override
    public void close() {
      // the test closes the delegate
    }
  }
}
