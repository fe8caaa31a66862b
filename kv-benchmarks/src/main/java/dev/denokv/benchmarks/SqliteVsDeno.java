package dev.denokv.benchmarks;

import static dev.denokv.benchmarks.Workloads.measure;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the same KV workloads on the embedded SQLite backend through {@link KvTemplate} and on the
 * Deno CLI's own SQLite backend ({@code sqlite-workloads.ts}) and prints a Markdown table of
 * operations per second side by side.
 *
 * <p>Both sides are treated alike: each run opens a fresh file, runs the whole suite at half scale
 * as a warm-up and then the measured pass on the same file. The two sides take turns for several
 * rounds, swapping which goes first, so that drift in the machine's disk speed hits both; the
 * table gives each side's median and the median and range of the per-round ratios. The JVM runs
 * one unrecorded suite first, so that its just-in-time compiler has done its work.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.SqliteVsDeno
 * <deno binary> [scale] [rounds]}
 */
public final class SqliteVsDeno {

  private SqliteVsDeno() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SqliteVsDeno <deno binary> [scale] [rounds]");
      System.exit(2);
    }
    Path deno = Path.of(args[0]);
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    runJava(scale); // compiles the Java side once (C2); a Deno process warms its JIT in its own pass
    // Deno's get crosses threads twice per call, the Java side's none: on a virtual machine whose
    // idle processors halt, waking a thread costs tens of µs and Deno's get runs two to three times
    // slower than on a busy machine. The wake-up cost goes with the table.
    String wakeBefore = WakeProbe.summary();
    Rounds results = Rounds.run(rounds, round -> runJava(scale), round -> runDeno(deno, scale));
    System.out.printf("%d rounds, scale %s%n", rounds, args.length > 1 ? args[1] : "1");
    System.out.printf("before: %s%nafter: %s%n%n", wakeBefore, WakeProbe.summary());
    results.print("Java", "Deno 2.9.6", SqliteVsDeno::denoWorkload, 1);
  }

  /** Deno has one form of concurrent writers (async loops); both Java forms compare with it. */
  private static String denoWorkload(String javaWorkload) {
    return javaWorkload.equals("concurrent16Async") ? "concurrent16" : javaWorkload;
  }

  /** One Java run: a fresh file, the suite at half scale as a warm-up, then the measured suite. */
  static Map<String, Double> runJava(double scale) throws Exception {
    Path dir = Files.createTempDirectory("kv-bench-java");
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(dir.resolve("bench.sqlite3")))
        .valueCodec(DenoValueCodec.defaults()).build()) {
      suite(kv, "warm", scale / 2);
      return suite(kv, "bench", scale);
    }
  }

  static Map<String, Double> suite(KvTemplate kv, String space, double scale) throws Exception {
    Map<String, Double> r = new LinkedHashMap<>();
    int n = (int) Math.round(2000 * scale);
    measure(r, "set", n, () -> Workloads.sequentialSets(kv, space, n));
    int reads = (int) Math.round(20000 * scale);
    measure(r, "get", reads, () -> {
      for (int i = 0; i < reads; i++) {
        kv.get(KvKey.of(space, "set", i % n), Workloads.Profile.class);
      }
    });
    int many = (int) Math.round(2000 * scale);
    measure(r, "getMany10", many * 10L, () -> {
      for (int i = 0; i < many; i++) {
        List<KvKey> keys = new ArrayList<>(10);
        for (int j = 0; j < 10; j++) {
          keys.add(KvKey.of(space, "set", (i * 10 + j) % n));
        }
        kv.getMany(keys, Workloads.Profile.class);
      }
    });
    int listRounds = Math.max(1, (int) Math.round(10 * scale));
    measure(r, "list", (long) listRounds * n, () -> {
      for (int round = 0; round < listRounds; round++) {
        long count = kv.list(ListSelector.prefix(KvKey.of(space, "set")), Workloads.Profile.class).stream().count();
        if (count != n) {
          throw new IllegalStateException("list saw " + count);
        }
      }
    });
    int cas = (int) Math.round(1000 * scale);
    KvKey counter = KvKey.of(space, "counter");
    kv.set(counter, 0);
    measure(r, "checkAndSet", cas, () -> {
      for (int i = 0; i < cas; i++) {
        KvEntry<Integer> e = kv.get(counter, Integer.class);
        if (!kv.atomic().check(e).set(counter, e.value() + 1).commit().ok()) {
          throw new IllegalStateException("conflict");
        }
      }
    });
    int writers = 16;
    int perWriter = (int) Math.round(200 * scale);
    measure(r, "concurrent16", (long) writers * perWriter,
        () -> Workloads.concurrentSets(kv, space, writers, perWriter));
    measure(r, "concurrent16Async", (long) writers * perWriter,
        () -> Workloads.concurrentAsyncSets(kv, space + "-async", writers, perWriter));
    return r;
  }

  static Map<String, Double> runDeno(Path deno, double scale) throws IOException, InterruptedException {
    Path file = Files.createTempDirectory("kv-bench-deno").resolve("bench.sqlite3");
    return DenoScript.run(deno, "sqlite-workloads.ts", List.of(file.toString(), Double.toString(scale)), Map.of());
  }
}
