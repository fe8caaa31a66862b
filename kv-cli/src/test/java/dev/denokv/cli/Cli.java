package dev.denokv.cli;

import dev.denokv.cli.command.CliContext;
import dev.denokv.cli.target.TargetSelection;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

  /** A run in progress: its output line by line, and its exit code once it ends. */
  record Running(BlockingQueue<String> lines, CompletableFuture<Integer> exitCode, StringWriter err) {
    /** The next line printed, waiting for it up to a minute. */
    String nextLine() throws InterruptedException {
      String line = lines.poll(60, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("no output line within a minute; stderr: " + err);
      }
      return line;
    }
  }

  /** Starts a run on another thread; its standard output is read line by line as it is printed. */
  Running start(String... args) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Writer lineWriter = new Writer() {
      private final StringBuilder pending = new StringBuilder();

      @Override
      public synchronized void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
          if (buffer[i] == '\n') {
            lines.add(pending.toString());
            pending.setLength(0);
          } else {
            pending.append(buffer[i]);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    StringWriter err = new StringWriter();
    CommandLine commandLine = KvCli.commandLine(context(""));
    commandLine.setOut(new PrintWriter(lineWriter, true));
    commandLine.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args));
    return new Running(lines, exit, err);
  }

  Run run(String... args) {
    return runWithInput("", args);
  }

  Run runWithInput(String stdin, String... args) {
    CommandLine commandLine = KvCli.commandLine(context(stdin));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private CliContext context(String stdin) {
    return new CliContext(TargetSelection.fromServices(), environment,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
  }
}
