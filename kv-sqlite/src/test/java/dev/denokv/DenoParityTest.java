package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.error.KvIllegalStateException;
import dev.denokv.key.KvKey;
import dev.denokv.key.VersionstampedKey;
import dev.denokv.value.KvU64;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.testing.Peers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same operations run through {@link KvTemplate} and through the real Deno CLI give the same
 * outcome, line for line: list iteration with its cursor at every step, the limits of atomic
 * operations with Deno's messages, {@code mutate}, versionstamped keys, dead-letter keys and raw
 * watches.
 */
class DenoParityTest {

  @TempDir Path dir;

  private static final String DESCRIBE_JS = """
      async function describe(make) {
        try {
          const it = make();
          let s;
          try { s = "before=" + it.cursor; } catch (e) { s = "before!" + e.message; }
          for await (const e of it) s += " " + e.key.at(-1) + "@" + it.cursor;
          return s + " after=" + it.cursor;
        } catch (e) {
          return "error:" + e.message;
        }
      }
      """;

  /** One listing as Deno's describe() above prints it. */
  private static String describe(KvTemplate kv, ListSelector selector, ListOptions options) {
    KvList<Object> list;
    try {
      list = kv.list(selector, Object.class, options);
    } catch (RuntimeException e) {
      return "error:" + e.getMessage();
    }
    StringBuilder s = new StringBuilder();
    try {
      String before = list.cursor();
      s.append("before=").append(before);
    } catch (KvIllegalStateException e) {
      s.append("before!").append(e.getMessage());
    }
    Iterator<KvEntry<Object>> it = list.iterator();
    while (it.hasNext()) {
      KvEntry<Object> e = it.next();
      s.append(' ').append(e.key().get(e.key().size() - 1)).append('@').append(list.cursor());
    }
    return s.append(" after=").append(list.cursor()).toString();
  }

