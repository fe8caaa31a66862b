package dev.denokv.cli;

import dev.denokv.cli.command.CliContext;
import dev.denokv.cli.command.Commands;
import dev.denokv.cli.command.DatabaseCommand;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.error.Failures;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kv} command: inspect, serve, export, import and back up any Deno KV database. Every
 * subcommand chooses its database with {@code --path <file>}, {@code --memory} or
 * {@code --url <url>}; errors are one line on standard error and end with a documented exit code.
 */
@Command(name = "kv", mixinStandardHelpOptions = true, versionProvider = KvCli.Version.class,
    description = {"Inspect, serve, export, import and back up Deno KV databases: Deno's SQLite files,",
        "KV Connect servers (Deno Deploy, denokv, this project's server) and in-memory databases.",
        "Keys and values are written as in Deno: '[\"users\", 1n, true, new Uint8Array([1])]'."})
public final class KvCli {

  private KvCli() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    int code = commandLine(CliContext.system()).execute(args);
    System.exit(code);
  }

  /** The command line, ready to {@link CommandLine#execute}, working in {@code context}. */
  public static CommandLine commandLine(CliContext context) {
    CommandLine root = new CommandLine(new KvCli());
    for (DatabaseCommand command : Commands.create(context)) {
      CommandLine sub = new CommandLine(command);
      context.selection().addOptionsTo(sub.getCommandSpec(), true);
      sub.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(exitCodes());
      root.addSubcommand(sub);
    }
    root.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(exitCodes());
    root.setUsageHelpWidth(110);
    root.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
      Failures.Report report = Failures.report(failure);
      PrintWriter err = commandLine.getErr();
      err.println("kv: " + report.message());
      err.flush();
      return report.exitCode().code();
    });
    root.setParameterExceptionHandler((failure, args) -> {
      CommandLine cl = failure.getCommandLine();
      PrintWriter err = cl.getErr();
      err.println("kv: " + failure.getMessage());
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return ExitCode.USAGE.code();
    });
    root.setExitCodeExceptionMapper(failure -> Failures.report(failure).exitCode().code());
    return root;
  }

  private static String[] exitCodes() {
    List<String> lines = new ArrayList<>();
    for (ExitCode code : ExitCode.values()) {
      lines.add(String.format("  %d  %s", code.code(), code.meaning()));
    }
    return lines.toArray(String[]::new);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = KvCli.class.getPackage().getImplementationVersion();
      return new String[] {"kv " + (v == null ? "(development build)" : v)};
    }
  }

}
