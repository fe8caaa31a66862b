package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.error.KvIllegalStateException;
import dev.denokv.key.KvKey;
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
 * outcome, line for line: list iteration with its cursor at every step, and the limits of atomic
 * operations with Deno's messages.
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

  private static String jsString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
