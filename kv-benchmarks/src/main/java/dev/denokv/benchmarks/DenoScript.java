package dev.denokv.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one of the workload scripts in this package with the Deno CLI and reads the ops/s per
 * workload it prints as one JSON object.
 */
final class DenoScript {

  private DenoScript() {}

  /**
   * Runs the script resource {@code name} with {@code args}, extra environment {@code env}; the
   * script runs its own warm-up pass first.
   */
  static Map<String, Double> run(Path deno, String name, List<String> args, Map<String, String> env)
      throws IOException, InterruptedException {
    Path script = Files.createTempDirectory("kv-bench-deno").resolve(name);
    try (InputStream in = DenoScript.class.getResourceAsStream(name)) {
      Files.write(script, in.readAllBytes());
    }
    List<String> command = new ArrayList<>(List.of(deno.toString(), "run", "-A", "--unstable-kv", script.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
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
