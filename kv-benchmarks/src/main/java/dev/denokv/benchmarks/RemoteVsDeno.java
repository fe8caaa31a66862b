package dev.denokv.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts the project's KV Connect server over a fresh SQLite file and measures, against that same
 * server in one run, the same workloads with two clients: the Java remote backend under
 * {@code KvTemplate}, and the Deno CLI ({@code Deno.openKv(url)}, {@code remote-workloads.ts}). Each
 * side runs a warm-up pass at half scale first. Prints a Markdown table of operations per second,
 * then a server load figure: many Java clients at once for a bounded time, with the final counters
 * checked against the acknowledged writes.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.RemoteVsDeno
 * <deno binary> [scale] [load clients] [load seconds]}
 */
public final class RemoteVsDeno {

  private static final String ACCESS_TOKEN = "bench-access-token-0123456789";

  private RemoteVsDeno() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: RemoteVsDeno <deno binary> [scale] [load clients] [load seconds]");
      System.exit(2);
    }
    Path deno = Path.of(args[0]);
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    int loadClients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int loadSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;

    Path dir = Files.createTempDirectory("kv-bench-remote");
    try (KvConnectBenchServer server = KvConnectBenchServer.start(dir.resolve("bench.sqlite3"), ACCESS_TOKEN)) {
      RemoteWorkloads java = new RemoteWorkloads(server.url(), ACCESS_TOKEN);
      java.run("warm-java", scale / 2);
      Map<String, Double> javaResults = java.run("java", scale);
      Map<String, Double> denoResults = DenoScript.run(deno, "remote-workloads.ts",
          List.of(server.url(), Double.toString(scale)), Map.of("DENO_KV_ACCESS_TOKEN", ACCESS_TOKEN));

      System.out.println();
      System.out.println("Server: KV Connect over SQLite (Spring Boot, Tomcat, h2c enabled), " + server.url());
      System.out.println();
      System.out.println("| workload | Java RemoteDatabase (ops/s) | Deno 2.9.6 CLI (ops/s) | Java / Deno |");
      System.out.println("|---|---:|---:|---:|");
      for (Map.Entry<String, Double> e : javaResults.entrySet()) {
        double d = denoResults.getOrDefault(e.getKey(), Double.NaN);
        System.out.printf("| %s | %,.0f | %,.0f | %.2f× |%n", e.getKey(), e.getValue(), d, e.getValue() / d);
      }

      ServerLoad.Outcome load = ServerLoad.run(server.url(), ACCESS_TOKEN, loadClients, loadSeconds);
      System.out.println();
      System.out.println(load.toMarkdown());
      if (!load.consistent() || load.errors() > 0) {
        throw new IllegalStateException("Server load run failed: " + load);
      }
    }
  }
}