  @Test
  void listingsAndTheirCursorsMatchDenoStepByStep() {
    Path file = dir.resolve("list.sqlite3");
    ListSelector p = ListSelector.prefix(KvKey.of("p"));
    ListOptions none = ListOptions.defaults();
    List<String> java = new ArrayList<>();
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(file)).build()) {
      for (int i = 1; i <= 5; i++) {
        kv.set(KvKey.of("p", "k" + i), i);
      }
      java.add(describe(kv, p, none));
      java.add(describe(kv, p, none.withLimit(5)));
      java.add(describe(kv, p, none.withLimit(3)));
      java.add(describe(kv, p, none.withLimit(10)));
      java.add(describe(kv, p, none.withReverse(true).withLimit(2)));
      java.add(describe(kv, p, none.withReverse(true)));
      java.add(describe(kv, p, none.withBatchSize(2)));
      java.add(describe(kv, p, none.withCursor("Ams1AA==")));
      java.add(describe(kv, p, none.withCursor("AmsyAA==").withLimit(2)));
      java.add(describe(kv, p, none.withCursor("AmsyAA==").withReverse(true)));
      java.add(describe(kv, ListSelector.range(KvKey.of("p", "k1"), KvKey.of("p", "k5")), none.withLimit(2)));
      java.add(describe(kv, ListSelector.prefix(KvKey.of("none")), none));
      java.add(describe(kv, p, none.withCursor("")));
      java.add(describe(kv, p, none.withCursor("AmsyAA")));
      java.add(describe(kv, p, none.withCursor("AmsyAB==")));
      java.add(describe(kv, ListSelector.prefix(KvKey.of("x".repeat(2100))), none));
    }

    String deno = Peers.deno(DESCRIBE_JS + """
        const kv = await Deno.openKv(%s);
        const p = { prefix: ["p"] };
        const lines = [];
        for (const [selector, options] of [
          [p, {}], [p, { limit: 5 }], [p, { limit: 3 }], [p, { limit: 10 }],
          [p, { reverse: true, limit: 2 }], [p, { reverse: true }], [p, { batchSize: 2 }],
          [p, { cursor: "Ams1AA==" }], [p, { cursor: "AmsyAA==", limit: 2 }],
          [p, { cursor: "AmsyAA==", reverse: true }],
          [{ start: ["p", "k1"], end: ["p", "k5"] }, { limit: 2 }], [{ prefix: ["none"] }, {}],
          [p, { cursor: "" }], [p, { cursor: "AmsyAA" }], [p, { cursor: "AmsyAB==" }],
          [{ prefix: ["x".repeat(2100)] }, {}],
        ]) {
          lines.push(await describe(() => kv.list(selector, options)));
        }
        console.log(lines.join("\\n"));
        kv.close();
        """.formatted(jsString(file.toString()))).orThrow();

    assertThat(java).containsExactlyElementsOf(deno.lines().toList());
  }

  @Test
  void atomicOperationLimitsMatchDeno() {
    List<String> java = new ArrayList<>();
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.inMemory()).build()) {
      Consumer<Consumer<AtomicOperation>> run = build -> {
        try {
          AtomicOperation op = kv.atomic();
          build.accept(op);
          java.add(op.commit().ok() ? "ok" : "check failed");
        } catch (RuntimeException e) {
          java.add(e.getMessage());
        }
      };
      run.accept(op -> {
        for (int i = 0; i < 1000; i++) {
          op.delete(KvKey.of("k", i + "x".repeat(95)));
        }
      });
      run.accept(op -> {
        for (int i = 0; i < 50; i++) {
          op.check(KvKey.of("k", i + "x".repeat(1890)), null);
        }
        op.set(KvKey.of("k"), 1);
      });
      run.accept(op -> {
        for (int i = 0; i < 12; i++) {
          op.set(KvKey.of("k", i + "x".repeat(1990)), "v".repeat(65_000));
        }
      });
      run.accept(op -> {
        for (int i = 0; i < 41; i++) {
          op.set(KvKey.of("k", i + "x".repeat(1990)), 1);
        }
      });
      run.accept(op -> op.check(KvKey.EMPTY, null).set(KvKey.of("k"), 1));
      run.accept(op -> op.check(KvKey.of("k", "x".repeat(2044)), null).set(KvKey.of("k"), 1));
      run.accept(op -> op.check(KvKey.of("k", "x".repeat(2043)), null).set(KvKey.of("k"), 1));
    }

    String deno = Peers.deno("""
        const kv = await Deno.openKv(":memory:");
        const lines = [];
        async function run(build) {
          try {
            const op = kv.atomic();
            build(op);
            lines.push((await op.commit()).ok ? "ok" : "check failed");
          } catch (e) {
            lines.push(e.message);
          }
        }
        await run((op) => { for (let i = 0; i < 1000; i++) op.delete(["k", i + "x".repeat(95)]); });
        await run((op) => {
          for (let i = 0; i < 50; i++) op.check({ key: ["k", i + "x".repeat(1890)], versionstamp: null });
          op.set(["k"], 1);
        });
        await run((op) => { for (let i = 0; i < 12; i++) op.set(["k", i + "x".repeat(1990)], "v".repeat(65000)); });
        await run((op) => { for (let i = 0; i < 41; i++) op.set(["k", i + "x".repeat(1990)], 1); });
        await run((op) => op.check({ key: [], versionstamp: null }).set(["k"], 1));
        await run((op) => op.check({ key: ["k", "x".repeat(2044)], versionstamp: null }).set(["k"], 1));
        await run((op) => op.check({ key: ["k", "x".repeat(2043)], versionstamp: null }).set(["k"], 1));
        console.log(lines.join("\\n"));
        kv.close();
        """).orThrow();

    assertThat(java).containsExactlyElementsOf(deno.lines().toList());
  }

  /**
   * Every entry of a database, as lines: the key (a versionstamp part shown as {@code <vs>}, long
   * strings by their length), the value and whether the entry expires.
   */
  private static List<String> dump(Path file) {
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(file)).build()) {
      List<String> lines = new ArrayList<>();
      KvEntry<Object> empty = kv.get(KvKey.EMPTY);
      if (empty.exists()) {
        lines.add("[] = " + empty.value() + (empty.expiresAt() != null ? " (expires)" : ""));
      }
      for (KvEntry<Object> e : kv.list(ListSelector.prefix(KvKey.EMPTY), Object.class)) {
        List<String> parts = new ArrayList<>();
        for (Object part : e.key().parts()) {
          String shown = part instanceof String str && str.equals(e.versionstamp().toHex()) ? "<vs>"
              : part instanceof String str && str.length() > 40 ? "<" + str.length() + " chars>"
              : String.valueOf(part);
          parts.add(shown);
        }
        lines.add(parts + " = " + e.value() + (e.expiresAt() != null ? " (expires)" : ""));
      }
      return lines;
    }
  }

  private static String outcome(Runnable write) {
    try {
      write.run();
      return "ok";
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  @Test
  void mutateAndVersionstampedKeysMatchDeno() {
    Path javaFile = dir.resolve("mutate-java.sqlite3");
    Path denoFile = dir.resolve("mutate-deno.sqlite3");
    Duration hour = Duration.ofHours(1);
    List<String> java = new ArrayList<>();
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(javaFile)).build()) {
      kv.set(KvKey.of("m2"), "deleted by mutate");
      java.add(outcome(() -> kv.set(VersionstampedKey.of("log"), "a", hour)));
      java.add(outcome(() -> kv.atomic().set(VersionstampedKey.of("log2"), "b").commit()));
      java.add(outcome(() -> kv.atomic().mutate(
          KvMutation.set(KvKey.of("m1"), 1, hour),
          KvMutation.delete(KvKey.of("m2")),
          KvMutation.sum(KvKey.of("c"), KvU64.of(5)),
          KvMutation.min(KvKey.of("mn"), KvU64.of(5)),
          KvMutation.max(KvKey.of("mx"), KvU64.of(7)),
          KvMutation.set(VersionstampedKey.of("m"), "stamped", hour),
          KvMutation.set(KvKey.of("plain"), List.of(1, 2))).commit()));
      java.add(outcome(() -> kv.set(VersionstampedKey.of(), 1)));
      java.add(outcome(() -> kv.set(VersionstampedKey.of("x".repeat(2050)), 1)));
      java.add(outcome(() -> kv.set(VersionstampedKey.of("y".repeat(2040)), 1)));
      java.add(outcome(() -> kv.atomic().mutate(KvMutation.set(KvKey.of("neg"), 1, Duration.ofMillis(-1))).commit()));
      java.add(outcome(() -> kv.atomic().mutate(KvMutation.set(VersionstampedKey.of("neg"), 1, Duration.ofMillis(-1)))
          .commit()));
    }

    String deno = Peers.deno("""
        const kv = await Deno.openKv(%s);
        const lines = [];
        async function outcome(write) {
          try { await write(); lines.push("ok"); } catch (e) { lines.push(e.message); }
        }
        const vs = kv.commitVersionstamp();
        const hour = 3600000;
        await kv.set(["m2"], "deleted by mutate");
        await outcome(() => kv.set(["log", vs], "a", { expireIn: hour }));
        await outcome(() => kv.atomic().set(["log2", vs], "b").commit());
        await outcome(() => kv.atomic().mutate(
          { type: "set", key: ["m1"], value: 1, expireIn: hour },
          { type: "delete", key: ["m2"] },
          { type: "sum", key: ["c"], value: new Deno.KvU64(5n) },
          { type: "min", key: ["mn"], value: new Deno.KvU64(5n) },
          { type: "max", key: ["mx"], value: new Deno.KvU64(7n) },
          { type: "set", key: ["m", vs], value: "stamped", expireIn: hour },
          { type: "set", key: ["plain"], value: [1, 2] }).commit());
        await outcome(() => kv.set([vs], 1));
        await outcome(() => kv.set(["x".repeat(2050), vs], 1));
        await outcome(() => kv.set(["y".repeat(2040), vs], 1));
        await outcome(() => kv.atomic().mutate({ type: "set", key: ["neg"], value: 1, expireIn: -1 }).commit());
        await outcome(() => kv.atomic().mutate({ type: "set", key: ["neg", vs], value: 1, expireIn: -1 }).commit());
        console.log(lines.join("\\n"));
        kv.close();
        """.formatted(jsString(denoFile.toString()))).orThrow();

    assertThat(java).containsExactlyElementsOf(deno.lines().toList());
    assertThat(dump(javaFile)).isNotEmpty().containsExactlyElementsOf(dump(denoFile));
  }

  @Test
  void deadLetterKeysAcceptedAndWrittenAsDenoDoes() throws Exception {
    Path javaFile = dir.resolve("dead-java.sqlite3");
    Path denoFile = dir.resolve("dead-deno.sqlite3");
    List<KvKey> keys = new ArrayList<>(List.of(KvKey.EMPTY, KvKey.of("dl", "x".repeat(3000)), KvKey.of("dl", "ok")));
    for (int i = 0; i < 30; i++) {
      keys.add(KvKey.of("many", i));
    }
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(javaFile)).build()) {
      CompletableFuture<Void> deadLettered = new CompletableFuture<>();
      try (KvSubscription watch = kv.watch(List.of(KvKey.EMPTY), Object.class, entries -> {
            if (entries.get(0).exists()) {
              deadLettered.complete(null);
            }
          });
          KvSubscription listener = kv.listenQueue(Object.class, message -> {
            throw new IllegalStateException("never delivered");
          })) {
        kv.enqueue("undeliverable", EnqueueOptions.defaults()
            .withKeysIfUndelivered(keys.toArray(KvKey[]::new)).withBackoffSchedule());
        deadLettered.get(30, TimeUnit.SECONDS);
      }
    }

    Peers.deno("""
        const kv = await Deno.openKv(%s);
        const keys = [[], ["dl", "x".repeat(3000)], ["dl", "ok"]];
        for (let i = 0; i < 30; i++) keys.push(["many", i]);
        kv.listenQueue(() => { throw new Error("never delivered"); });
        await kv.enqueue("undeliverable", { keysIfUndelivered: keys, backoffSchedule: [] });
        // The dead letters are written by the queue, which Deno's watches do not see: poll for them.
        while ((await kv.get([])).versionstamp === null) await new Promise((r) => setTimeout(r, 20));
        kv.close();
        Deno.exit(0);
        """.formatted(jsString(denoFile.toString()))).orThrow();

    assertThat(dump(javaFile)).hasSize(33).containsExactlyElementsOf(dump(denoFile));
  }

  /** One watch emission: each key's value, or "-" when absent. */
  private static String emission(List<KvEntry<Object>> entries) {
    return entries.stream().map(e -> e.exists() ? String.valueOf(e.value()) : "-")
        .reduce((a, b) -> a + "," + b).orElse("");
  }

  @Test
  void rawWatchEmitsOnEveryChangeAsDenoDoes() throws Exception {
    List<String> java = new ArrayList<>();
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.inMemory()).build()) {
      BlockingQueue<String> raw = new LinkedBlockingQueue<>();
      BlockingQueue<String> plain = new LinkedBlockingQueue<>();
      List<KvKey> keys = List.of(KvKey.of("a"), KvKey.of("b"));
      try (KvSubscription r = kv.watch(keys, Object.class, WatchOptions.defaults().withRaw(true),
              entries -> raw.add(emission(entries)), error -> raw.add("error"));
          KvSubscription p = kv.watch(keys, Object.class, entries -> plain.add(emission(entries)))) {
        List<String> rawSeen = new ArrayList<>();
        rawSeen.add(raw.poll(30, TimeUnit.SECONDS));
        List<Runnable> writes = List.of(
            () -> kv.delete(KvKey.of("a")),
            () -> kv.set(KvKey.of("a"), 1),
            () -> kv.delete(KvKey.of("b")),
            () -> kv.set(KvKey.of("b"), 2));
        List<String> plainSeen = new ArrayList<>();
        plainSeen.add(plain.poll(30, TimeUnit.SECONDS));
        for (int i = 0; i < writes.size(); i++) {
          writes.get(i).run();
          rawSeen.add(raw.poll(30, TimeUnit.SECONDS));
          if (i % 2 == 1) { // the sets move a versionstamp; the deletes of absent keys do not
            plainSeen.add(plain.poll(30, TimeUnit.SECONDS));
          }
        }
        java.add("raw " + rawSeen);
        java.add("plain " + plainSeen);
      }
    }

    String deno = Peers.deno("""
        const kv = await Deno.openKv(":memory:");
        const show = (entries) => entries.map((e) => e.versionstamp === null ? "-" : String(e.value)).join(",");
        const raw = kv.watch([["a"], ["b"]], { raw: true }).getReader();
        const plain = kv.watch([["a"], ["b"]]).getReader();
        const rawSeen = [show((await raw.read()).value)];
        const plainSeen = [show((await plain.read()).value)];
        const writes = [
          () => kv.delete(["a"]), () => kv.set(["a"], 1), () => kv.delete(["b"]), () => kv.set(["b"], 2),
        ];
        for (let i = 0; i < writes.length; i++) {
          await writes[i]();
          rawSeen.push(show((await raw.read()).value));
          if (i % 2 === 1) plainSeen.push(show((await plain.read()).value));
        }
        console.log("raw [" + rawSeen.join(", ") + "]");
        console.log("plain [" + plainSeen.join(", ") + "]");
        Deno.exit(0);
        """).orThrow();

    assertThat(java).containsExactlyElementsOf(deno.lines().toList());
  }

  /** An untyped Java value described as {@code describeJs} below describes the JS value. */
  private static String describeJava(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof java.util.Set<?> set) {
      return "Set(" + set.stream().map(DenoParityTest::describeJava).reduce((a, b) -> a + " " + b).orElse("") + ")";
    }
    if (v instanceof java.util.List<?> list) {
      return "[" + list.stream().map(DenoParityTest::describeJava).reduce((a, b) -> a + " " + b).orElse("") + "]";
    }
    if (v instanceof java.util.Map<?, ?> map) {
      StringBuilder s = new StringBuilder("Map(");
      map.forEach((k, value) -> s.append(s.length() > 4 ? " " : "").append(describeJava(k)).append("=>")
          .append(describeJava(value)));
      return s.append(")").toString();
    }
    if (v instanceof Number n && !(v instanceof java.math.BigInteger)) {
      double d = n.doubleValue();
      return "number:" + (d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d));
    }
    if (v instanceof java.math.BigInteger b) {
      return "bigint:" + b;
    }
    if (v instanceof Boolean b) {
      return "boolean:" + b;
    }
    return "string:" + v;
  }

  @Test
  void setsAndMapsReadAsObjectKeepWhatJavaCanHold() {
    Path file = dir.resolve("collections.sqlite3");
    String values = """
        [
          new Set([1, "a", 2n, true]),
          new Map([[1, "one"], [2n, "two"], [true, "t"], ["s", "str"], [null, "n"], [1.5, "x"]]),
          { plain: { s: new Set(["x", "y"]), m: new Map([[7, new Set([8])]]) }, list: [new Set([]), new Map()] },
        ]""";
    String deno = Peers.deno("""
        const kv = await Deno.openKv(%s);
        const values = %s;
        function describe(v) {
          if (v === null || v === undefined) return "null";
          if (v instanceof Set) return "Set(" + [...v].map(describe).join(" ") + ")";
          if (Array.isArray(v)) return "[" + v.map(describe).join(" ") + "]";
          if (v instanceof Map) return "Map(" + [...v].map(([k, x]) => describe(k) + "=>" + describe(x)).join(" ") + ")";
          if (typeof v === "object") return "Map(" + Object.entries(v).map(([k, x]) => describe(k) + "=>" + describe(x)).join(" ") + ")";
          return typeof v + ":" + String(v);
        }
        for (let i = 0; i < values.length; i++) {
          await kv.set(["v", i], values[i]);
          console.log(describe(values[i]));
        }
        kv.close();
        """.formatted(jsString(file.toString()), values)).orThrow();

    List<String> java = new ArrayList<>();
    try (KvTemplate kv = KvTemplate.open(file)) {
      for (int i = 0; i < 3; i++) {
        java.add(describeJava(kv.get(KvKey.of("v", i)).value()));
      }
    }
    assertThat(java).containsExactlyElementsOf(deno.lines().toList());
  }

  private static String jsString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
