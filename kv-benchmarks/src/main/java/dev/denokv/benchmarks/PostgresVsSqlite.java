package dev.denokv.benchmarks;

import dev.denokv.KvTemplate;
import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.PostgresOptions;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.value.codec.DenoValueCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the workloads of {@link SqliteVsDeno} through {@link KvTemplate} on the PostgreSQL backend,
 * through {@link KvTemplate} on the embedded SQLite backend and on the Deno CLI's own SQLite
 * backend ({@code sqlite-workloads.ts}), taking turns for several rounds with the order rotated
 * every round, and prints a Markdown table of operations per second side by side with the ratios
 * PostgreSQL / Deno and SQLite / Deno, then how many times its own sequential {@code set} figure
 * each side's 16 concurrent writers reach (group commit). Each PostgreSQL run uses a fresh schema,
 * each SQLite run a fresh file.
 *
 * <p>Without a JDBC URL it starts a throwaway PostgreSQL cluster of its own (the server binaries
 * of the machine's PostgreSQL install, {@code -Dkv.postgres.bin} to choose others; under root it
 * runs them as the {@code postgres} user) with PostgreSQL's default durability ({@code fsync} and
 * {@code synchronous_commit} on), and removes it afterwards.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.PostgresVsSqlite
 * <deno binary> [scale] [rounds] [jdbc url]}
 */
public final class PostgresVsSqlite {

  private PostgresVsSqlite() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: PostgresVsSqlite <deno binary> [scale] [rounds] [jdbc url]");
      System.exit(2);
    }
    Path deno = Path.of(args[0]);
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    if (args.length > 3) {
      run(deno, args[3], scale, rounds);
    } else {
      try (PostgresCluster cluster = PostgresCluster.startDurable()) {
        System.err.println("PostgreSQL: a throwaway cluster, " + cluster);
        run(deno, cluster.createDatabase(), scale, rounds);
      }
    }
  }

  private static void run(Path deno, String url, double scale, int rounds) throws Exception {
    // Each JVM side runs one unrecorded pass first, so that its just-in-time compiler has done its
    // work; a Deno process warms its JIT within its own warm-up pass.
    runPostgres(url, scale);
    SqliteVsDeno.runJava(scale);
    String wakeBefore = WakeProbe.summary(); // what Deno's get pays on this machine (see SqliteVsDeno)
    SideBySide results = SideBySide.run(rounds, List.of(
        new SideBySide.Side("PostgreSQL", round -> runPostgres(url, scale)),
        new SideBySide.Side("SQLite", round -> SqliteVsDeno.runJava(scale)),
        new SideBySide.Side("Deno 2.9.6", round -> SqliteVsDeno.runDeno(deno, scale))));
    System.out.printf("%d rounds, scale %s%n", rounds, scale);
    System.out.printf("before: %s%nafter: %s%n%n", wakeBefore, WakeProbe.summary());
    results.print("Deno 2.9.6", PostgresVsSqlite::denoWorkload);
    System.out.println();
    results.printSpeedUps("set", List.of("concurrent16", "concurrent16Async"));
  }

  /** Deno has one form of concurrent writers (async loops); both Java forms compare with it. */
  private static String denoWorkload(String javaWorkload) {
    return javaWorkload.equals("concurrent16Async") ? "concurrent16" : javaWorkload;
  }

  /** One run on a fresh schema: the suite at half scale as a warm-up, then the measured suite. */
  static Map<String, Double> runPostgres(String url, double scale) throws Exception {
    String schema = "bench_" + System.nanoTime();
    try (KvTemplate kv = KvTemplate.builder(PostgresDatabase.builder().url(url).poolSize(20)
        .options(PostgresOptions.defaults().withSchema(schema)).build())
        .valueCodec(DenoValueCodec.defaults()).build()) {
      SqliteVsDeno.suite(kv, "warm", scale / 2);
      return SqliteVsDeno.suite(kv, "bench", scale);
    }
  }
}
