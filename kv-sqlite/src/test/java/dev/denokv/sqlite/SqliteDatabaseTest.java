package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvMutationException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.testing.MutableClock;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqliteDatabaseTest {

  @TempDir static Path dir;

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("memory", (Supplier<SqliteDatabase>) SqliteDatabase::inMemory),
        Arguments.of("file", (Supplier<SqliteDatabase>) () ->
            SqliteDatabase.open(dir.resolve("crud-" + System.nanoTime() + ".sqlite3"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void setGetDeleteWithIncreasingVersionstamps(String name, Supplier<SqliteDatabase> factory) {
    try (SqliteDatabase db = factory.get()) {
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

      Versionstamp v3 = commit(db, mutations(Mutation.delete(a)));
      assertThat(v3).isGreaterThan(v2);
      assertThat(get(db, a)).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void rangesAreReadInOrderWithLimitAndReverseInOneSnapshot(String name, Supplier<SqliteDatabase> factory) {
    try (SqliteDatabase db = factory.get()) {
      for (String k : List.of("c", "a", "e", "b", "d")) {
        set(db, key("p", k), v8String(k));
      }
      set(db, key("q"), v8String("other"));
      List<List<RawEntry>> r = db.snapshotRead(List.of(
          prefix(key("p"), 10, false),
          prefix(key("p"), 2, true),
          new ReadRange(key("p", "b"), key("p", "d"), 10, false),
          prefix(key("p"), 0, false)), Consistency.STRONG);
      assertThat(values(r.get(0))).containsExactly("a", "b", "c", "d", "e");
      assertThat(values(r.get(1))).containsExactly("e", "d");
      assertThat(values(r.get(2))).containsExactly("b", "c");
      assertThat(r.get(3)).isEmpty();
    }
  }

  @Test
  void checksDecideTheWholeWriteAndReportEveryFailingIndex() {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      byte[] a = key("a");
      byte[] b = key("b");
      Versionstamp va = set(db, a, v8String("a"));

      CommitResult ok = db.atomicWrite(checked(List.of(new Check(a, va), new Check(b, null)),
          Mutation.set(b, v8String("b"), 0)));
      assertThat(ok).isInstanceOf(CommitResult.Committed.class);
      Versionstamp vb = ((CommitResult.Committed) ok).versionstamp();

      CommitResult failed = db.atomicWrite(checked(
          List.of(new Check(a, va), new Check(b, null), new Check(key("c"), vb)),
          Mutation.set(a, v8String("changed"), 0)));
      assertThat(failed).isEqualTo(new CommitResult.CheckFailed(List.of(1, 2)));
      assertThat(get(db, a).value()).isEqualTo(v8String("a"));
      // A failed check does not bump the version: the next commit is the direct successor.
      Versionstamp next = set(db, key("z"), v8String("z"));
      assertThat(next.version() - vb.version()).isBetween(1L, 9L);
    }
  }

  @Test
  void arithmeticErrorsCarryDenosMessages() {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      byte[] s = key("s");
      set(db, s, v8String("text"));
      assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(s, MutationKind.SUM, u64(1)))))
          .isInstanceOf(KvMutationException.class)
          .hasMessage("Failed to perform 'sum' mutation on a non-U64 value in the database");
      assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(s, MutationKind.MAX, u64(1)))))
          .hasMessage("Failed to perform 'max' mutation on a non-U64 value in the database");
      assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(key("n"), MutationKind.MIN, v8Number(1)))))
          .isInstanceOf(KvMutationException.class)
          .hasMessage("Failed to perform 'min' mutation on a non-U64 operand");
      assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(key("n"), MutationKind.MAX, bytes(1)))))
          .hasMessage("Failed to perform 'max' mutation on a non-U64 operand");
      assertThat(get(db, key("n"))).isNull();
    }
  }

  @Test
  void sumOfV8NumbersAndBigInts() {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      byte[] n = key("n");
      commit(db, mutations(Mutation.arithmetic(n, MutationKind.SUM, v8Number(1.5))));
      assertThat(get(db, n).value()).isEqualTo(v8Double(1.5));
      commit(db, mutations(Mutation.arithmetic(n, MutationKind.SUM, v8Number(2))));
      assertThat(get(db, n).value()).as("number + number as f64, written as a double")
          .isEqualTo(v8Double(3.5));

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
          .isInstanceOf(KvMutationException.class).hasMessage("Cannot sum KvU64 with BigInt");
      assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(n, MutationKind.SUM, v8BigInt(1)))))
          .hasMessage("Cannot sum Number with BigInt");
      assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(b, MutationKind.SUM, v8Number(1)))))
          .hasMessage("Cannot sum BigInt with Number");
      assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(n, MutationKind.SUM, v8String("x")))))
          .hasMessage("Some of the parameters are not valid V8 values");
      set(db, key("t"), v8String("text"));
      assertThatThrownBy(() -> db.atomicWrite(mutations(Mutation.arithmetic(key("t"), MutationKind.SUM, v8Number(1)))))
          .isInstanceOf(KvMutationException.class);
    }
  }

  @Test
  void sumBoundsClampOrFail() {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      byte[] k = key("k");
      set(db, k, v8BigInt(40));
      Mutation overMax = new Mutation(k, MutationKind.SUM, v8BigInt(5), 0, null, v8BigInt(44), false);
      assertThatThrownBy(() -> db.atomicWrite(mutations(overMax)))
          .isInstanceOf(KvMutationException.class)
          .hasMessage("The result of a Sum operation would exceed its range limit");
      commit(db, mutations(new Mutation(k, MutationKind.SUM, v8BigInt(5), 0, null, v8BigInt(44), true)));
      assertThat(get(db, k).value()).isEqualTo(v8BigInt(44));
      commit(db, mutations(new Mutation(k, MutationKind.SUM, v8BigInt(-100), 0, v8BigInt(0), null, true)));
      assertThat(get(db, k).value()).isEqualTo(v8BigInt(0));

      byte[] f = key("f");
      set(db, f, v8Number(1));
      commit(db, mutations(new Mutation(f, MutationKind.SUM, v8Number(10), 0, v8Number(0), v8Number(5), true)));
      assertThat(get(db, f).value()).isEqualTo(v8Double(5));
      assertThatThrownBy(() -> db.atomicWrite(mutations(
          new Mutation(f, MutationKind.SUM, v8Number(-10), 0, v8Number(0), null, false))))
          .hasMessage("The result of a Sum operation would exceed its range limit");
      assertThatThrownBy(() -> db.atomicWrite(mutations(
          new Mutation(f, MutationKind.SUM, v8Number(1), 0, v8BigInt(0), null, false))))
          .hasMessage("Min/max parameters have different types than the operand");
    }
  }

  @Test
  void aFailingMutationLeavesNothingBehind() {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      byte[] s = key("s");
      Versionstamp before = set(db, s, v8String("text"));
      AtomicWrite write = new AtomicWrite(List.of(), List.of(
          Mutation.set(key("first"), v8String("1"), 0),
          Mutation.delete(s),
          Mutation.arithmetic(key("c"), MutationKind.SUM, u64(1)),
          Mutation.set(s, v8String("again"), 0),
          Mutation.arithmetic(s, MutationKind.SUM, u64(1))),
          List.of(new dev.denokv.spi.Enqueue(v8String("m").data(), 0, List.of(), null)));
      assertThatThrownBy(() -> db.atomicWrite(write)).isInstanceOf(KvMutationException.class);
      assertThat(get(db, key("first"))).isNull();
      assertThat(get(db, key("c"))).isNull();
      assertThat(get(db, s).value()).isEqualTo(v8String("text"));
      Versionstamp after = set(db, key("z"), v8String("z"));
      assertThat(after.version() - before.version()).as("the failed write consumed no version").isBetween(1L, 9L);
    }
  }

  @Test
  void mutationsSeeEarlierOnesAndTheSuffixCarriesTheVersionstamp() {
    try (SqliteDatabase db = SqliteDatabase.inMemory()) {
      byte[] c = key("c");
      Versionstamp vs = commit(db, mutations(
          Mutation.set(c, u64(1), 0),
          Mutation.arithmetic(c, MutationKind.SUM, u64(2)),
          new Mutation(key("log"), MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY, v8String("entry"), 0, null, null, false)));
      assertThat(get(db, c).value()).isEqualTo(u64(3));
      assertThat(get(db, c).versionstamp()).isEqualTo(vs);
      byte[] expectedKey = key("log", vs.toHex());
      RawEntry logged = get(db, expectedKey);
      assertThat(logged).isNotNull();
      assertThat(logged.value()).isEqualTo(v8String("entry"));
    }
  }

  @Test
  void expiredEntriesAreNeverReturnedAndCountAsAbsentForChecks() {
    MutableClock clock = MutableClock.followingSystem();
    try (SqliteDatabase db = SqliteDatabase.inMemory(SqliteOptions.defaults().withClock(clock))) {
      byte[] t = key("t");
      long expireAt = clock.millis() + 60_000;
      commit(db, mutations(Mutation.set(t, v8String("ttl"), expireAt)));
      assertThat(get(db, t)).isNotNull();
      clock.advance(Duration.ofMinutes(1).plusMillis(1));
      assertThat(get(db, t)).isNull();
      assertThat(db.snapshotRead(List.of(prefix(new byte[0], 10, false)), Consistency.STRONG).get(0)).isEmpty();
      assertThat(db.atomicWrite(checked(List.of(new Check(t, null)), Mutation.set(t, v8String("new"), 0))))
          .isInstanceOf(CommitResult.Committed.class);
      assertThat(get(db, t).value()).isEqualTo(v8String("new"));
    }
  }

  @Test
  void theSweeperDeletesExpiredRowsAndAPlainSetClearsTheTtl() throws Exception {
    Path file = dir.resolve("sweep.sqlite3");
    MutableClock clock = MutableClock.followingSystem();
    try (SqliteDatabase db = SqliteDatabase.open(file, SqliteOptions.defaults().withClock(clock))) {
      long inAnHour = clock.millis() + 3_600_000;
      commit(db, mutations(Mutation.set(key("gone"), v8String("x"), inAnHour),
          Mutation.set(key("kept"), v8String("y"), inAnHour)));
      set(db, key("kept"), v8String("z"));
      clock.advance(Duration.ofHours(1));
      // an entry due now makes the sweeper run at once, with the moved clock
      commit(db, mutations(Mutation.set(key("wake"), v8String("w"), clock.millis())));
      long deadline = System.currentTimeMillis() + 5000;
      while (rowCount(file, "select count(*) from kv where k = x'02676f6e6500'") > 0
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(rowCount(file, "select count(*) from kv where k = x'02676f6e6500'")).isZero();
      assertThat(rowCount(file, "select count(*) from kv where expiration_ms = -1")).isEqualTo(1);
      assertThat(get(db, key("kept")).value()).isEqualTo(v8String("z"));
    }
  }

  @Test
  void freshFileHasDenosSchemaAndAnOlderOneIsMigrated() throws Exception {
    Path fresh = dir.resolve("fresh.sqlite3");
    SqliteDatabase.open(fresh).close();
    assertThat(rowCount(fresh, "select version from migration_state where k = 0")).isEqualTo(3);
    assertThat(rowCount(fresh, "select count(*) from pragma_table_info('kv') where name in ('seq','expiration_ms')")).isEqualTo(2);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fresh);
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }

    Path old = dir.resolve("old.sqlite3");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement st = c.createStatement()) {
      st.execute("create table migration_state(k integer not null primary key, version integer not null)");
      st.execute("create table data_version (k integer primary key, version integer not null)");
      st.execute("insert into data_version (k, version) values (0, 1000)");
      st.execute("create table kv (k blob primary key, v blob not null, v_encoding integer not null,"
          + " version integer not null) without rowid");
      st.execute("insert into kv values (x'026100', x'ff0f2201', 3, 1000)");
      st.execute("insert into migration_state values (0, 1)");
    }
    try (SqliteDatabase db = SqliteDatabase.open(old)) {
      RawEntry e = get(db, key("a"));
      assertThat(e.versionstamp()).isEqualTo(Versionstamp.ofVersion(1000));
      assertThat(e.value().encoding()).isEqualTo(ValueEncoding.BYTES);
      assertThat(set(db, key("b"), v8String("b")).version()).isGreaterThan(1000);
      commit(db, enqueue(new dev.denokv.spi.Enqueue(v8String("m").data(), 0, List.of(), null)));
    }
    assertThat(rowCount(old, "select version from migration_state where k = 0")).isEqualTo(3);
    assertThat(rowCount(old, "select count(*) from queue")).isEqualTo(1);
  }

  @Test
  void closeIsIdempotentAndLaterCallsFail() throws Exception {
    SqliteDatabase db = SqliteDatabase.inMemory();
    db.close();
    db.close();
    assertThatThrownBy(() -> set(db, key("a"), v8String("a"))).isInstanceOf(KvClosedException.class);
    assertThatThrownBy(() -> get(db, key("a"))).isInstanceOf(KvClosedException.class);
    assertThatThrownBy(() -> db.watch(List.of(key("a")), null)).isInstanceOf(KvClosedException.class);
    assertThat(db.dequeueNextMessage()).isNull();
  }

  static long rowCount(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> values(List<RawEntry> entries) {
    List<String> out = new ArrayList<>();
    for (RawEntry e : entries) {
      EncodedValue v = e.value();
      out.add(new String(v.data(), 4, v.data().length - 4, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    return out;
  }
}
