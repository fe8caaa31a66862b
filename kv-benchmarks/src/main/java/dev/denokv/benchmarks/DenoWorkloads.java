package dev.denokv.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code remote-workloads.ts} in the Deno CLI against a KV Connect server. */
final class DenoWorkloads {

  private DenoWorkloads() {}

  /** The script's ops/s per workload; it runs its own warm-up pass first. */
  static Map<String, Double> run(Path deno, String url, String accessToken, double scale)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("kv-bench-deno-remote");
    Path script = dir.resolve("remote-workloads.ts");
    try (InputStream in = DenoWorkloads.class.getResourceAsStream("remote-workloads.ts")) {
      Files.write(script, in.readAllBytes());
    }
    ProcessBuilder builder =
        new ProcessBuilder(deno.toString(), "run", "-A", "--unstable-kv", script.toString(), url, Double.toString(scale))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("DENO_KV_ACCESS_TOKEN", accessToken);
    builder.environment().put("NO_COLOR", "1");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("Deno workload failed: " + out);
    }
    Map<String, Double> r = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\"([^\"]+)\":([0-9.eE+-]+)").matcher(out);
    while (m.find()) {
      r.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return r;
  }
}
