package dev.denokv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.testing.Peers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code kv.jar} run as a user runs it, in its own process: standard output and exit
 * code, against a SQLite file and against {@code kv serve} used by the real Deno CLI.
 */
class KvJarIT {

  private static final String TOKEN = "jar-test-token-0123456789";
  private static final Pattern LISTENING = Pattern.compile("over KV Connect at http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  record Result(int exitCode, String out, String err) {}

  @Test
  void setAndGetOnAFileInProcesses() throws Exception {
    Path file = dir.resolve("data.sqlite3");

    Result set = kv(Map.of(), "set", "--path", file.toString(), "[\"users\", 1n, true, new Uint8Array([1])]", "{ name: \"Ada\", tags: new Set([\"x\"]) }");
    Result get = kv(Map.of(), "get", "--path", file.toString(), "[\"users\", 1n, true, new Uint8Array([1])]");

    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).matches("[0-9a-f]{20}\n");
    assertThat(get.exitCode()).isZero();
    assertThat(get.out()).isEqualTo("{ name: \"Ada\", tags: new Set([\"x\"]) }\n");
  }

  @Test
  void serveIsUsedByTheDenoCliAndByAnotherKvProcess() throws Exception {
    Path file = dir.resolve("served.sqlite3");
    Process serve = start(Map.of("DENO_KV_ACCESS_TOKEN", TOKEN), "serve", "--path", file.toString(), "--addr", "127.0.0.1:0");
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      assertThat(first).as("first line of kv serve").isNotNull();
      Matcher m = LISTENING.matcher(first);
      assertThat(m.find()).as(first).isTrue();
      String url = "http://127.0.0.1:" + m.group(1);

      String denoOut = Peers.deno("""
          const kv = await Deno.openKv("%s");
          const r = await kv.atomic().set(["from", "deno"], { n: 5n, when: new Date(0) }).sum(["hits"], 3n).commit();
          console.log(r.ok);
          kv.close();
          """.formatted(url), Map.of("DENO_KV_ACCESS_TOKEN", TOKEN), 120).orThrow();
      assertThat(denoOut.strip()).isEqualTo("true");

      Result list = kv(Map.of("DENO_KV_ACCESS_TOKEN", TOKEN), "list", "--url", url);
      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(list.out()).isEqualTo(
          "[\"from\", \"deno\"]\t{ n: 5n, when: new Date(\"1970-01-01T00:00:00.000Z\") }\n"
              + "[\"hits\"]\tnew Deno.KvU64(3n)\n");

    } finally {
      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("DENO_KV_ACCESS_TOKEN");
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private Result kv(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("DENO_KV_ACCESS_TOKEN");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kv " + String.join(" ", args) + " ended").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String jar() {
    String jar = System.getProperty("kv.jar");
    assertThat(jar).as("the kv.jar system property set by the build").isNotNull();
    assertThat(Path.of(jar)).exists();
    return jar;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
