package dev.denokv.postgres.server;

import dev.denokv.KvTemplate;
import dev.denokv.remote.RemoteDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A {@link KvConnectOnPostgres} server running in a JVM of its own. Its output is echoed with the
 * instance's name and kept, so that a test can check what the server logged.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Queue<String> output;

  private ServerProcess(Process process, int port, Queue<String> output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /**
   * Starts one instance per name in {@code instances}, all at once, over schema {@code schema} of
   * the database at {@code jdbcUrl}, and waits until every one serves.
   */
  static List<ServerProcess> startAll(String jdbcUrl, String schema, boolean consumer, String... instances)
      throws Exception {
    ExecutorService starting = Executors.newFixedThreadPool(instances.length);
    List<Future<ServerProcess>> futures = new ArrayList<>();
    List<ServerProcess> started = new ArrayList<>();
    try {
      for (String instance : instances) {
        futures.add(starting.submit(() -> start(jdbcUrl, schema, instance, consumer)));
      }
      for (Future<ServerProcess> f : futures) {
        started.add(f.get(180, TimeUnit.SECONDS));
      }
      return started;
    } catch (Exception e) {
      for (Future<ServerProcess> f : futures) {
        f.cancel(true);
        if (f.isDone() && !f.isCancelled()) {
          try {
            f.get().close();
          } catch (Exception ignored) {
            // it failed to start or is already gone
          }
        }
      }
      throw e;
    } finally {
      starting.shutdown();
    }
  }

  /** Starts an instance and waits until it serves. */
  static ServerProcess start(String jdbcUrl, String schema, String instance, boolean consumer) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), KvConnectOnPostgres.class.getName(),
        "--server.port=0", "--server.http2.enabled=true", "--spring.main.banner-mode=off",
        "--logging.level.root=WARN", "--kv-test.url=" + jdbcUrl, "--kv-test.schema=" + schema,
        "--kv-test.instance=" + instance, "--kv-test.consumer=" + consumer));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Queue<String> output = new ConcurrentLinkedQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("KV-CONNECT-READY ")) {
            ready.complete(Integer.parseInt(line.substring("KV-CONNECT-READY ".length()).trim()));
          } else {
            output.add(line);
            System.out.println("[" + instance + "] " + line);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      ready.completeExceptionally(new IllegalStateException("server " + instance + " exited"));
    }, "server-output-" + instance);
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(p, ready.get(120, TimeUnit.SECONDS), output);
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  String url() {
    return "http://localhost:" + port + "/kv";
  }

  /** A new Java remote client of this instance; the caller closes it. */
  KvTemplate client() {
    return KvTemplate.builder(RemoteDatabase.builder().url(url()).accessToken(KvConnectOnPostgres.TOKEN).build())
        .build();
  }

  /** Whether the process still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** The lines the server has printed so far (its log at WARN and above, and any stack trace). */
  List<String> output() {
    return List.copyOf(output);
  }

  /** Kills the process at once, as a crash would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
