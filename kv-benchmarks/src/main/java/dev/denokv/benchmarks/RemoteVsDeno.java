package dev.denokv.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Starts the project's KV Connect server over a fresh SQLite file and measures, against that same
 * server in one run, the same workloads with two clients: the Java remote backend under
 * {@code KvTemplate}, and the Deno CLI ({@code Deno.openKv(url)}, {@code remote-workloads.ts}).
 *
 * <p>The client and the server share this JVM, and both are large bodies of code for its JIT
 * compiler: the Java workloads first run unrecorded for a while (30 s by default), which also
 * warms the server for both clients. Then the sides take turns for several rounds, swapping which
 * goes first, each run preceded by a warm-up pass at half scale; the table gives each side's median
 * and the median and range of the per-round ratios. Last comes a server load figure: many Java
 * clients at once for a bounded time, with the final counters checked against the acknowledged
 * writes.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.RemoteVsDeno
 * <deno binary> [scale] [load clients] [load seconds] [rounds] [warm-up seconds]}
 */
public final class RemoteVsDeno {

  private static final String ACCESS_TOKEN = "bench-access-token-0123456789";

  private RemoteVsDeno() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: RemoteVsDeno <deno binary> [scale] [load clients] [load seconds] [rounds] [warm-up seconds]");
      System.exit(2);
    }
    Path deno = Path.of(args[0]);
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    int loadClients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int loadSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int warmUpSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 30;

    Path dir = Files.createTempDirectory("kv-bench-remote");
    try (KvConnectBenchServer server = KvConnectBenchServer.start(dir.resolve("bench.sqlite3"), ACCESS_TOKEN)) {
      RemoteWorkloads java = new RemoteWorkloads(server.url(), ACCESS_TOKEN);
      long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
      for (int pass = 0; warmUpEnd - System.nanoTime() > 0; pass++) {
        java.run("jit-" + pass, scale / 2);
      }
      Rounds results = Rounds.run(rounds, round -> runJava(java, round, scale),
          round -> runDeno(deno, server, round, scale));

      System.out.println();
      System.out.println("Server: KV Connect over SQLite (Spring Boot, Tomcat, h2c enabled), " + server.url());
      System.out.printf("%d rounds, scale %s, after %d s of JIT warm-up%n%n", rounds, scale, warmUpSeconds);
      results.print("Java RemoteDatabase", "Deno 2.9.6 CLI", UnaryOperator.identity(), 2);

      ServerLoad.Outcome load = ServerLoad.run(server.url(), ACCESS_TOKEN, loadClients, loadSeconds);
      System.out.println();
      System.out.println(load.toMarkdown());
      if (!load.consistent() || load.errors() > 0) {
        throw new IllegalStateException("Server load run failed: " + load);
      }
    }
  }

  private static Map<String, Double> runJava(RemoteWorkloads java, int round, double scale) throws Exception {
    java.run("warm-java-" + round, scale / 2);
    return java.run("java-" + round, scale);
  }

  private static Map<String, Double> runDeno(Path deno, KvConnectBenchServer server, int round, double scale)
      throws Exception {
    return DenoScript.run(deno, "remote-workloads.ts",
        List.of(server.url(), Double.toString(scale), Integer.toString(round)),
        Map.of("DENO_KV_ACCESS_TOKEN", ACCESS_TOKEN));
  }
}
