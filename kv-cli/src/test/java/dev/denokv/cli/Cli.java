package dev.denokv.cli;

import dev.denokv.cli.command.CliContext;
import dev.denokv.cli.target.TargetSelection;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code kv} command line in this JVM, as a shell would: arguments in, stdout, stderr and exit code out. */
final class Cli {

  /** What a run printed and its exit code. */
  record Run(int exitCode, String out, String err) {
    /** Standard output without its final newline. */
    String line() {
      return out.strip();
    }
  }

  private final Map<String, String> environment;

  Cli(Map<String, String> environment) {
    this.environment = environment;
  }

  Cli() {
    this(Map.of());
  }

  Run run(String... args) {
    return runWithInput("", args);
  }

  Run runWithInput(String stdin, String... args) {
    CliContext context = new CliContext(TargetSelection.fromServices(), environment,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
    CommandLine commandLine = KvCli.commandLine(context);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
