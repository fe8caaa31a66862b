package dev.denokv.cli.error;

/** A failure the command reports as one line on standard error, ending with {@link #exitCode()}. */
public final class CliException extends RuntimeException {

  private final ExitCode exitCode;

  public CliException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
