package dev.denokv.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real, independent Deno KV peers that the build installs from npm (see
 * {@code interop/package.json}): the Deno CLI and Node with the {@code @deno/kv} client.
 * Scripts are written to a temporary file and run to completion with a timeout.
 */
public final class Peers {

  /** What a finished peer process produced. */
  public record Result(int exitCode, String stdout, String stderr) {

    /** Fails with the process output unless the exit code is 0; returns stdout. */
    public String orThrow() {
      if (exitCode != 0) {
        throw new AssertionError("peer exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
      }
      return stdout;
    }
  }

  private Peers() {}

  /** The peers directory holding {@code node_modules}. */
  public static Path peersDir() {
    String dir = System.getProperty("kv.peers.dir");
    if (dir == null) {
      // Running outside Maven: walk up to the project root.
      Path p = Path.of("").toAbsolutePath();
      while (p != null && !Files.isDirectory(p.resolve("interop"))) {
        p = p.getParent();
      }
      if (p == null) {
        throw new IllegalStateException("cannot find the interop/ peers directory");
      }
      return p.resolve("interop");
    }
    return Path.of(dir);
  }

  /** The Deno CLI binary installed from npm. */
  public static Path denoBinary() {
    Path bin = peersDir().resolve("node_modules/.bin/deno");
    if (!Files.isExecutable(bin)) {
      throw new IllegalStateException(
          "The Deno CLI is not installed at " + bin + "; run the build (it runs npm ci in interop/)");
    }
    return bin;
  }

  /** Runs a TypeScript/JavaScript program with {@code deno run -A --unstable-kv}. */
  public static Result deno(String script, Map<String, String> env, int timeoutSeconds) {
    try {
      Path file = Files.createTempFile("kv-peer-", ".ts");
      Files.writeString(file, script);
      try {
        return run(List.of(denoBinary().toString(), "run", "-A", "--unstable-kv", "--no-check", file.toString()), env, timeoutSeconds);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a Deno program with no extra environment and a 60 s timeout. */
  public static Result deno(String script) {
    return deno(script, Map.of(), 60);
  }

  /** Runs an ES module with Node; {@code @deno/kv} resolves from the peers directory. */
  public static Result node(String script, Map<String, String> env, int timeoutSeconds) {
    try {
      Path file = Files.createTempFile(peersDir(), "kv-peer-", ".mjs");
      Files.writeString(file, script);
      try {
        return run(List.of("node", file.toString()), env, timeoutSeconds);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
    pb.environment().putAll(env);
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("DENO_NO_UPDATE_CHECK", "1");
    Path out = Files.createTempFile("kv-peer-", ".out");
    Path err = Files.createTempFile("kv-peer-", ".err");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("peer timed out after " + timeoutSeconds + " s: " + command
            + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
