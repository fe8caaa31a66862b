package dev.denokv.cli.command;

import dev.denokv.cli.transfer.Progress;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Whether a long-running command draws a progress bar: by default only on a terminal. */
public final class ProgressOptions {

  @Option(names = "--progress", negatable = true,
      description = "draw a progress bar on standard error (default: only when run on a terminal)")
  @Nullable Boolean progress;

  Progress create(CliContext context, PrintWriter err, String verb) {
    boolean shown = progress != null ? progress : context.terminal();
    return shown ? Progress.onTerminal(err, verb) : Progress.none();
  }

  boolean shown(CliContext context) {
    return progress != null ? progress : context.terminal();
  }
}
