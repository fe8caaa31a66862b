package dev.denokv.benchmarks;

import static dev.denokv.benchmarks.Workloads.VALUE;
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
 * Deno CLI's own SQLite backend ({@code sqlite-workloads.ts}), each on a fresh file on the same
 * machine, and prints a Markdown table of operations per second side by side.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.SqliteVsDeno
 * <deno binary> [scale]}
 */
public final class SqliteVsDeno {

  private SqliteVsDeno() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SqliteVsDeno <deno binary> [scale]");
      System.exit(2);
    }
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    runJava(scale / 2); // warm-up pass, as the Deno script does
    Map<String, Double> java = runJava(scale);
    Map<String, Double> deno = runDeno(Path.of(args[0]), scale);
    System.out.println("| workload | Java (ops/s) | Deno 2.9.6 (ops/s) | Java / Deno |");
    System.out.println("|---|---:|---:|---:|");
    for (Map.Entry<String, Double> e : java.entrySet()) {
      double d = deno.getOrDefault(e.getKey(), Double.NaN);
      System.out.printf("| %s | %,.0f | %,.0f | %.1f× |%n", e.getKey(), e.getValue(), d, e.getValue() / d);
    }
  }

  static Map<String, Double> runJava(double scale) throws Exception {
    Path dir = Files.createTempDirectory("kv-bench-java");
    Map<String, Double> r = new LinkedHashMap<>();
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(dir.resolve("bench.sqlite3")))
        .valueCodec(DenoValueCodec.defaults()).build()) {
      int n = (int) Math.round(2000 * scale);
      measure(r, "set", n, () -> {
        for (int i = 0; i < n; i++) {
          kv.set(KvKey.of("bench", "set", i), VALUE);
        }
      });
      int reads = (int) Math.round(20000 * scale);
      measure(r, "get", reads, () -> {
        for (int i = 0; i < reads; i++) {
          kv.get(KvKey.of("bench", "set", i % n), Workloads.Profile.class);
        }
      });
      int many = (int) Math.round(2000 * scale);
      measure(r, "getMany10", many * 10L, () -> {
        for (int i = 0; i < many; i++) {
          List<KvKey> keys = new ArrayList<>(10);
          for (int j = 0; j < 10; j++) {
            keys.add(KvKey.of("bench", "set", (i * 10 + j) % n));
          }
          kv.getMany(keys, Workloads.Profile.class);
        }
      });
      int listRounds = Math.max(1, (int) Math.round(10 * scale));
      measure(r, "list", (long) listRounds * n, () -> {
        for (int round = 0; round < listRounds; round++) {
          long count = kv.list(ListSelector.prefix(KvKey.of("bench", "set")), Workloads.Profile.class).stream().count();
          if (count != n) {
            throw new IllegalStateException("list saw " + count);
          }
        }
      });
      int cas = (int) Math.round(1000 * scale);
      KvKey counter = KvKey.of("bench", "counter");
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
          () -> Workloads.concurrentSets(kv, "bench", writers, perWriter));
    }
    return r;
  }

  static Map<String, Double> runDeno(Path deno, double scale) throws IOException, InterruptedException {
    Path file = Files.createTempDirectory("kv-bench-deno").resolve("bench.sqlite3");
    return DenoScript.run(deno, "sqlite-workloads.ts", List.of(file.toString(), Double.toString(scale)), Map.of());
  }
}
