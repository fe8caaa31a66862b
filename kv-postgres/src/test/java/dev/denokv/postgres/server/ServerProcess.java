package dev.denokv.postgres.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link KvConnectOnPostgres} server running in a JVM of its own. */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
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
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("KV-CONNECT-READY ")) {
            ready.complete(Integer.parseInt(line.substring("KV-CONNECT-READY ".length()).trim()));
          } else {
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
      return new ServerProcess(p, ready.get(120, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  String url() {
    return "http://localhost:" + port + "/kv";
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
