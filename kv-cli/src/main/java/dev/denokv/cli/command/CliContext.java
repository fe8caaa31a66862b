package dev.denokv.cli.command;

import dev.denokv.cli.target.TargetSelection;
import java.io.InputStream;
import java.util.Map;

/**
 * What commands need from their surroundings: the database options, the environment (for the
 * access token), standard input, and whether standard output is a terminal (for progress bars).
 */
public record CliContext(TargetSelection selection, Map<String, String> environment, InputStream stdin, boolean terminal) {

  /** The context of a command run from a shell. */
  public static CliContext system() {
    return new CliContext(TargetSelection.fromServices(), System.getenv(), System.in, System.console() != null);
  }
}
