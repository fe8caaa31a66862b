package dev.denokv.benchmarks;

import dev.denokv.KvTemplate;
import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.PostgresOptions;
import dev.denokv.value.codec.DenoValueCodec;
import java.util.Map;

/**
 * Runs the workloads of {@link SqliteVsDeno} through {@link KvTemplate} on the PostgreSQL backend
 * and on the embedded SQLite backend, taking turns for several rounds, and prints a Markdown table
 * of operations per second side by side. Each PostgreSQL run uses a fresh schema.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.PostgresVsSqlite
 * <jdbc url> [scale] [rounds]}
 */
public final class PostgresVsSqlite {

  private PostgresVsSqlite() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: PostgresVsSqlite <jdbc url> [scale] [rounds]");
      System.exit(2);
    }
    String url = args[0];
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    runPostgres(url, scale);
    Rounds results = Rounds.run(rounds, round -> runPostgres(url, scale), round -> SqliteVsDeno.runJava(scale));
    System.out.printf("%d rounds, scale %s%n%n", rounds, args.length > 1 ? args[1] : "1");
    results.print("PostgreSQL", "SQLite", w -> w, 1);
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
