package dev.denokv.benchmarks;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.value.KvU64;
import dev.denokv.value.codec.DenoValueCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Loads the project's KV Connect server ({@code kv serve} from {@code kv.jar}, in processes of its
 * own) from client processes of their own: Java clients ({@link LoadClients}, several per JVM,
 * each with its own {@code RemoteDatabase}) and Deno CLI clients ({@code load-client.ts}, several
 * per process, each with its own {@code Deno.openKv(url)}), all running the same loop: one atomic
 * write of two sums and a set, then one read. After a warm-up the clients are measured for a fixed
 * window; the run reports operations per second, p50/p99 latency of the merged samples, errors,
 * whether the final counters equal the acknowledged writes, and the server processes' CPU time
 * per request over the window (with the clients' CPU time and the whole machine's, for context).
 *
 * <p>Setups: one server over a SQLite file ({@code sqlite:1}), and one or two servers over one
 * PostgreSQL database ({@code postgres:1}, {@code postgres:2}; client processes split between the
 * instances). Without {@code --postgres=<jdbc url>} a throwaway PostgreSQL cluster is started.
 * With several {@code --kv-jar}s each setup runs once per build, so two builds compare in one run.
 * Setups take turns in each round, the order reversed every other round.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.KvConnectLoad
 * [--deno=interop/node_modules/.bin/deno] [--kv-jar=kv-cli/target/kv.jar[,other.jar]]
 * [--setups=sqlite:1,postgres:1,postgres:2] [--clients=32] [--java-processes=2]
 * [--deno-processes=2] [--warm-up=20] [--seconds=20] [--rounds=1] [--server-jvm-args=...]
 * [--postgres=jdbc:postgresql://...]}
 */
public final class KvConnectLoad {

  private static final String ACCESS_TOKEN = "load-access-token-0123456789abcdef";
  private static final Pattern SERVING = Pattern.compile("serving .* at http://[^:]+:(\\d+)");

  /** One server configuration: the backend, how many server processes, which build. */
  record Setup(String backend, int instances, Path kvJar) {
    String label(boolean showJar) {
      return (backend.equals("sqlite") ? "SQLite file" : "PostgreSQL") + ", " + instances
          + (instances == 1 ? " server" : " servers") + (showJar ? " (" + kvJar.getFileName() + ")" : "");
    }
  }

  /** The figures of one measured run. */
  record Result(
      Setup setup, int round, double seconds, long javaOps, long denoOps, long errors, boolean consistent,
      double p50, double p99, double writeP50, double writeP99, double readP50, double readP99,
      double serverCpuSeconds, double serverJitSeconds, double clientCpuSeconds, double machineBusyCores) {

    long ops() {
      return javaOps + denoOps;
    }

    double serverCpuMicrosPerRequest() {
      return serverCpuSeconds * 1e6 / ops();
    }

    /** The same without the JIT compiler's threads, which are still at work after a short warm-up. */
    double serverCpuMicrosPerRequestWithoutJit() {
      return (serverCpuSeconds - serverJitSeconds) * 1e6 / ops();
    }
  }

  private final Options options;
  private final Path dir;
  private final Path denoScript;
  private @Nullable PostgresCluster cluster;
  private @Nullable String externalPostgres;

  private KvConnectLoad(Options options) throws IOException {
    this.options = options;
    this.dir = Files.createTempDirectory("kv-load");
    this.denoScript = dir.resolve("load-client.ts");
    try (InputStream in = KvConnectLoad.class.getResourceAsStream("load-client.ts")) {
      Files.write(denoScript, in.readAllBytes());
    }
    this.externalPostgres = options.get("postgres");
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    KvConnectLoad load = new KvConnectLoad(options);
    try {
      List<Result> results = load.runAll();
      load.print(results);
      if (results.stream().anyMatch(r -> !r.consistent() || r.errors() > 0)) {
        System.err.println("Some runs had errors or inconsistent counters");
        System.exit(1);
      }
    } finally {
      if (load.cluster != null) {
        load.cluster.close();
      }
    }
  }

  private List<Result> runAll() throws Exception {
    List<Path> jars = Arrays.stream(options.get("kv-jar", "kv-cli/target/kv.jar").split(",")).map(Path::of).toList();
    List<Setup> setups = new ArrayList<>();
    for (String spec : options.get("setups", "sqlite:1,postgres:1,postgres:2").split(",")) {
      String[] parts = spec.split(":");
      for (Path jar : jars) {
        setups.add(new Setup(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1, jar));
      }
    }
    int rounds = options.getInt("rounds", 1);
    List<Result> results = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      List<Setup> order = new ArrayList<>(setups);
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (Setup setup : order) {
        Result r = run(setup, round);
        System.err.printf("round %d, %s: %,.0f ops/s (Java %,.0f, Deno %,.0f), p50 %.2f ms, p99 %.2f ms, "
                + "server CPU %.0f µs/request (%.0f µs without the JIT compiler), errors %d, %s%n",
            round + 1, setup.label(jars.size() > 1), r.ops() / r.seconds(), r.javaOps() / r.seconds(),
            r.denoOps() / r.seconds(), r.p50() / 1e6, r.p99() / 1e6, r.serverCpuMicrosPerRequest(),
            r.serverCpuMicrosPerRequestWithoutJit(), r.errors(),
            r.consistent() ? "consistent" : "INCONSISTENT");
        results.add(r);
      }
    }
    return results;
  }

  private Result run(Setup setup, int round) throws Exception {
    int clients = options.getInt("clients", 32);
    int javaProcesses = options.getInt("java-processes", 2);
    int denoProcesses = options.getInt("deno-processes", 2);
    int javaClients = options.getInt("java-clients", clients / 2);
    int denoClients = clients - javaClients;
    int warmUp = options.getInt("warm-up", 20);
    int seconds = options.getInt("seconds", 20);
    String space = "run-" + System.nanoTime();

    List<Process> servers = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    List<Process> clientProcesses = new ArrayList<>();
    try {
      String database = setup.backend().equals("postgres") ? postgresDatabase() : null;
      Path file = dir.resolve(space + ".sqlite3");
      for (int i = 0; i < setup.instances(); i++) {
        Process server = startServer(setup, database, file);
        servers.add(server);
        urls.add("http://127.0.0.1:" + awaitPort(server));
      }
      long launched = System.currentTimeMillis();
      long start = launched + TimeUnit.SECONDS.toMillis(warmUp);
      long end = start + TimeUnit.SECONDS.toMillis(seconds);
      List<Path> javaReports = new ArrayList<>();
      List<Path> denoReports = new ArrayList<>();
      int process = 0;
      for (int p = 0; p < javaProcesses; p++, process++) {
        Path out = dir.resolve(space + "-java-" + p + ".txt");
        javaReports.add(out);
        clientProcesses.add(startJavaClients(urls.get(process % urls.size()), share(javaClients, javaProcesses, p),
            "java" + p, space, start, end, out));
      }
      for (int p = 0; p < denoProcesses; p++, process++) {
        Path out = dir.resolve(space + "-deno-" + p + ".txt");
        denoReports.add(out);
        clientProcesses.add(startDenoClients(urls.get(process % urls.size()), share(denoClients, denoProcesses, p),
            "deno" + p, space, start, end, out));
      }

      sleepUntil(start);
      Cpu before = Cpu.sample(servers, clientProcesses);
      Map<String, Long> threadsBefore = ThreadCpu.sample(servers);
      sleepUntil(end);
      Cpu after = Cpu.sample(servers, clientProcesses);
      Map<String, Long> threadsAfter = ThreadCpu.sample(servers);
      System.err.println("server CPU by thread over the window (cores): "
          + ThreadCpu.describe(threadsBefore, threadsAfter, after.wallNanos() - before.wallNanos()));
      double window = (after.wallNanos() - before.wallNanos()) / 1e9;
      for (Process p : clientProcesses) {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          throw new IllegalStateException("a client process did not finish");
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException("a client process failed with exit code " + p.exitValue());
        }
      }
      List<LoadReport.Client> java = new ArrayList<>();
      for (Path r : javaReports) {
        java.addAll(LoadReport.parse(r));
      }
      List<LoadReport.Client> deno = new ArrayList<>();
      for (Path r : denoReports) {
        deno.addAll(LoadReport.parse(r));
      }
      List<LoadReport.Client> all = new ArrayList<>(java);
      all.addAll(deno);
      boolean consistent = consistent(urls.get(0), space, all);
      List<long[]> writes = all.stream().map(LoadReport.Client::writes).toList();
      List<long[]> reads = all.stream().map(LoadReport.Client::reads).toList();
      List<long[]> both = new ArrayList<>(writes);
      both.addAll(reads);
      return new Result(setup, round, window, ops(java), ops(deno),
          all.stream().mapToLong(LoadReport.Client::errors).sum(), consistent,
          LoadReport.quantile(both, 0.5), LoadReport.quantile(both, 0.99),
          LoadReport.quantile(writes, 0.5), LoadReport.quantile(writes, 0.99),
          LoadReport.quantile(reads, 0.5), LoadReport.quantile(reads, 0.99),
          (after.serverNanos() - before.serverNanos()) / 1e9,
          ThreadCpu.seconds(threadsBefore, threadsAfter, name -> name.startsWith("C# CompilerThre")),
          (after.clientNanos() - before.clientNanos()) / 1e9,
          after.machineBusyCoresSince(before));
    } finally {
      clientProcesses.forEach(Process::destroyForcibly);
      for (Process server : servers) {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
  }

  private static long ops(List<LoadReport.Client> clients) {
    return clients.stream().mapToLong(c -> c.writes().length + c.reads().length).sum();
  }

  private static int share(int total, int processes, int p) {
    return total / processes + (p < total % processes ? 1 : 0);
  }

  private String postgresDatabase() {
    if (externalPostgres != null) {
      return externalPostgres;
    }
    if (cluster == null) {
      cluster = PostgresCluster.start();
    }
    return cluster.createDatabase();
  }

  private Process startServer(Setup setup, @Nullable String postgresUrl, Path file) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(splitArgs(options.get("server-jvm-args", "")));
    command.addAll(List.of("-jar", setup.kvJar().toString(), "serve"));
    if (postgresUrl != null) {
      command.addAll(List.of("--postgres", postgresUrl));
    } else {
      command.addAll(List.of("--path", file.toString()));
    }
    command.addAll(List.of("--access-token", ACCESS_TOKEN, "--addr", "127.0.0.1:0"));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Reads the server's announcement line and keeps draining its output. */
  private static int awaitPort(Process server) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            while (reader.readLine() != null) {
              // discarded
            }
          } catch (IOException e) {
            // the server ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("the server ended before serving (exit code " + waitExit(server) + ")");
  }

  private static int waitExit(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private Process startJavaClients(String url, int clients, String prefix, String space, long start, long end, Path out)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(splitArgs(options.get("client-jvm-args", "-Xmx512m -XX:+UseSerialGC")));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadClients.class.getName(), url, ACCESS_TOKEN,
        Integer.toString(clients), prefix, space, Long.toString(start), Long.toString(end), out.toString()));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private Process startDenoClients(String url, int clients, String prefix, String space, long start, long end, Path out)
      throws IOException {
    String deno = options.get("deno", "interop/node_modules/.bin/deno");
    ProcessBuilder builder = new ProcessBuilder(deno, "run", "-A", "--unstable-kv", denoScript.toString(), url,
        Integer.toString(clients), prefix, space, Long.toString(start), Long.toString(end), out.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("DENO_KV_ACCESS_TOKEN", ACCESS_TOKEN);
    builder.environment().put("NO_COLOR", "1");
    return builder.start();
  }

  /** Whether the shared total and every client's counter equal the writes the clients saw acknowledged. */
  private static boolean consistent(String url, String space, List<LoadReport.Client> clients) {
    RemoteDatabase remote = RemoteDatabase.builder().url(url).accessToken(ACCESS_TOKEN).build();
    try (KvTemplate kv = KvTemplate.builder(remote).valueCodec(DenoValueCodec.defaults()).build()) {
      KvKey root = KvKey.of("load", space);
      long sum = 0;
      boolean ok = true;
      for (LoadReport.Client c : clients) {
        sum += c.acknowledged();
        ok &= counter(kv, root.append("client", c.id())) == c.acknowledged();
      }
      return ok && counter(kv, root.append("total")) == sum;
    }
  }

  private static long counter(KvTemplate kv, KvKey key) {
    KvU64 value = kv.get(key, KvU64.class).value();
    return value == null ? 0 : value.bits();
  }

  private void print(List<Result> results) {
    boolean showJar = results.stream().map(r -> r.setup().kvJar()).distinct().count() > 1;
    Result first = results.get(0);
    System.out.println();
    System.out.printf("%d clients (%d Java in %d JVMs, %d Deno in %d processes), %d s warm-up, %.0f s measured, "
            + "%d cores%n%n",
        options.getInt("clients", 32), options.getInt("java-clients", options.getInt("clients", 32) / 2),
        options.getInt("java-processes", 2),
        options.getInt("clients", 32) - options.getInt("java-clients", options.getInt("clients", 32) / 2),
        options.getInt("deno-processes", 2), options.getInt("warm-up", 20), first.seconds(),
        Runtime.getRuntime().availableProcessors());
    System.out.println("| server | round | ops/s | Java ops/s | Deno ops/s | p50 | p99 | write p50 / p99 | read p50 / p99 "
        + "| errors | final counters | server CPU / request | without JIT | server CPU | clients' CPU | machine busy |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      System.out.printf("| %s | %d | %,.0f | %,.0f | %,.0f | %.2f ms | %.2f ms | %.2f / %.2f ms | %.2f / %.2f ms "
              + "| %d | %s | %.0f µs | %.0f µs | %.2f cores | %.2f cores | %.2f cores |%n",
          r.setup().label(showJar), r.round() + 1, r.ops() / r.seconds(), r.javaOps() / r.seconds(),
          r.denoOps() / r.seconds(), r.p50() / 1e6, r.p99() / 1e6, r.writeP50() / 1e6, r.writeP99() / 1e6,
          r.readP50() / 1e6, r.readP99() / 1e6, r.errors(), r.consistent() ? "consistent" : "INCONSISTENT",
          r.serverCpuMicrosPerRequest(), r.serverCpuMicrosPerRequestWithoutJit(), r.serverCpuSeconds() / r.seconds(),
          r.clientCpuSeconds() / r.seconds(),
          r.machineBusyCores());
    }
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait;
    while ((wait = epochMillis - System.currentTimeMillis()) > 0) {
      Thread.sleep(wait);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> splitArgs(String args) {
    return args.isBlank() ? List.of() : Arrays.asList(args.trim().split("\\s+"));
  }

  /** CPU time of the server and client processes, and of the whole machine, at one instant. */
  private record Cpu(long wallNanos, long serverNanos, long clientNanos, long machineBusyTicks, long machineTicks) {

    static Cpu sample(List<Process> servers, List<Process> clients) throws IOException {
      long[] machine = readMachineTicks();
      return new Cpu(System.nanoTime(), cpuNanos(servers), cpuNanos(clients), machine[0], machine[1]);
    }

    double machineBusyCoresSince(Cpu before) {
      double busy = machineBusyTicks - before.machineBusyTicks;
      double total = machineTicks - before.machineTicks;
      return total == 0 ? Double.NaN : busy / total * Runtime.getRuntime().availableProcessors();
    }

    private static long cpuNanos(List<Process> processes) {
      long sum = 0;
      for (Process p : processes) {
        sum += p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
      }
      return sum;
    }

    /** Busy and total jiffies of all cores from {@code /proc/stat} (zeros where there is none). */
    private static long[] readMachineTicks() throws IOException {
      Path stat = Path.of("/proc/stat");
      if (!Files.exists(stat)) {
        return new long[] {0, 0};
      }
      String[] f = Files.readAllLines(stat).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    }
  }

  /** {@code --name=value} options. */
  private record Options(Map<String, String> values) {

    static Options parse(String[] args) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String a : args) {
        if (!a.startsWith("--") || !a.contains("=")) {
          System.err.println("options are --name=value, got " + a);
          System.exit(2);
        }
        values.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
      return new Options(values);
    }

    String get(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }

    @Nullable String get(String name) {
      return values.get(name);
    }

    int getInt(String name, int fallback) {
      return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }
  }
}
